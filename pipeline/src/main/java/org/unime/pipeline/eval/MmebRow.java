package org.unime.pipeline.eval;

import java.util.List;
import java.util.Objects;

/**
 * One MMEB-eval row (TIGER-Lab/MMEB-eval columns): a query and its candidate list, with the ground truth at index 0.
 * Absent image paths are {@code ""}, as in the source.
 *
 * @param index 0-based position of the row in its file
 * @param queryText {@code qry_text}: instruction + query, may contain {@code <|image_1|>}
 * @param queryImagePath {@code qry_img_path}, or {@code ""}
 * @param targetTexts {@code tgt_text}: one per candidate, ground truth first
 * @param targetImagePaths {@code tgt_img_path}: one per candidate (each may be {@code ""}), ground truth first
 */
public record MmebRow(
    long index, String queryText, String queryImagePath, List<String> targetTexts, List<String> targetImagePaths) {

  static final String QRY_TEXT = "qry_text";
  static final String QRY_IMG_PATH = "qry_img_path";
  static final String TGT_TEXT = "tgt_text";
  static final String TGT_IMG_PATH = "tgt_img_path";

  public MmebRow {
    Objects.requireNonNull(queryText, QRY_TEXT);
    Objects.requireNonNull(queryImagePath, QRY_IMG_PATH);
    targetTexts = List.copyOf(targetTexts);
    targetImagePaths = List.copyOf(targetImagePaths);
    if (targetTexts.isEmpty()) {
      throw new IllegalArgumentException("Cannot make MMEB row " + index + ": it has no candidates (got "
          + TGT_TEXT + " [])");
    }
    if (targetTexts.size() != targetImagePaths.size()) {
      throw new IllegalArgumentException("Cannot make MMEB row " + index + ": " + TGT_TEXT + " and " + TGT_IMG_PATH
          + " differ in length (got " + targetTexts.size() + " and " + targetImagePaths.size() + ")");
    }
  }

  public int candidateCount() {
    return targetTexts.size();
  }
}
