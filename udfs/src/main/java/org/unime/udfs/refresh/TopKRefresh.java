package org.unime.udfs.refresh;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.unime.udfs.refresh.ChangeSet.on;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.unime.udfs.retrieval.ExactTopK;

/**
 * The retrieval part of a refresh: new top-k lists for the queries whose list can change, exactly equal to what a
 * full retrieval over the current pool would give.
 *
 * <p>Two kinds of query:
 *
 * <ul>
 *   <li><b>full</b>: new or changed queries, and queries whose stored top-k holds a stale (changed or removed)
 *       candidate. Dropping a stale entry leaves the stored list one short, and the candidate that should fill the
 *       gap was never stored, so these are retrieved again against the whole pool.
 *   <li><b>incremental</b>: every other mined query. Its stored top-k T is the exact top-k of the old pool and holds
 *       no stale candidate, so it is also the exact top-k of the old pool minus the stale candidates; the new pool
 *       is that plus the fresh (new or changed) candidates F, and top-k(T ∪ F) is the answer. The query is scored
 *       against F alone with the same {@link ExactTopK} (same kernel, same δ cap, same positive filter), the result
 *       (ExactTopK's unranked partial lists) unioned with T and cut to k by the order ExactTopK itself uses:
 *       similarity descending, then candidate id.
 *       Only fresh candidates that beat T's last entry in that order can enter, so the others are dropped before
 *       the merge.
 * </ul>
 *
 * Only incremental queries that end up with a fresh candidate in their top-k are rewritten. A stored row whose
 * candidate is also among the fresh scores (left by a refresh that died before committing its embeddings) is
 * replaced by the fresh score, so the candidate is never counted twice.
 */
final class TopKRefresh {
  private final ExactTopK topK;
  private final int k;

  TopKRefresh(ExactTopK topK, int k) {
    this.topK = topK;
    this.k = k;
  }

  /** New lists (query_id, rank, candidate_id, similarity) and the ids of the queries they replace. */
  record Lists(Dataset<Row> rows, Dataset<Row> queries) {}

  /**
   * @param queryVectors (id, vector, positive_ids) of every mined query with a valid current vector
   * @param poolVectors (id, vector) of every pool candidate with a valid current vector
   * @param freshCandidates (id, vector) of the new and changed candidates (valid vectors)
   * @param stored the stored top-k rows (query_id, rank, candidate_id, similarity) of the current model
   * @param fullQueries (id) of the queries to retrieve from scratch
   */
  Lists update(Dataset<Row> queryVectors, Dataset<Row> poolVectors, Dataset<Row> freshCandidates, Dataset<Row> stored,
      Dataset<Row> fullQueries) {
    Dataset<Row> full = topK.retrieve(queryVectors.join(fullQueries, on("id"), "left_semi"), poolVectors);
    // Unranked: the merge below ranks the stored list and the entering candidates together.
    Dataset<Row> scored = topK.partial(queryVectors.join(fullQueries, on("id"), "left_anti"), freshCandidates);
    // A fresh candidate can only enter a full stored list by beating its last entry in the list's own order; most
    // scored pairs do not, and dropping them first keeps the re-ranking below to the few lists that change.
    Dataset<Row> last =
        stored.filter(col("rank").equalTo(k))
            .select(col("query_id"), col("similarity").as("last_similarity"), col("candidate_id").as("last_id"));
    Dataset<Row> entering =
        scored.join(last, on("query_id"), "left")
            .filter(col("last_similarity").isNull()
                .or(col("similarity").gt(col("last_similarity")))
                .or(col("similarity").equalTo(col("last_similarity")).and(col("candidate_id").lt(col("last_id")))))
            .select("query_id", "candidate_id", "similarity")
            .localCheckpoint();
    Dataset<Row> kept =
        stored.select("query_id", "candidate_id", "similarity")
            .join(entering.select("query_id").distinct(), on("query_id"), "left_semi")
            .join(entering, on("query_id", "candidate_id"), "left_anti");
    Dataset<Row> merged =
        kept.unionByName(entering)
            .withColumn("rank", row_number().over(
                Window.partitionBy("query_id").orderBy(col("similarity").desc(), col("candidate_id").asc())))
            .filter(col("rank").leq(k))
            .select("query_id", "rank", "candidate_id", "similarity")
            .localCheckpoint();
    Dataset<Row> changed =
        merged.join(freshCandidates.select(col("id").as("candidate_id")), on("candidate_id"), "left_semi")
            .select(col("query_id").as("id"))
            .distinct();
    Dataset<Row> incremental = merged.join(changed.withColumnRenamed("id", "query_id"), on("query_id"), "left_semi");
    Dataset<Row> rows = full.unionByName(incremental).localCheckpoint();
    Dataset<Row> queries = fullQueries.select("id").unionByName(changed).distinct().localCheckpoint();
    return new Lists(rows, queries);
  }
}
