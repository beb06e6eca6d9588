package org.unime.pipeline.interchange;

import java.util.List;

/**
 * One element of the reference mined-record JSON (spec §1): a training query, its positive, the judge score of the
 * positive and the sampled hard negatives with their judge scores (aligned, in stored order, not sorted).
 *
 * <p>Scores are kept as the doubles the file holds; the released files hold float32 values printed as doubles, and
 * nothing here rounds them, so a read-write-read cycle keeps them bit-identical.
 *
 * @param queryText {@code query_text}: instruction + query text, may contain {@code <|image_1|>}
 * @param queryImage {@code query_image}: relative image path or {@code ""}
 * @param posText {@code pos_text}: the positive's text
 * @param posImage {@code pos_image}: the positive's relative image path or {@code ""}
 * @param queryPosScore {@code query_pos_scores}: judge score of the positive
 * @param hardNegatives {@code hard_negatives}: the mined negatives in stored order
 * @param hardNegativeScores {@code hard_negatives_scores}: judge scores aligned with {@code hardNegatives}
 */
public record MinedRecord(
    String queryText,
    String queryImage,
    String posText,
    String posImage,
    double queryPosScore,
    List<Candidate> hardNegatives,
    List<Double> hardNegativeScores) {

  public MinedRecord {
    String problem = problem(queryText, queryImage, posText, posImage, queryPosScore, hardNegatives,
        hardNegativeScores);
    if (problem != null) {
      throw new IllegalArgumentException("Cannot build a mined record: " + problem);
    }
    hardNegatives = List.copyOf(hardNegatives);
    hardNegativeScores = List.copyOf(hardNegativeScores);
  }

  /** The query side as a candidate-shaped pair (text, image path). */
  public Candidate query() {
    return new Candidate(queryText, queryImage);
  }

  /** The positive as a candidate. */
  public Candidate positive() {
    return new Candidate(posText, posImage);
  }

  /**
   * Finds the first reason the values cannot form a record, phrased with the JSON field names so that the codec can
   * report it against a record index; null if the values are valid.
   */
  static String problem(
      String queryText,
      String queryImage,
      String posText,
      String posImage,
      double queryPosScore,
      List<Candidate> hardNegatives,
      List<Double> hardNegativeScores) {
    String missing = firstNull(queryText, queryImage, posText, posImage, hardNegatives, hardNegativeScores);
    if (missing != null) {
      return "field " + missing + " is missing";
    }
    if (!Double.isFinite(queryPosScore)) {
      return "field " + MinedRecordFields.QUERY_POS_SCORES + " must be finite (got " + queryPosScore + ")";
    }
    if (hardNegativeScores.size() != hardNegatives.size()) {
      return "field " + MinedRecordFields.HARD_NEGATIVES_SCORES + " has " + hardNegativeScores.size()
          + " values but " + MinedRecordFields.HARD_NEGATIVES + " has " + hardNegatives.size();
    }
    for (int i = 0; i < hardNegatives.size(); i++) {
      if (hardNegatives.get(i) == null) {
        return "field " + MinedRecordFields.HARD_NEGATIVES + "[" + i + "] is null";
      }
      Double score = hardNegativeScores.get(i);
      if (score == null || !Double.isFinite(score)) {
        return "field " + MinedRecordFields.HARD_NEGATIVES_SCORES + "[" + i + "] must be finite (got " + score + ")";
      }
    }
    return null;
  }

  private static String firstNull(
      String queryText,
      String queryImage,
      String posText,
      String posImage,
      List<Candidate> hardNegatives,
      List<Double> hardNegativeScores) {
    if (queryText == null) {
      return MinedRecordFields.QUERY_TEXT;
    }
    if (queryImage == null) {
      return MinedRecordFields.QUERY_IMAGE;
    }
    if (posText == null) {
      return MinedRecordFields.POS_TEXT;
    }
    if (posImage == null) {
      return MinedRecordFields.POS_IMAGE;
    }
    if (hardNegatives == null) {
      return MinedRecordFields.HARD_NEGATIVES;
    }
    return hardNegativeScores == null ? MinedRecordFields.HARD_NEGATIVES_SCORES : null;
  }
}
