package org.unime.udfs.mining;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.unime.udfs.spark.ScalaValues;

/**
 * An item as exporters write it: text in the MMEB/VLM2Vec convention and an image path relative to the export
 * folder. Imported rows keep their original text and image path (so an import/export round trip is exact); our own
 * rows get the {@code <|image_1|>} placeholder when they carry an image, and their PNG is written under
 * {@code images/}.
 */
record ExportItem(String text, String imagePath) implements Serializable {
  static final String PLACEHOLDER = "<|image_1|>";
  private static final String RAW_TEXT = "raw_text";
  private static final String IMAGE_PATH = "image_path";

  /** {@code item}: a row with the item schema's id, text, image and source columns. */
  static ExportItem of(Row item, Path exportDir) throws IOException {
    Map<String, String> source = item.getJavaMap(item.fieldIndex("source"));
    String text = item.getAs("text");
    byte[] image = item.getAs("image");
    String rawText = source.get(RAW_TEXT);
    String exportedText = rawText != null ? rawText : withPlaceholder(text, image != null);
    if (image == null) {
      return new ExportItem(exportedText, "");
    }
    String originalPath = source.get(IMAGE_PATH);
    if (originalPath != null) {
      return new ExportItem(exportedText, originalPath);
    }
    String relative = "images/" + safeFileName(item.getAs("id")) + ".png";
    Path file = exportDir.resolve(relative);
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Files.write(file, image);
    }
    return new ExportItem(exportedText, relative);
  }

  private static String withPlaceholder(String text, boolean hasImage) {
    if (!hasImage) {
      return text == null ? "" : text;
    }
    return text == null || text.isEmpty() ? PLACEHOLDER : PLACEHOLDER + "\n" + text;
  }

  static String safeFileName(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static java.util.List<String> list(Object seq) {
    return ScalaValues.list(seq);
  }
}
