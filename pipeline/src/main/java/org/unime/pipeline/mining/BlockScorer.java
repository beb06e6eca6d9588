package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Exact top-k retrieval over blocks: scores a query block against a candidate block with a {@link
 * SimilarityKernel} and offers every admissible score to the query's {@link BoundedTopK}.
 *
 * <p>Work is tiled so that at most {@code queryTile × candidateTile} scores (plus one candidate and one query tile
 * of vectors) exist at once, whatever the block sizes. A score is offered only if the query's {@link
 * RetrievalFilter} accepts it; the cap and the top-k threshold are checked before the excluded-id lookup, since
 * they reject most scores cheaply.
 *
 * <p>Results are exact and, with a deterministic kernel such as {@link JavaSimilarityKernel}, independent of tile
 * sizes and of how candidates are split into blocks. A non-finite similarity fails loudly instead of being
 * filtered out, because it means a broken embedding.
 *
 * <p>Immutable and thread-safe when its kernel is; scratch buffers are allocated per call. Serializable when its
 * kernel is, so a scorer with the Java kernel can ride in a Spark closure; build one with a native kernel inside
 * the task instead.
 */
public final class BlockScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SimilarityKernel kernel;
  private final int queryTile;
  private final int candidateTile;

  private BlockScorer(Builder builder) {
    this.kernel = builder.kernel;
    this.queryTile = builder.queryTile;
    this.candidateTile = builder.candidateTile;
  }

  /** A scorer with the pure-Java kernel and default tiles. */
  public static BlockScorer create() {
    return builder(new JavaSimilarityKernel()).build();
  }

  /** Starts a scorer around the given kernel; tiles default to 64 queries × 256 candidates. */
  public static Builder builder(SimilarityKernel kernel) {
    return new Builder(kernel);
  }

  /**
   * Scores every query of {@code queries} against every candidate of {@code candidates} and offers the admissible
   * scores to {@code tops.get(i)} for query i. Call once per candidate block; the tops accumulate across calls.
   */
  public void score(QueryBlock queries, CandidateBlock candidates, List<BoundedTopK> tops) {
    checkCompatible(queries, candidates, tops);
    int nq = queries.size();
    int nc = candidates.size();
    if (nq == 0 || nc == 0) {
      return;
    }

    int dim = queries.dim();
    int qt = Math.min(queryTile, nq);
    int ct = Math.min(candidateTile, nc);
    float[] out = new float[qt * ct];
    float[] queryBuffer = nq > qt ? new float[qt * dim] : null;
    float[] candidateBuffer = nc > ct ? new float[ct * dim] : null;
    // Candidate tiles outermost: each candidate tile is copied once and reused by every query tile.
    for (int c0 = 0; c0 < nc; c0 += ct) {
      int cn = Math.min(ct, nc - c0);
      float[] cands = rows(candidates.vectors(), c0, cn, dim, candidateBuffer);
      for (int q0 = 0; q0 < nq; q0 += qt) {
        int qn = Math.min(qt, nq - q0);
        float[] qs = rows(queries.vectors(), q0, qn, dim, queryBuffer);
        kernel.scores(qs, qn, cands, cn, dim, out);
        offerTile(queries, q0, qn, candidates, c0, cn, out, tops);
      }
    }
  }

  /** Convenience: the exact top-k of every query over all blocks, one {@link BoundedTopK} per query. */
  public List<BoundedTopK> retrieve(QueryBlock queries, Iterable<CandidateBlock> blocks, int k) {
    List<BoundedTopK> tops = new ArrayList<>(queries.size());
    for (int i = 0; i < queries.size(); i++) {
      tops.add(BoundedTopK.keeping(k));
    }

    for (CandidateBlock block : blocks) {
      score(queries, block, tops);
    }

    return tops;
  }

  private static void offerTile(
      QueryBlock queries, int q0, int qn, CandidateBlock candidates, int c0, int cn, float[] out,
      List<BoundedTopK> tops) {
    List<String> candidateIds = candidates.ids();
    for (int i = 0; i < qn; i++) {
      RetrievalFilter filter = queries.filters().get(q0 + i);
      BoundedTopK top = tops.get(q0 + i);
      int row = i * cn;
      for (int j = 0; j < cn; j++) {
        float sim = out[row + j];
        if (!Float.isFinite(sim)) {
          throw nonFinite(queries.ids().get(q0 + i), candidateIds.get(c0 + j), sim);
        }

        if (filter.belowCap(sim) && top.couldAccept(sim)) {
          String id = candidateIds.get(c0 + j);
          if (!filter.excludedIds().contains(id)) {
            top.offer(id, sim);
          }
        }
      }
    }
  }

  /** The rows [start, start + count) of a row-major array: the array itself when they start it, else a copy. */
  private static float[] rows(float[] vectors, int start, int count, int dim, float[] buffer) {
    if (start == 0) {
      return vectors; // kernels read only the first count × dim floats
    }

    System.arraycopy(vectors, start * dim, buffer, 0, count * dim);
    return buffer;
  }

  private static IllegalArgumentException nonFinite(String queryId, String candidateId, float sim) {
    return new IllegalArgumentException(
        "Cannot rank candidate " + candidateId + " for query " + queryId + ": the similarity is not finite (got "
            + sim + "); check both embeddings for NaN or infinite values");
  }

  private static void checkCompatible(QueryBlock queries, CandidateBlock candidates, List<BoundedTopK> tops) {
    if (queries.dim() != candidates.dim() && queries.size() > 0 && candidates.size() > 0) {
      throw new IllegalArgumentException(
          "Cannot score a query block against a candidate block: embedding dims differ (got " + queries.dim()
              + " and " + candidates.dim() + ")");
    }

    if (tops.size() != queries.size()) {
      throw new IllegalArgumentException(
          "Cannot score a query block: need one top-k per query (got " + tops.size() + " top-ks for "
              + queries.size() + " queries)");
    }
  }

  /** Configures a {@link BlockScorer}; the kernel is required, tile sizes are optional performance knobs. */
  public static final class Builder {
    private final SimilarityKernel kernel;
    private int queryTile = 64;
    private int candidateTile = 256;

    private Builder(SimilarityKernel kernel) {
      this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /** Queries scored per kernel call (default 64). Larger tiles suit GPU kernels. */
    public Builder withQueryTile(int rows) {
      this.queryTile = rows;
      return this;
    }

    /** Candidates scored per kernel call (default 256). Larger tiles suit GPU kernels. */
    public Builder withCandidateTile(int rows) {
      this.candidateTile = rows;
      return this;
    }

    public BlockScorer build() {
      if (queryTile < 1 || candidateTile < 1 || (long) queryTile * candidateTile > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "Cannot build a block scorer: tiles must be >= 1 and their product must fit in an array (got "
                + queryTile + " × " + candidateTile + ")");
      }

      return new BlockScorer(this);
    }
  }
}
