package org.unime.pipeline.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.Split;

/**
 * Reads one icon set (Tabler or MDI, chosen by {@link IconOptions#set()}): SVG icons named and tagged by their
 * metadata. Names are kept whole: {@code x} and {@code x-off} are distinct concepts, the near-variant pairs the judge
 * must tell apart.
 *
 * <p>Rows planned per icon {@code n} of set {@code s}: text candidate {@code s:text:n}; per included style
 * {@code y} the icon is drawn in, image candidate {@code s:y:n:image} and image→text query {@code s:y:n:i2t};
 * text→image query {@code s:text:n:t2i} whose positives are its surviving image candidates. All rows of a held-out
 * icon (key {@code s:n}) are {@code EVAL_UNSEEN_CONCEPT}, the rest {@code TRAIN}.
 *
 * <p>Every planned row becomes a record or exactly one reject: an absent SVG rejects its image candidate and
 * image→text query ({@code MISSING_IMAGE}); a text→image query left without images is {@code NO_POSITIVE}; an icon
 * whose name yields no text, or whose name repeats an earlier icon's, rejects all its rows ({@code EMPTY_TEXT},
 * {@code DUPLICATE_ID}).
 */
public final class IconSourceReader implements SourceReader {
  private final Path nodeModules;
  private final IconOptions options;
  private final String dataset;

  /** @param nodeModules the npm {@code node_modules} directory holding the set's package */
  public IconSourceReader(Path nodeModules, IconOptions options) {
    this.nodeModules = Objects.requireNonNull(nodeModules, "nodeModules");
    this.options = Objects.requireNonNull(options, "options");
    this.dataset = options.set().wireName();
  }

  @Override
  public String dataset() {
    return dataset;
  }

  @Override
  public SourceBatch read() throws IOException {
    SourceBatch.Builder batch = new SourceBatch.Builder(dataset);
    Set<String> seen = new HashSet<>();
    for (IconEntry icon : IconCatalog.load(options.set(), nodeModules, options.maxConcepts())) {
      if (icon.text().isEmpty()) {
        rejectAll(icon, RejectReason.EMPTY_TEXT,
            "Cannot describe icon: its name yields no text (got \"" + icon.name() + "\")", batch);
      } else if (!seen.add(icon.name())) {
        rejectAll(icon, RejectReason.DUPLICATE_ID,
            "Cannot plan icon: its name appears twice in the metadata (got " + icon.name() + ")", batch);
      } else {
        plan(icon, batch);
      }
    }
    return batch.build();
  }

  private void plan(IconEntry icon, SourceBatch.Builder batch) {
    Split split = options.holdout().isHeldOut(dataset + ":" + icon.name()) ? Split.EVAL_UNSEEN_CONCEPT : Split.TRAIN;
    String textId = textId(icon);
    Map<String, String> meta = icon.metadata(options.set());
    batch.add(Rows.textCandidate(textId, dataset, split, icon.text(), meta));
    List<String> imageIds = new ArrayList<>();
    for (String style : includedStyles(icon)) {
      String imageId = imageId(icon, style);
      String i2tId = i2tId(icon, style);
      Path svg = options.set().svgPath(nodeModules, style, icon.name());
      if (!Files.isRegularFile(svg)) {
        String detail = "Cannot find " + style + " SVG of icon " + icon.name() + ": the file is absent (got " + svg
            + ")";
        batch.reject(new Reject(dataset, imageId, RejectReason.MISSING_IMAGE, detail));
        batch.reject(new Reject(dataset, i2tId, RejectReason.MISSING_IMAGE, detail));
        continue;
      }
      ImageRef.File image = new ImageRef.File(svg.toAbsolutePath().toString(), ImageRef.ImageFormat.SVG);
      Map<String, String> imageMeta = new HashMap<>(meta);
      imageMeta.put("style", style);
      imageMeta.put("path", image.path());
      batch.add(Rows.imageCandidate(imageId, dataset, split, image, imageMeta));
      batch.add(Rows.query(i2tId, dataset, split, options.imageToTextInstruction(), image, List.of(textId),
          imageMeta));
      imageIds.add(imageId);
    }
    String t2iId = textId + ":t2i";
    if (imageIds.isEmpty()) {
      batch.reject(new Reject(dataset, t2iId, RejectReason.NO_POSITIVE,
          "Cannot plan text-to-image query: icon " + icon.name() + " has no usable SVG in styles "
              + includedStyles(icon)));
      return;
    }
    String text = options.textToImageInstruction() + icon.text();
    batch.add(Rows.query(t2iId, dataset, split, text, null, imageIds, meta));
  }

  private void rejectAll(IconEntry icon, RejectReason reason, String detail, SourceBatch.Builder batch) {
    batch.reject(new Reject(dataset, textId(icon), reason, detail));
    for (String style : includedStyles(icon)) {
      batch.reject(new Reject(dataset, imageId(icon, style), reason, detail));
      batch.reject(new Reject(dataset, i2tId(icon, style), reason, detail));
    }
    batch.reject(new Reject(dataset, textId(icon) + ":t2i", reason, detail));
  }

  /** The options' styles that this icon is drawn in, in the set's order. */
  private List<String> includedStyles(IconEntry icon) {
    return options.styles().stream().filter(icon.styles()::contains).toList();
  }

  private String textId(IconEntry icon) {
    return dataset + ":text:" + icon.name();
  }

  private String imageId(IconEntry icon, String style) {
    return dataset + ":" + style + ":" + icon.name() + ":image";
  }

  private String i2tId(IconEntry icon, String style) {
    return dataset + ":" + style + ":" + icon.name() + ":i2t";
  }
}
