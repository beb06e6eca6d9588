package org.unime.udfs.refresh;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.unime.udfs.spark.ScalaValues;

/**
 * What changed in the source tables since the mining tables were last brought up to date, read by comparing the
 * mined queries and the candidate pool with the embeddings of the current model version, by (id, content hash).
 *
 * <ul>
 *   <li>dirty queries / candidates: no vector for their current content (new rows, or changed text or image);
 *   <li>removed queries / candidates: a vector or a retrieval row, but no longer a mined query or a pool candidate
 *       (deleted, moved to another split, or out of the per-dataset cap);
 *   <li>stale candidates: changed or removed ones; whatever the tables say about them (top-k entries, judge
 *       scores) was computed from content that no longer exists.
 * </ul>
 *
 * <p>The embeddings table is written last by a refresh, so a refresh that dies half way finds the same change set
 * again. The classification is one checkpointed dataset (later steps rewrite the tables it was read from) and
 * only ids and hashes are read, so a refresh with nothing to do never scans texts, images or vectors.
 */
final class ChangeSet {
  private static final String NEW = "new";
  private static final String CHANGED = "changed";
  private static final String REMOVED = "removed";
  private static final String QUERY = "query";
  private static final String CANDIDATE = "candidate";
  /** Largest change (rows) that is broadcast to the joins against the stored tables. */
  static final long BROADCAST_ROWS = 200_000;

  /** (id, content_hash) of mined queries to embed. */
  final Dataset<Row> dirtyQueries;
  /** (id, content_hash) of pool candidates to embed. */
  final Dataset<Row> dirtyCandidates;
  /** (id) of candidates whose stored vector, top-k entries and judge scores are stale. */
  final Dataset<Row> staleCandidates;
  /** (id) of candidates that left the pool (their vectors are deleted). */
  final Dataset<Row> removedCandidates;
  /** (id) of queries that are no longer mined (their rows are deleted everywhere). */
  final Dataset<Row> removedQueries;
  final long dirtyQueryCount;
  final long dirtyCandidateCount;
  final long staleCandidateCount;
  final long removedCandidateCount;
  final long removedQueryCount;

  private ChangeSet(Dataset<Row> status, Map<String, Long> counts) {
    Column query = col("kind").equalTo(QUERY);
    Column candidate = col("kind").equalTo(CANDIDATE);
    Column dirty = col("state").isin(NEW, CHANGED);
    Column removed = col("state").equalTo(REMOVED);
    this.dirtyQueryCount = count(counts, QUERY, NEW) + count(counts, QUERY, CHANGED);
    this.dirtyCandidateCount = count(counts, CANDIDATE, NEW) + count(counts, CANDIDATE, CHANGED);
    this.staleCandidateCount = count(counts, CANDIDATE, CHANGED) + count(counts, CANDIDATE, REMOVED);
    this.removedCandidateCount = count(counts, CANDIDATE, REMOVED);
    this.removedQueryCount = count(counts, QUERY, REMOVED);
    this.dirtyQueries = small(status.filter(query.and(dirty)).select("id", "content_hash"), dirtyQueryCount);
    this.dirtyCandidates =
        small(status.filter(candidate.and(dirty)).select("id", "content_hash"), dirtyCandidateCount);
    this.staleCandidates =
        small(status.filter(candidate.and(col("state").isin(CHANGED, REMOVED))).select("id"), staleCandidateCount);
    this.removedCandidates = small(status.filter(candidate.and(removed)).select("id"), removedCandidateCount);
    this.removedQueries = small(status.filter(query.and(removed)).select("id"), removedQueryCount);
  }

  /**
   * Marks a change-sized side of a join for broadcast: the tables it is joined with are the big side, and without
   * the hint Spark cannot know how small a checkpointed change is and shuffles both. Past {@value #BROADCAST_ROWS}
   * rows (a refresh that is nearly a full run) the side is left to Spark's own choice.
   */
  static Dataset<Row> small(Dataset<Row> side, long rows) {
    return rows <= BROADCAST_ROWS ? broadcast(side) : side;
  }

  /**
   * @param queries (id, content_hash) of the mined queries
   * @param pool (id, content_hash) of the candidate pool
   * @param embeddings the embeddings rows of the current model version
   * @param retrieval the retrieval rows of the current model version
   */
  static ChangeSet detect(Dataset<Row> queries, Dataset<Row> pool, Dataset<Row> embeddings, Dataset<Row> retrieval) {
    Dataset<Row> items =
        queries.select(col("id"), lit(QUERY).as("kind"), col("content_hash"))
            .unionByName(pool.select(col("id"), lit(CANDIDATE).as("kind"), col("content_hash")));
    Dataset<Row> vectors = embeddings.select(col("id"), col("kind"), col("content_hash").as("stored_hash"));
    Dataset<Row> dirty =
        items.join(vectors, on("id", "kind"), "left")
            .withColumn("state", when(col("stored_hash").isNull(), lit(NEW))
                .when(col("stored_hash").notEqual(col("content_hash")), lit(CHANGED)))
            .filter(col("state").isNotNull())
            .select("id", "kind", "content_hash", "state");
    // Removed: a vector whose item is gone, or (self-healing) a retrieval row that names one.
    Dataset<Row> known =
        vectors.select("id", "kind")
            .unionByName(retrieval.select(col("query_id").as("id"), lit(QUERY).as("kind")))
            .unionByName(retrieval.select(col("candidate_id").as("id"), lit(CANDIDATE).as("kind")))
            .distinct();
    Dataset<Row> removed =
        known.join(items.select("id", "kind"), on("id", "kind"), "left_anti")
            .select(col("id"), col("kind"), lit(null).cast("string").as("content_hash"), lit(REMOVED).as("state"));
    Dataset<Row> status = dirty.unionByName(removed).localCheckpoint();
    Map<String, Long> counts = new HashMap<>();
    for (Row row : status.groupBy("kind", "state").count().collectAsList()) {
      counts.put(row.getString(0) + "/" + row.getString(1), row.getLong(2));
    }
    return new ChangeSet(status, counts);
  }

  /** Nothing new, changed or removed: a refresh has nothing to do. */
  boolean isEmpty() {
    return dirtyQueryCount + dirtyCandidateCount + staleCandidateCount + removedQueryCount == 0;
  }

  /** One line for logs and reports. */
  String summary() {
    return dirtyQueryCount + " new or changed queries, " + dirtyCandidateCount + " new or changed candidates, "
        + removedQueryCount + " removed queries, " + removedCandidateCount + " removed candidates";
  }

  static scala.collection.immutable.Seq<String> on(String... columns) {
    return ScalaValues.seq(List.of(columns));
  }

  private static long count(Map<String, Long> counts, String kind, String state) {
    return counts.getOrDefault(kind + "/" + state, 0L);
  }
}
