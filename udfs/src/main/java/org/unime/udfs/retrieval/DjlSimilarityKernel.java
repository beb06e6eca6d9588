package org.unime.udfs.retrieval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
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
      // Callers may pass buffers longer than the block (reused tiles); wrap exactly the rows in use.
      NDArray q = manager.create(FloatBuffer.wrap(queries, 0, nq * dim), new Shape(nq, dim));
      NDArray c = manager.create(FloatBuffer.wrap(cands, 0, nc * dim), new Shape(nc, dim));
      float[] product = q.matMul(c.transpose()).toFloatArray();
      System.arraycopy(product, 0, out, 0, nq * nc);
    }
  }
}
