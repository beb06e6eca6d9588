package org.unime.udfs.torchscript;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Reads one position per row out of a {@code [B, T, X]} output. */
final class Pooling {
  private Pooling() {}

  /**
   * The vectors at {@code lastIndex[b]} of each row: the last non-pad token, whichever side the padding is on.
   *
   * @return {@code [B, X]}
   */
  static NDArray lastToken(NDArray output, int[] lastIndex) {
    Shape shape = output.getShape();
    long rows = shape.get(0);
    long length = shape.get(1);
    long[] flatIndex = new long[lastIndex.length];
    for (int b = 0; b < lastIndex.length; b++) {
      flatIndex[b] = b * length + lastIndex[b];
    }
    NDArray flat = output.reshape(rows * length, shape.get(2));
    return flat.get(output.getManager().create(flatIndex));
  }
}
