package org.unime.udfs.retrieval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.unime.pipeline.mining.SimilarityKernel;

/**
 * Block similarities with libtorch's sgemm (through DJL's PyTorch engine): one dense product per block pair, the
 * part of retrieval where the FLOPs are. Each call uses its own NDManager, so instances are safe across threads.
 */
public final class DjlSimilarityKernel implements SimilarityKernel {
  private static final String ENGINE = "PyTorch";

  @Override
  public void scores(float[] queries, int nq, float[] cands, int nc, int dim, float[] out) {
    try (NDManager manager = NDManager.newBaseManager(ENGINE)) {
      NDArray q = manager.create(queries, new Shape(nq, dim));
      NDArray c = manager.create(cands, new Shape(nc, dim));
      float[] product = q.matMul(c.transpose()).toFloatArray();
      System.arraycopy(product, 0, out, 0, nq * nc);
    }
  }
}
