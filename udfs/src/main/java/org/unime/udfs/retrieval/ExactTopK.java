package org.unime.udfs.retrieval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Exact top-k by inner product (cosine for unit vectors) of every query against a global candidate pool, on Spark.
 *
 * <p>Query rows are grouped into blocks inside their partitions, candidate rows likewise; every query block meets
 * every candidate block in one task, which keeps a bounded heap per query (the candidate filter drops the query's
 * positives and anything at or above the similarity cap delta). The partial lists (at most k per query and candidate
 * block) are merged exactly by a window ordered by similarity, then candidate id, so the result does not depend on
 * how rows are partitioned or blocked. N x M similarities are never materialised.
 *
 * <p>A query whose pool is empty (every candidate filtered) gets no rows.
 */
public final class ExactTopK {
  private final int k;
  private final float maxSimilarity;
  private final int queryBlockSize;
  private final int candidateBlockSize;
  private final KernelChoice kernel;

  private ExactTopK(int k, float maxSimilarity, int queryBlockSize, int candidateBlockSize, KernelChoice kernel) {
    if (k < 1 || queryBlockSize < 1 || candidateBlockSize < 1) {
      throw new IllegalArgumentException(
          "Cannot build exact top-k: k and block sizes must be >= 1 (got k=" + k + ", blocks=" + queryBlockSize
              + "x" + candidateBlockSize + ")");
    }
    this.k = k;
    this.maxSimilarity = maxSimilarity;
    this.queryBlockSize = queryBlockSize;
    this.candidateBlockSize = candidateBlockSize;
    this.kernel = kernel;
  }

  /** Top-k with no similarity cap, default blocks, the Java kernel; refine with the {@code with...} methods. */
  public static ExactTopK keeping(int k) {
    return new ExactTopK(k, Float.POSITIVE_INFINITY, 1024, 4096, KernelChoice.JAVA);
  }

  /** Keep only candidates whose similarity is strictly below {@code delta}. */
  public ExactTopK withMaxSimilarity(float delta) {
    return new ExactTopK(k, delta, queryBlockSize, candidateBlockSize, kernel);
  }

  public ExactTopK withBlocks(int queryRows, int candidateRows) {
    return new ExactTopK(k, maxSimilarity, queryRows, candidateRows, kernel);
  }

  public ExactTopK withKernel(KernelChoice choice) {
    return new ExactTopK(k, maxSimilarity, queryBlockSize, candidateBlockSize, choice);
  }

  /**
   * @param queries rows (id, vector array<float>, positive_ids array<string>)
   * @param candidates rows (id, vector array<float>)
   * @return rows (query_id, rank [1..k], candidate_id, similarity), rank 1 the most similar
   */
  public Dataset<Row> retrieve(Dataset<Row> queries, Dataset<Row> candidates) {
    return partial(queries, candidates)
        .withColumn(
            "rank",
            row_number()
                .over(Window.partitionBy("query_id").orderBy(col("similarity").desc(), col("candidate_id").asc())))
        .filter(col("rank").leq(k))
        .select("query_id", "rank", "candidate_id", "similarity");
  }

  /**
   * The partial lists {@link #retrieve} merges: per query, the best k of each candidate block that pass the same
   * filters (query_id, candidate_id, similarity), unranked. For callers that merge them with lists of their own and
   * rank once (a refresh merging new candidates into stored lists), which saves ranking every scored pair twice.
   */
  public Dataset<Row> partial(Dataset<Row> queries, Dataset<Row> candidates) {
    return VectorBlocks.queryBlocks(queries, queryBlockSize)
        .crossJoin(VectorBlocks.candidateBlocks(candidates, candidateBlockSize))
        .mapPartitions(new ScoreBlockPairs(k, maxSimilarity, kernel), Encoders.row(ScoreBlockPairs.PARTIAL));
  }
}
