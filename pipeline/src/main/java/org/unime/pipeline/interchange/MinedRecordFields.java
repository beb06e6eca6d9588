package org.unime.pipeline.interchange;

/** The JSON field names of a mined record (spec §1), spelled exactly as the released files spell them. */
final class MinedRecordFields {
  static final String QUERY_TEXT = "query_text";
  static final String QUERY_IMAGE = "query_image";
  static final String POS_TEXT = "pos_text";
  static final String POS_IMAGE = "pos_image";
  // Plural in the files although it holds one score.
  static final String QUERY_POS_SCORES = "query_pos_scores";
  static final String HARD_NEGATIVES = "hard_negatives";
  static final String HARD_NEGATIVES_SCORES = "hard_negatives_scores";

  private MinedRecordFields() {}
}
