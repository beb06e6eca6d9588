package org.unime.pipeline.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.Split;

/**
 * Reads Fashion-MNIST as MMEB-style classification-as-retrieval: each image is a query whose one positive is the
 * text candidate naming its class.
 *
 * <p>Rows: ten text candidates {@code fashion-mnist:class:<k>} ({@code TRAIN}, shared by both parts), then one query
 * {@code fashion-mnist:<train|t10k>:<index>} per image, in index order; {@code train} images are {@code TRAIN},
 * {@code t10k} images {@code TEST}. A label outside 0..9 makes its query a {@code MALFORMED_ROW} reject; a malformed
 * file header or mismatched image/label counts throw, naming the file and field.
 */
public final class FashionMnistSourceReader implements SourceReader {
  public static final String DATASET = "fashion-mnist";

  /** Class names in label order, as published with the dataset. */
  public static final List<String> CLASS_NAMES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private static final int SIDE = 28;

  private final Path directory;
  private final FashionMnistOptions options;

  /** @param directory holds {@code {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz} */
  public FashionMnistSourceReader(Path directory, FashionMnistOptions options) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String dataset() {
    return DATASET;
  }

  @Override
  public SourceBatch read() throws IOException {
    SourceBatch.Builder batch = new SourceBatch.Builder(DATASET);
    for (int k = 0; k < CLASS_NAMES.size(); k++) {
      batch.add(Rows.textCandidate(classId(k), DATASET, Split.TRAIN, CLASS_NAMES.get(k),
          Map.of("label", Integer.toString(k))));
    }
    readPart("train", Split.TRAIN, options.maxTrain(), batch);
    readPart("t10k", Split.TEST, options.maxTest(), batch);
    return batch.build();
  }

  private void readPart(String part, Split split, int max, SourceBatch.Builder batch) throws IOException {
    int limit = max == 0 ? Integer.MAX_VALUE : max;
    Path imagesFile = directory.resolve(part + "-images-idx3-ubyte.gz");
    Path labelsFile = directory.resolve(part + "-labels-idx1-ubyte.gz");
    IdxReader.Images images = IdxReader.readImages(imagesFile, SIDE, SIDE, limit);
    IdxReader.Labels labels = IdxReader.readLabels(labelsFile, limit);
    if (images.count() != labels.count()) {
      throw new IOException(
          "Cannot pair Fashion-MNIST " + part + " files: field 'count' differs between " + imagesFile + " and "
              + labelsFile + " (got " + images.count() + " images, " + labels.count() + " labels)");
    }
    for (int i = 0; i < images.pixels().size(); i++) {
      String id = DATASET + ":" + part + ":" + i;
      int label = labels.labels()[i] & 0xFF;
      if (label >= CLASS_NAMES.size()) {
        batch.reject(new Reject(DATASET, id, RejectReason.MALFORMED_ROW,
            "Cannot classify image: label must be in 0.." + (CLASS_NAMES.size() - 1) + " (got " + label + " in "
                + labelsFile + ")"));
        continue;
      }
      ImageRef image = new ImageRef.GrayPixels(SIDE, SIDE, images.pixels().get(i));
      Map<String, String> meta = Map.of(
          "file", imagesFile.getFileName().toString(),
          "index", Integer.toString(i),
          "label", Integer.toString(label),
          "class_name", CLASS_NAMES.get(label));
      batch.add(Rows.query(id, DATASET, split, options.instruction(), image, List.of(classId(label)), meta));
    }
  }

  /** The id of the candidate naming class {@code k}. */
  public static String classId(int k) {
    return DATASET + ":class:" + k;
  }
}
