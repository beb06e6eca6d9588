package org.unime.pipeline.interchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One MMEB-train / VLM2Vec training row (TIGER-Lab/MMEB-train columns). Absent image paths and absent negatives are
 * {@code ""}, as in the source.
 *
 * @param qry query text (instruction + query), may contain {@code <|image_1|>}
 * @param qryImagePath {@code qry_image_path}: relative image path or {@code ""}
 * @param posText {@code pos_text}: the positive's text
 * @param posImagePath {@code pos_image_path}: the positive's relative image path or {@code ""}
 * @param negText {@code neg_text}: the optional negative's text, or {@code ""}
 * @param negImagePath {@code neg_image_path}: the optional negative's image path, or {@code ""}
 */
public record MmebTrainRow(
    String qry, String qryImagePath, String posText, String posImagePath, String negText, String negImagePath) {

  static final String QRY = "qry";
  static final String QRY_IMAGE_PATH = "qry_image_path";
  static final String POS_TEXT = "pos_text";
  static final String POS_IMAGE_PATH = "pos_image_path";
  static final String NEG_TEXT = "neg_text";
  static final String NEG_IMAGE_PATH = "neg_image_path";

  public MmebTrainRow {
    Objects.requireNonNull(qry, QRY);
    Objects.requireNonNull(qryImagePath, QRY_IMAGE_PATH);
    Objects.requireNonNull(posText, POS_TEXT);
    Objects.requireNonNull(posImagePath, POS_IMAGE_PATH);
    Objects.requireNonNull(negText, NEG_TEXT);
    Objects.requireNonNull(negImagePath, NEG_IMAGE_PATH);
  }

  public Candidate query() {
    return new Candidate(qry, qryImagePath);
  }

  public Candidate positive() {
    return new Candidate(posText, posImagePath);
  }

  /**
   * Reads a row from a parsed JSON line. {@code qry} and {@code pos_text} must be present strings; the other fields
   * may be absent or null. Other keys are ignored.
   *
   * @throws IllegalArgumentException naming the offending field
   */
  public static MmebTrainRow fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("Cannot read an MMEB-train row: expected a JSON object (got "
          + (node == null ? "nothing" : node.getNodeType()) + ")");
    }
    return new MmebTrainRow(
        required(node, QRY),
        optional(node, QRY_IMAGE_PATH),
        required(node, POS_TEXT),
        optional(node, POS_IMAGE_PATH),
        optional(node, NEG_TEXT),
        optional(node, NEG_IMAGE_PATH));
  }

  private static String required(JsonNode node, String field) {
    if (!node.has(field)) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      throw new IllegalArgumentException("Cannot read an MMEB-train row: field " + field + " is missing (got keys "
          + keys + ")");
    }
    return optional(node, field);
  }

  private static String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("Cannot read an MMEB-train row: field " + field + " must be a string (got "
          + value.getNodeType() + " " + value + ")");
    }
    return value.textValue();
  }
}
