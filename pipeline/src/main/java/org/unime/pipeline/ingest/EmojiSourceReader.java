package org.unime.pipeline.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.Split;

/**
 * Reads the emoji dataset: Google and Twitter 64 px PNGs from the {@code emoji-datasource-*} npm packages, labelled
 * with CLDR English names and tags from {@code emojibase-data}. Every skin-tone variant is its own item.
 *
 * <p>Rows planned per item with code {@code c} (lower-case code points, e.g. {@code 1f44b-1f3fb}):
 *
 * <ul>
 *   <li>{@code emoji:text:c}: text candidate, the label;
 *   <li>per vendor {@code v} that draws it: {@code emoji:v:c:image} image candidate, {@code emoji:v:c:i2t}
 *       image→text query whose positive is the text candidate, and {@code emoji:v:c:t2i} text→image query whose
 *       positive is that vendor's image.
 * </ul>
 *
 * <p>Splits: all rows of a held-out base emoji (all tones, all vendors) are {@code EVAL_UNSEEN_CONCEPT}; otherwise
 * text rows and training-vendor rows are {@code TRAIN} and unseen-vendor rows {@code EVAL_UNSEEN_VENDOR}. Text→image
 * queries are per vendor so that no training query points at an unseen-vendor image.
 *
 * <p>Every planned row becomes a record or exactly one reject under the id it would have had: a vendor image whose
 * bytes repeat an earlier item's ({@code DUPLICATE_IMAGE}) or whose file is absent ({@code MISSING_IMAGE}) rejects
 * its image candidate and both of that vendor's queries; an
 * item without a CLDR label rejects all its rows as {@code EMPTY_TEXT}.
 */
public final class EmojiSourceReader implements SourceReader {
  public static final String DATASET = "emoji";

  private final Path nodeModules;
  private final EmojiOptions options;

  /**
   * @param nodeModules the npm {@code node_modules} directory holding {@code emoji-datasource},
   *     {@code emoji-datasource-google}, {@code emoji-datasource-twitter} and {@code emojibase-data}
   */
  public EmojiSourceReader(Path nodeModules, EmojiOptions options) {
    this.nodeModules = Objects.requireNonNull(nodeModules, "nodeModules");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String dataset() {
    return DATASET;
  }

  @Override
  public SourceBatch read() throws IOException {
    SourceBatch.Builder batch = new SourceBatch.Builder(DATASET);
    ImageDeduplicator dedup = new ImageDeduplicator();
    for (EmojiEntry entry : EmojiCatalog.load(nodeModules, options.maxConcepts())) {
      if (entry.hasLabel()) {
        plan(entry, batch, dedup);
      } else {
        rejectUnlabelled(entry, batch);
      }
    }
    return batch.build();
  }

  private void plan(EmojiEntry entry, SourceBatch.Builder batch, ImageDeduplicator dedup) throws IOException {
    boolean heldOut = options.holdout().isHeldOut(entry.conceptKey());
    Split textSplit = heldOut ? Split.EVAL_UNSEEN_CONCEPT : Split.TRAIN;
    String textId = textId(entry);
    Map<String, String> meta = entry.metadata();
    batch.add(Rows.textCandidate(textId, DATASET, textSplit, entry.label(), meta));
    for (EmojiVendor vendor : options.vendors()) {
      if (entry.hasImage(vendor)) {
        Split split = heldOut ? Split.EVAL_UNSEEN_CONCEPT : vendorSplit(vendor);
        planVendorImage(entry, vendor, split, textId, batch, dedup);
      }
    }
  }

  /** Plans one vendor's image candidate and its image→text and text→image queries. */
  private void planVendorImage(
      EmojiEntry entry,
      EmojiVendor vendor,
      Split split,
      String textId,
      SourceBatch.Builder batch,
      ImageDeduplicator dedup)
      throws IOException {
    String prefix = "emoji:" + vendor.wireName() + ":" + entry.code();
    String imageId = prefix + ":image";
    String i2tId = prefix + ":i2t";
    String t2iId = prefix + ":t2i";
    Path file = vendor.imagePath(nodeModules, entry.imageFileName());
    Optional<Reject> problem = imageProblem(file, vendor, imageId, dedup);
    if (problem.isPresent()) {
      batch.reject(problem.get());
      batch.reject(new Reject(DATASET, i2tId, problem.get().reason(), problem.get().detail()));
      batch.reject(new Reject(DATASET, t2iId, problem.get().reason(), problem.get().detail()));
      return;
    }
    ImageRef.File image = new ImageRef.File(file.toAbsolutePath().toString(), ImageRef.ImageFormat.PNG);
    Map<String, String> meta = new HashMap<>(entry.metadata());
    meta.put("vendor", vendor.wireName());
    meta.put("path", image.path());
    batch.add(Rows.imageCandidate(imageId, DATASET, split, image, meta));
    batch.add(Rows.query(i2tId, DATASET, split, options.imageToTextInstruction(), image, List.of(textId), meta));
    String t2iText = options.textToImageInstruction() + entry.label();
    batch.add(Rows.query(t2iId, DATASET, split, t2iText, null, List.of(imageId), meta));
  }

  private static Optional<Reject> imageProblem(
      Path file, EmojiVendor vendor, String imageId, ImageDeduplicator dedup) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.of(new Reject(DATASET, imageId, RejectReason.MISSING_IMAGE,
          "Cannot find " + vendor.wireName() + " image: emoji.json declares it but the file is absent (got " + file
              + ")"));
    }
    Optional<String> kept = dedup.register(vendor.wireName(), file, imageId);
    return kept.map(keptId -> new Reject(DATASET, imageId, RejectReason.DUPLICATE_IMAGE,
        "Cannot keep image: its bytes equal those of " + keptId + " (got " + file + ")"));
  }

  private Split vendorSplit(EmojiVendor vendor) {
    return vendor == options.trainingVendor() ? Split.TRAIN : Split.EVAL_UNSEEN_VENDOR;
  }

  /** Without a label there is nothing to retrieve or to retrieve with, so every row of the item is rejected. */
  private void rejectUnlabelled(EmojiEntry entry, SourceBatch.Builder batch) {
    String detail = "Cannot label emoji: emojibase-data has no English label for it (got " + entry.unified() + ")";
    String textId = textId(entry);
    batch.reject(new Reject(DATASET, textId, RejectReason.EMPTY_TEXT, detail));
    for (EmojiVendor vendor : options.vendors()) {
      if (entry.hasImage(vendor)) {
        String prefix = "emoji:" + vendor.wireName() + ":" + entry.code();
        batch.reject(new Reject(DATASET, prefix + ":image", RejectReason.EMPTY_TEXT, detail));
        batch.reject(new Reject(DATASET, prefix + ":i2t", RejectReason.EMPTY_TEXT, detail));
        batch.reject(new Reject(DATASET, prefix + ":t2i", RejectReason.EMPTY_TEXT, detail));
      }
    }
  }

  private static String textId(EmojiEntry entry) {
    return "emoji:text:" + entry.code();
  }
}
