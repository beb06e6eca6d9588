package org.unime.pipeline.mining;

/**
 * Computes all query–candidate dot products of one block pair: the matmul half of exact top-k retrieval. The
 * selection half ({@link BoundedTopK}, applied by {@link BlockScorer}) is separate so that a BLAS or libtorch
 * kernel can replace {@link JavaSimilarityKernel} without touching the selection or its tie-breaking.
 *
 * <p>Contract: {@code out[i * nc + j] = dot(queries row i, cands row j)} for {@code i < nq}, {@code j < nc}. Rows are
 * row-major with {@code dim} floats each. Only the first {@code nq * dim}, {@code nc * dim} and {@code nq * nc}
 * elements of the arrays are read or written, so callers may pass reused, larger buffers. Implementations must
 * overwrite (not accumulate into) {@code out}.
 *
 * <p>Determinism: for top-k results to be independent of how the pool is split into blocks, a kernel must give a
 * pair the same float whatever block it sits in. {@link JavaSimilarityKernel} guarantees this bit for bit; a
 * BLAS kernel may not, which only matters for exact ties.
 *
 * <p>Implementations should be thread-safe (stateless, or per-thread scratch) or documented as per-task.
 */
@FunctionalInterface
public interface SimilarityKernel {

  /**
   * Writes the {@code nq × nc} dot products of the query rows with the candidate rows into {@code out}, row-major.
   */
  void scores(float[] queries, int nq, float[] cands, int nc, int dim, float[] out);
}
