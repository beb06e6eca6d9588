package org.unime.udfs.refresh;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.unime.udfs.refresh.ChangeSet.on;

import java.util.ConcurrentModificationException;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.pipeline.mining.HardNegativeSampler;
import org.unime.udfs.delta.DeltaTables;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.mining.HardNegativeMiner;
import org.unime.udfs.stages.EmbedStage;
import org.unime.udfs.stages.JudgeStage;
import org.unime.udfs.stages.MiningReport;
import org.unime.udfs.stages.MiningRunner;

/**
 * Brings the mining tables up to date with the source tables without a full run (the package documentation says
 * what is recomputed and why the result equals a clean {@code mine-all}). Steps: detect the changes, embed what is
 * new or changed, update the affected top-k lists, judge the pairs without a current score, re-mine the affected
 * queries, commit the embeddings last, rewrite the judge audit. Each table gets at most one MERGE; with nothing to
 * do, none.
 *
 * <p>Driver-side and single-use: build one per refresh; not thread-safe. Reuses the {@link MiningRunner}'s query
 * selection, pool, models, exact top-k search, sampler settings and provenance, so the two cannot drift apart.
 */
public final class RefreshRunner {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshRunner.class);
  private static final DeltaChanges EMBEDDINGS =
      DeltaChanges.onKeys(List.of("id", "model_version"), List.of("content_hash"));
  private static final DeltaChanges RETRIEVAL =
      DeltaChanges.onKeys(List.of("query_id", "model_version", "rank"), List.of("candidate_id", "similarity"));
  private static final DeltaChanges JUDGMENTS =
      DeltaChanges.onKeys(List.of("query_id", "candidate_id", "judge_version"), List.of("score", "is_positive"));
  private static final DeltaChanges HARD_NEGATIVES = DeltaChanges.onKeys(List.of("query_id"), List.of("row_hash"));
  private static final DeltaChanges REJECTS =
      DeltaChanges.onKeys(List.of(ItemSchema.STAGE, ItemSchema.DATASET, ItemSchema.ROW_ID, ItemSchema.REASON),
          List.of(ItemSchema.DETAIL));

  private final SparkSession spark;
  private final UnimeSettings settings;
  private final MiningRunner mining;
  private final MiningReport report = new MiningReport();
  private long stageStart;

  public RefreshRunner(SparkSession spark, UnimeSettings settings) {
    this.spark = spark;
    this.settings = settings;
    this.mining = new MiningRunner(spark, settings);
  }

  /**
   * Runs the refresh; the report has one line per step (rows in, rows written, seconds).
   *
   * @throws ConcurrentRefreshException when another run committed to a table this one was writing; Delta refused
   *     this run's MERGE, so nothing was duplicated, and a rerun finishes the work
   */
  public MiningReport refresh() {
    try {
      return refreshSteps();
    } catch (RuntimeException e) {
      ConcurrentModificationException conflict = conflictIn(e);
      if (conflict == null) {
        throw e;
      }
      String step = report.stages().isEmpty() ? "start" : report.stages().get(report.stages().size() - 1).name();
      throw new ConcurrentRefreshException(
          "Cannot refresh: another refresh or mine-all committed to the same Delta table while this one was writing"
              + " (after step '" + step + "'); Delta refused this run's MERGE, so nothing was duplicated, and the"
              + " tables hold the other run's result; run refresh again to finish what is missing (got "
              + conflict.getClass().getSimpleName() + ": " + conflict.getMessage().lines().findFirst().orElse("") + ")",
          e);
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  /** Delta's optimistic-concurrency failures all extend {@link ConcurrentModificationException}. */
  private static ConcurrentModificationException conflictIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConcurrentModificationException conflict) {
        return conflict;
      }
    }
    return null;
  }

  private MiningReport refreshSteps() {
    stageStart = System.nanoTime();
    step("plan");
    String embedVersion = mining.embedderRef().version();
    requireSameSettings(embedVersion, mining.judgeRef().version());
    // Narrow on purpose: texts and images are read only for the rows that are embedded or judged.
    Dataset<Row> queries =
        mining.minedQueries()
            .select(ItemSchema.ID, ItemSchema.DATASET, ItemSchema.CONTENT_HASH, ItemSchema.POSITIVE_IDS)
            .localCheckpoint();
    Dataset<Row> embeddings =
        DeltaTables.require(spark, path("embeddings"), "mine-all")
            .filter(col("model_version").equalTo(lit(embedVersion)));
    ChangeSet changes = ChangeSet.detect(queries, mining.pool(), embeddings, mining.currentRetrieval());
    record("plan", queries.count(), 0, 0, changes.summary());
    if (changes.isEmpty()) {
      LOG.info("Refresh: the mining tables are up to date; nothing written");
      return report;
    }

    step("embed");
    EmbedStage embed = new EmbedStage(mining.embedderRef());
    Dataset<Row> fresh =
        embed.embed(mining.pool().join(changes.dirtyCandidates, on("id", "content_hash"), "left_semi"), "candidate", null)
            .unionByName(embed.embed(
                mining.minedQueries().join(changes.dirtyQueries, on("id", "content_hash"), "left_semi"), "query", null))
            .localCheckpoint();
    long embedded = fresh.count();
    record("embed", changes.dirtyQueryCount + changes.dirtyCandidateCount, embedded, 0,
        "vectors kept in memory until the final commit");

    Affected affected = retrieve(queries, embeddings, fresh, changes);
    Dataset<Row> judgments = judge(affected, changes);
    mine(queries, affected, judgments, changes, fresh);

    step("commit");
    Dataset<Row> removed = changes.removedCandidates.unionByName(changes.removedQueries);
    long written =
        EMBEDDINGS.apply(spark, path("embeddings"), fresh, embeddings.join(removed, on("id"), "left_semi"));
    record("commit", embedded, written, 0, "embeddings merged last: an interrupted refresh finds the same changes");
    step("audit");
    mining.writeAudit();
    record("audit", 0, 0, 0, "judge audit table rewritten");
    return report;
  }

  /**
   * The queries to re-judge and re-mine and their top-k lists as the retrieval table holds them after this refresh's
   * MERGE; later steps read these instead of scanning the table again.
   *
   * @param ids (id) of every affected query, broadcast to joins when small
   * @param count how many
   * @param lists their retrieval rows (the table's columns)
   */
  private record Affected(Dataset<Row> ids, long count, Dataset<Row> lists) {}

  /** Updates the affected top-k lists and returns the affected queries. */
  private Affected retrieve(Dataset<Row> queries, Dataset<Row> embeddings, Dataset<Row> fresh, ChangeSet changes) {
    step("retrieve");
    Dataset<Row> valid = fresh.filter(not(MiningRunner.invalidVector(col("vector"))));
    Dataset<Row> freshCandidates = valid.filter(col("kind").equalTo("candidate")).select("id", "vector");
    Dataset<Row> poolVectors =
        current(embeddings, "candidate", mining.pool()).unionByName(freshCandidates);
    Dataset<Row> queryVectors =
        current(embeddings, "query", queries)
            .unionByName(valid.filter(col("kind").equalTo("query")).select("id", "vector"))
            .join(queries.select(ItemSchema.ID, ItemSchema.POSITIVE_IDS), "id")
            .select("id", "vector", ItemSchema.POSITIVE_IDS)
            .localCheckpoint();
    // Read once: the stale lists, the merge, the changed rows and the dropped ranks all look at the stored lists.
    Dataset<Row> stored = mining.currentRetrieval().localCheckpoint();
    Dataset<Row> staleLists =
        stored.join(byCandidate(changes.staleCandidates), on("candidate_id"), "left_semi")
            .select(col("query_id").as("id"))
            .join(queries.select(ItemSchema.ID), on("id"), "left_semi");
    Dataset<Row> fullQueries =
        changes.dirtyQueries.select(ItemSchema.ID).unionByName(staleLists).distinct().localCheckpoint();
    long fullCount = fullQueries.count();
    fullQueries = ChangeSet.small(fullQueries, fullCount);
    TopKRefresh.Lists lists =
        new TopKRefresh(mining.exactTopK(), settings.retrieval().topK())
            .update(queryVectors, poolVectors, freshCandidates, stored, fullQueries);
    long listCount = lists.queries().count();
    Dataset<Row> listQueries = ChangeSet.small(lists.queries(), listCount);
    // Only rows that differ are sent to the MERGE: a candidate entering at rank r shifts ranks r..k, not 1..r-1.
    Dataset<Row> replaced =
        ChangeSet.small(byQuery(lists.queries().unionByName(changes.removedQueries)),
            listCount + changes.removedQueryCount);
    Dataset<Row> changedRows =
        lists.rows().join(stored, on("query_id", "rank", "candidate_id", "similarity"), "left_anti")
            .withColumn("model_version", lit(mining.embedderRef().version()));
    Dataset<Row> droppedRanks =
        stored.join(replaced, on("query_id"), "left_semi").join(lists.rows(), on("query_id", "rank"), "left_anti");
    long written = RETRIEVAL.apply(spark, path("retrieval"), changedRows, droppedRanks);
    // Queries whose judged positive is stale keep their list but need a new positive score and a new mining.
    Dataset<Row> stalePositive =
        queries.select(col(ItemSchema.ID), element_at(col(ItemSchema.POSITIVE_IDS), 1).as("positive"))
            .join(changes.staleCandidates.withColumnRenamed("id", "positive"), on("positive"), "left_semi")
            .select(ItemSchema.ID);
    Dataset<Row> affected = lists.queries().unionByName(stalePositive).distinct().localCheckpoint();
    long affectedCount = affected.count();
    affected = ChangeSet.small(affected, affectedCount);
    // What the MERGE left for the affected queries: the new lists, and the stored ones of queries whose list stayed.
    Dataset<Row> affectedLists =
        lists.rows().withColumn("model_version", lit(mining.embedderRef().version()))
            .unionByName(stored.join(byQuery(affected.join(listQueries, on("id"), "left_anti")), on("query_id"),
                "left_semi")
                .select("query_id", "rank", "candidate_id", "similarity", "model_version"))
            .localCheckpoint();
    record("retrieve", fullCount, written, 0,
        "full top-" + settings.retrieval().topK() + " for new, changed and stale-list queries, the rest scored against "
            + changes.dirtyCandidateCount + " new or changed candidates and merged; " + affectedCount
            + " queries affected");
    return new Affected(affected, affectedCount, affectedLists);
  }

  /**
   * Deletes the judgments that are stale or no longer wanted and scores the pairs without a current score; returns
   * the affected queries' judgments as the table holds them after the MERGE (query_id, candidate_id, score,
   * is_positive).
   */
  private Dataset<Row> judge(Affected affected, ChangeSet changes) {
    step("judge");
    Dataset<Row> judgments =
        DeltaTables.require(spark, path("judgments"), "mine-all")
            .filter(col("judge_version").equalTo(lit(mining.judgeRef().version())));
    // The one scan of the table: every judgment this step can keep, delete or skip belongs to these queries.
    Dataset<Row> ofTouched =
        judgments.join(
                ChangeSet.small(byQuery(affected.ids().unionByName(changes.removedQueries)),
                    affected.count() + changes.removedQueryCount),
                on("query_id"), "left_semi")
            .select("query_id", "candidate_id", "score", "is_positive", "judge_version")
            .localCheckpoint();
    Dataset<Row> ofAffected = ofTouched.join(byQuery(affected.ids()), on("query_id"), "left_semi");
    Dataset<Row> affectedQueries = mining.minedQueries().join(affected.ids(), on("id"), "left_semi");
    Dataset<Row> wanted =
        affected.lists().select("query_id", "candidate_id")
            .unionByName(affectedQueries.select(col("id").as("query_id"),
                element_at(col(ItemSchema.POSITIVE_IDS), 1).as("candidate_id")));
    Dataset<Row> stale =
        ofAffected.join(byCandidate(changes.staleCandidates), on("candidate_id"), "left_semi")
            .unionByName(ofAffected.join(byQuery(changes.dirtyQueries), on("query_id"), "left_semi"))
            .unionByName(ofAffected.join(wanted, on("query_id", "candidate_id"), "left_anti"))
            .unionByName(ofTouched.join(byQuery(changes.removedQueries), on("query_id"), "left_semi"))
            .select("query_id", "candidate_id", "judge_version")
            .distinct()
            .localCheckpoint();
    Dataset<Row> kept = ofAffected.join(stale, on("query_id", "candidate_id", "judge_version"), "left_anti");
    Dataset<Row> scored =
        new JudgeStage(mining.judgeRef(), settings.judge().partitions())
            .judge(affectedQueries, DeltaTables.require(spark, settings.storage().candidatesPath(), "ingest"),
                affected.lists(), kept)
            .localCheckpoint();
    long pairs = scored.count();
    long written = JUDGMENTS.apply(spark, path("judgments"), scored, stale);
    record("judge", pairs, written, 0, pairs + " pairs scored, " + stale.count() + " stale judgments replaced or deleted");
    List<String> columns = List.of("query_id", "candidate_id", "score", "is_positive");
    return kept.select(columns.stream().map(c -> col(c)).toArray(Column[]::new))
        .unionByName(scored.select(columns.stream().map(c -> col(c)).toArray(Column[]::new)));
  }

  /** Re-mines the affected queries; rows of queries that now reject, or are gone, are deleted. */
  private void mine(
      Dataset<Row> queries, Affected affected, Dataset<Row> judgments, ChangeSet changes, Dataset<Row> fresh) {
    step("mine");
    HardNegativeSampler sampler = HardNegativeSampler.create(settings.mining().sampling(), settings.mining().seed());
    Dataset<Row> outcomes =
        new HardNegativeMiner(sampler)
            .mine(queries.join(affected.ids(), on("id"), "left_semi"), affected.lists(), judgments)
            .localCheckpoint();
    Dataset<Row> storedRows = DeltaTables.require(spark, path("hard-negatives"), "mine-all");
    Dataset<Row> mined =
        mining.withProvenance(outcomes.filter(col("mined").isNotNull()).select("mined.*"))
            .join(storedRows.select("query_id", "row_hash"), on("query_id", "row_hash"), "left_anti");
    Dataset<Row> rejects = outcomes.filter(col("reject").isNotNull()).select("reject.*");
    Dataset<Row> gone =
        rejects.select(col(ItemSchema.ROW_ID).as("query_id")).unionByName(byQuery(changes.removedQueries));
    long written =
        HARD_NEGATIVES.apply(spark, path("hard-negatives"), mined, storedRows.join(gone, on("query_id"), "left_semi"));
    long rejected = rejects.count();
    REJECTS.apply(spark, settings.storage().rejectsPath(), rejects.unionByName(vectorRejects(fresh)),
        staleRejects(affected.ids().unionByName(changes.removedQueries)));
    record("mine", outcomes.count(), written, rejected, "hard negatives of the affected queries only");
  }

  /** Mine-stage rejects of the given queries (id): replaced by this run's, or deleted. */
  private Dataset<Row> staleRejects(Dataset<Row> queries) {
    Dataset<Row> existing = DeltaTables.readOrNull(spark, settings.storage().rejectsPath());
    if (existing == null) {
      return spark.emptyDataFrame().select(lit("").as(ItemSchema.STAGE), lit("").as(ItemSchema.DATASET),
          lit("").as(ItemSchema.ROW_ID), lit("").as(ItemSchema.REASON));
    }
    return existing.filter(col(ItemSchema.STAGE).equalTo("mine"))
        .join(queries.withColumnRenamed("id", ItemSchema.ROW_ID), on(ItemSchema.ROW_ID), "left_semi");
  }

  /** The same rejects {@code retrieve} writes for vectors holding NaN or infinity. */
  private static Dataset<Row> vectorRejects(Dataset<Row> fresh) {
    return fresh.filter(MiningRunner.invalidVector(col("vector")))
        .select(lit("retrieve").as(ItemSchema.STAGE), lit("embeddings").as(ItemSchema.DATASET),
            col("id").as(ItemSchema.ROW_ID), lit("invalid-vector").as(ItemSchema.REASON),
            concat_ws("", lit("Cannot retrieve with the vector of "), col("id"), lit(": it holds NaN or infinity"))
                .as(ItemSchema.DETAIL));
  }

  /** (id, vector) of valid stored vectors whose content hash is still the item's current one. */
  private static Dataset<Row> current(Dataset<Row> embeddings, String kind, Dataset<Row> items) {
    return embeddings.filter(col("kind").equalTo(kind).and(not(MiningRunner.invalidVector(col("vector")))))
        .select("id", "content_hash", "vector")
        .join(items.select(ItemSchema.ID, ItemSchema.CONTENT_HASH), on("id", "content_hash"))
        .select("id", "vector");
  }

  /** Stored top-k lists are only valid under the settings that made them; refuse to merge into others. */
  private void requireSameSettings(String embedVersion, String judgeVersion) {
    String expected = mining.configHash();
    List<String> others =
        DeltaTables.require(spark, path("hard-negatives"), "mine-all")
            .filter(col("embed_model_version").equalTo(lit(embedVersion))
                .and(col("judge_version").equalTo(lit(judgeVersion)))
                .and(col("config_hash").notEqual(lit(expected))))
            .select("config_hash").distinct().limit(3).as(Encoders.STRING()).collectAsList();
    if (!others.isEmpty()) {
      throw new IllegalStateException(
          "Cannot refresh: the mining tables were written under other retrieval or mining settings, got config hash "
              + others + " but the current settings hash to " + expected + "; run `mine-all` after changing them");
    }
  }

  private static Column not(Column condition) {
    return condition.unary_$bang();
  }

  private static Dataset<Row> byQuery(Dataset<Row> ids) {
    return ids.withColumnRenamed("id", "query_id");
  }

  private static Dataset<Row> byCandidate(Dataset<Row> ids) {
    return ids.withColumnRenamed("id", "candidate_id");
  }

  private String path(String table) {
    return settings.storage().tablePath(table);
  }

  /** Names the step's Spark jobs (Spark UI, event logs, listeners) after it. */
  private void step(String name) {
    spark.sparkContext().setJobDescription("refresh: " + name);
  }

  private void record(String stage, long in, long out, long rejected, String note) {
    long now = System.nanoTime();
    double seconds = (now - stageStart) / 1e9;
    stageStart = now;
    report.add(new MiningReport.Stage(stage, in, out, rejected, seconds, note));
    LOG.info("refresh {}: {} in, {} written, {} rejected in {} s ({})", stage, in, out, rejected,
        String.format("%.1f", seconds), note);
  }
}
