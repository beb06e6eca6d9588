package org.unime.pipeline.eval;

import java.util.Arrays;

/**
 * The caption × image similarity matrix, served one row or column at a time so that COCO's 25K × 5K never has to be
 * held (as doubles it would be 1 GB). Backed either by vectors (cosine, computed on demand) or by an explicit
 * matrix. Immutable; the vector arrays are not copied, so callers must not change them while it is in use.
 */
public final class CrossModalScores {
  private final float[][] captions;
  private final float[][] images;
  private final double[] captionInverseNorms;
  private final double[] imageInverseNorms;
  private final double[][] matrix;

  private CrossModalScores(float[][] captions, float[][] images, double[][] matrix) {
    this.captions = captions;
    this.images = images;
    this.matrix = matrix;
    this.captionInverseNorms = captions == null ? null : Cosine.inverseNorms(captions, "caption");
    this.imageInverseNorms = images == null ? null : Cosine.inverseNorms(images, "image");
    if (captions != null) {
      Cosine.checkDimension(captions[0].length, images[0].length, "image vectors");
    }
  }

  /** Cosine scores of caption and image embeddings (any scale; they are normalised here). */
  public static CrossModalScores cosine(float[][] captions, float[][] images) {
    return new CrossModalScores(captions, images, null);
  }

  /** Explicit scores, {@code matrix[caption][image]}; copied. */
  public static CrossModalScores ofMatrix(double[][] matrix) {
    if (matrix.length == 0 || matrix[0].length == 0) {
      throw new IllegalArgumentException("Cannot use score matrix: it is empty (got " + matrix.length + " rows)");
    }
    double[][] copy = new double[matrix.length][];
    for (int c = 0; c < matrix.length; c++) {
      if (matrix[c].length != matrix[0].length) {
        throw new IllegalArgumentException("Cannot use score matrix: row " + c + " has " + matrix[c].length
            + " columns, expected " + matrix[0].length + " (got " + matrix[c].length + ")");
      }
      copy[c] = Arrays.copyOf(matrix[c], matrix[c].length);
    }
    return new CrossModalScores(null, null, copy);
  }

  public int captionCount() {
    return matrix != null ? matrix.length : captions.length;
  }

  public int imageCount() {
    return matrix != null ? matrix[0].length : images.length;
  }

  /** Scores of one caption against every image. */
  public double[] imagesFor(int caption) {
    double[] out = new double[imageCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = score(caption, i);
    }
    return out;
  }

  /** Scores of one image against every caption. */
  public double[] captionsFor(int image) {
    double[] out = new double[captionCount()];
    for (int c = 0; c < out.length; c++) {
      out[c] = score(c, image);
    }
    return out;
  }

  private double score(int caption, int image) {
    if (matrix != null) {
      return matrix[caption][image];
    }
    return Cosine.dot(captions[caption], images[image]) * captionInverseNorms[caption] * imageInverseNorms[image];
  }
}
