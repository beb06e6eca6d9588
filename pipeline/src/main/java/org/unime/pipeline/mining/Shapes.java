package org.unime.pipeline.mining;

/** Shape checks and conversions shared by the block records. */
final class Shapes {

  private Shapes() {}

  static void requireRows(String what, int rows, float[] vectors, int dim) {
    if (dim < 1) {
      throw new IllegalArgumentException("Cannot build a " + what + ": dim must be at least 1 (got " + dim + ")");
    }

    if ((long) rows * dim != vectors.length) {
      throw new IllegalArgumentException(
          "Cannot build a " + what + ": the vectors must hold rows × dim floats (got " + vectors.length
              + " floats for " + rows + " rows of dim " + dim + ")");
    }
  }

  /** The common row length; a block of zero rows has no length to infer, so it reports 1. */
  static int dimOf(float[][] rows) {
    return rows.length == 0 ? 1 : rows[0].length;
  }

  static float[] flatten(String what, float[][] rows) {
    int dim = dimOf(rows);
    float[] flat = new float[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dim) {
        throw new IllegalArgumentException(
            "Cannot build a " + what + ": all rows must have the same length (got " + rows[i].length + " at row "
                + i + ", expected " + dim + ")");
      }

      System.arraycopy(rows[i], 0, flat, i * dim, dim);
    }

    return flat;
  }
}
