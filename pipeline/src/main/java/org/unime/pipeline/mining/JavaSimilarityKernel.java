package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The pure-Java reference {@link SimilarityKernel}: exact, deterministic and allocation-light, used when no native
 * kernel is available and as the oracle for one.
 *
 * <p>Each dot product is summed in float in ascending dimension order, starting from 0, with no fused
 * multiply-add. The value of a pair therefore does not depend on block sizes or on which other rows share the
 * block, which is what makes retrieval results independent of partitioning (and lets tests compare with a naive
 * loop bit for bit).
 *
 * <p>Loop order: candidates are transposed one depth slice at a time into a small {@code depth × nc} panel, and each
 * query row is accumulated as {@code out[j] += q[d] * panel[d][j]}. The inner loop runs over contiguous memory with
 * no reduction, which C2's superword pass vectorises; a naive per-pair dot product is a float reduction the JIT
 * will not reorder, so it stays scalar.
 *
 * <p>Stateless and thread-safe; the panel is allocated per call (at most {@code depth × nc} floats).
 */
public final class JavaSimilarityKernel implements SimilarityKernel, Serializable {
  private static final long serialVersionUID = 1L;

  /** Dimensions per panel: 64 × 256 candidates × 4 bytes = 64 KiB, about an L2 slice. */
  private static final int DEPTH = 64;

  @Override
  public void scores(float[] queries, int nq, float[] cands, int nc, int dim, float[] out) {
    checkShapes(queries, nq, cands, nc, dim, out);
    Arrays.fill(out, 0, nq * nc, 0f);
    if (nq == 0 || nc == 0) {
      return;
    }

    float[] panel = new float[Math.min(DEPTH, dim) * nc];
    for (int d0 = 0; d0 < dim; d0 += DEPTH) {
      int depth = Math.min(DEPTH, dim - d0);
      transpose(cands, nc, dim, d0, depth, panel);
      for (int i = 0; i < nq; i++) {
        accumulateRow(queries, i * dim + d0, depth, panel, nc, out, i * nc);
      }
    }
  }

  /** panel[d][j] = cands[j][d0 + d] for d < depth. */
  private static void transpose(float[] cands, int nc, int dim, int d0, int depth, float[] panel) {
    for (int j = 0; j < nc; j++) {
      int src = j * dim + d0;
      for (int d = 0; d < depth; d++) {
        panel[d * nc + j] = cands[src + d];
      }
    }
  }

  private static void accumulateRow(
      float[] queries, int queryOffset, int depth, float[] panel, int nc, float[] out, int outOffset) {
    for (int d = 0; d < depth; d++) {
      float qd = queries[queryOffset + d];
      int p = d * nc;
      for (int j = 0; j < nc; j++) {
        out[outOffset + j] += qd * panel[p + j];
      }
    }
  }

  private static void checkShapes(float[] queries, int nq, float[] cands, int nc, int dim, float[] out) {
    if (dim < 1 || nq < 0 || nc < 0) {
      throw new IllegalArgumentException(
          "Cannot compute similarities: dim must be >= 1 and row counts >= 0 (got dim=" + dim + ", nq=" + nq
              + ", nc=" + nc + ")");
    }

    requireLength("query", queries.length, (long) nq * dim);
    requireLength("candidate", cands.length, (long) nc * dim);
    requireLength("output", out.length, (long) nq * nc);
  }

  private static void requireLength(String what, int actual, long needed) {
    if (actual < needed) {
      throw new IllegalArgumentException(
          "Cannot compute similarities: the " + what + " array is too short (got " + actual + " floats, need "
              + needed + ")");
    }
  }
}
