package org.unime.pipeline.eval;

import java.util.Objects;

/**
 * An image's similarity to its true and to its negative caption.
 *
 * @param subset the item's subset
 * @param positive similarity to the true caption
 * @param negative similarity to the negative caption
 */
public record PairScore(String subset, double positive, double negative) {

  public PairScore {
    Objects.requireNonNull(subset, "subset");
    if (Double.isNaN(positive) || Double.isNaN(negative)) {
      throw new IllegalArgumentException("Cannot score compositional pair in " + subset + ": a similarity is NaN"
          + " (got positive " + positive + ", negative " + negative + ")");
    }
  }

  /** Cosine scores of an image embedding with the two caption embeddings. */
  public static PairScore cosine(String subset, float[] image, float[] caption, float[] negativeCaption) {
    return new PairScore(subset, Cosine.of(image, caption), Cosine.of(image, negativeCaption));
  }

  /** Strictly greater, as the reference: a tie is wrong, since the model did not prefer the true caption. */
  public boolean correct() {
    return positive > negative;
  }
}
