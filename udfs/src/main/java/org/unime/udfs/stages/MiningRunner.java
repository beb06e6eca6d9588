package org.unime.udfs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.pipeline.mining.HardNegativeSampler;
import org.unime.udfs.delta.DeltaMerge;
import org.unime.udfs.delta.DeltaTables;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.mining.HardNegativeMiner;
import org.unime.udfs.mining.JudgeAudit;
import org.unime.udfs.retrieval.ExactTopK;
import org.unime.udfs.retrieval.KernelChoice;

/**
 * The four mining stages (spec sections 2-4) over the Delta tables: embed, retrieve, judge, mine, plus the judge
 * audit. Each stage reads what the previous one wrote, so each can run alone ({@code embed}, {@code retrieve}...)
 * or all in order ({@code mine-all}); every write is a MERGE, so re-running a stage duplicates nothing.
 */
public final class MiningRunner {
  private static final Logger LOG = LoggerFactory.getLogger(MiningRunner.class);
  private static final DeltaMerge EMBEDDINGS_MERGE = DeltaMerge.onKeys(List.of("id", "model_version"), "content_hash");
  private static final DeltaMerge RETRIEVAL_MERGE =
      DeltaMerge.onKeys(List.of("query_id", "model_version", "rank"), "candidate_id");
  private static final DeltaMerge JUDGMENTS_MERGE = DeltaMerge.insertNew(List.of("query_id", "candidate_id", "judge_version"));
  private static final DeltaMerge HARD_NEGATIVES_MERGE = DeltaMerge.onKeys(List.of("query_id"), "row_hash");
  private static final DeltaMerge REJECTS_MERGE =
      DeltaMerge.onKeys(List.of(ItemSchema.STAGE, ItemSchema.DATASET, ItemSchema.ROW_ID, ItemSchema.REASON), ItemSchema.DETAIL);

  private final SparkSession spark;
  private final UnimeSettings settings;
  private final ModelRef embedder;
  private final ModelRef judge;
  private final MiningReport report = new MiningReport();

  public MiningRunner(SparkSession spark, UnimeSettings settings) {
    this.spark = spark;
    this.settings = settings;
    this.embedder =
        new ModelRef(settings.models().embedder().uri(), settings.models().device(),
            settings.models().embedder().inferenceBatchSize());
    this.judge = new ModelRef(settings.judge().uri(), settings.models().device(), settings.judge().batchSize());
  }

  public MiningReport report() {
    return report;
  }

  /** The embedding model the stages use (its version keys the embeddings and retrieval rows). */
  public ModelRef embedderRef() {
    return embedder;
  }

  /** The judge the stages use (its version keys the judgments). */
  public ModelRef judgeRef() {
    return judge;
  }

  /** The training queries to mine: the configured splits, capped per dataset by a stable hash of the id. */
  public Dataset<Row> minedQueries() {
    Dataset<Row> queries =
        DeltaTables.require(spark, settings.storage().queriesPath(), "ingest")
            .filter(col(ItemSchema.SPLIT).isin(settings.retrieval().querySplitNames().toArray()))
            .filter(size(col(ItemSchema.POSITIVE_IDS)).gt(0));
    int cap = settings.mining().maxQueriesPerDataset();
    if (cap == 0) {
      return queries;
    }
    return queries
        .withColumn("_order", row_number().over(Window.partitionBy(ItemSchema.DATASET).orderBy(sha2(col(ItemSchema.ID), 256))))
        .filter(col("_order").leq(cap))
        .drop("_order");
  }

  /** The global candidate pool: every candidate of the configured splits, across datasets. */
  public Dataset<Row> pool() {
    return DeltaTables.require(spark, settings.storage().candidatesPath(), "ingest")
        .filter(col(ItemSchema.SPLIT).isin(settings.retrieval().candidateSplitNames().toArray()));
  }

  public void embed() {
    long start = System.nanoTime();
    String path = settings.storage().tablePath("embeddings");
    Dataset<Row> queries = minedQueries();
    Dataset<Row> candidates = pool();
    EmbedStage stage = new EmbedStage(embedder);
    Dataset<Row> fresh =
        stage.embed(candidates, "candidate", DeltaTables.readOrNull(spark, path))
            .unionByName(stage.embed(queries, "query", DeltaTables.readOrNull(spark, path)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long written = fresh.count();
      EMBEDDINGS_MERGE.into(spark, fresh, path);
      record("embed", queries.count() + candidates.count(), written, 0, start,
          "model " + embedder.id() + " " + shortVersion(embedder.version()) + "; rows already embedded are skipped");
    } finally {
      fresh.unpersist();
    }
  }

  public void retrieve() {
    long start = System.nanoTime();
    String version = embedder.version();
    Dataset<Row> vectors =
        DeltaTables.require(spark, settings.storage().tablePath("embeddings"), "embed")
            .filter(col("model_version").equalTo(lit(version)));
    Column invalid = invalidVector(col("vector"));
    Dataset<Row> rejected =
        vectors.filter(invalid).select(lit("retrieve").as(ItemSchema.STAGE), lit("embeddings").as(ItemSchema.DATASET),
            col("id").as(ItemSchema.ROW_ID), lit("invalid-vector").as(ItemSchema.REASON),
            concat_ws("", lit("Cannot retrieve with the vector of "), col("id"), lit(": it holds NaN or infinity")).as(ItemSchema.DETAIL));
    Dataset<Row> valid = vectors.filter(invalid.unary_$bang());
    Dataset<Row> queries =
        minedQueries().select(col("id"), col(ItemSchema.POSITIVE_IDS))
            .join(valid.filter(col("kind").equalTo("query")).select("id", "vector"), "id")
            .select("id", "vector", ItemSchema.POSITIVE_IDS);
    Dataset<Row> candidates =
        pool().select("id").join(valid.filter(col("kind").equalTo("candidate")).select("id", "vector"), "id");
    Dataset<Row> ranked = exactTopK().retrieve(queries, candidates).withColumn("model_version", lit(version))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long rows = ranked.count();
      RETRIEVAL_MERGE.into(spark, ranked, settings.storage().tablePath("retrieval"));
      long rejects = rejected.count();
      if (rejects > 0) {
        REJECTS_MERGE.into(spark, rejected, settings.storage().rejectsPath());
      }
      record("retrieve", queries.count(), rows, rejects, start,
          "exact top-" + settings.retrieval().topK() + " under delta " + settings.retrieval().maxSimilarity()
              + " over " + candidates.count() + " pool candidates");
    } finally {
      ranked.unpersist();
    }
  }

  /**
   * Scores every (query, candidate) pair of the current top-k lists and each query's positive that has no score of
   * this judge version yet. The queries are cut into chunks by a hash of their id, about {@code commit-pairs} pairs
   * each, and every chunk is committed on its own: a driver lost mid-judge keeps what was committed, and the rerun
   * cuts the same chunks and skips the pairs already scored.
   */
  public void judge() {
    long start = System.nanoTime();
    String path = settings.storage().tablePath("judgments");
    Dataset<Row> retrieval = currentRetrieval();
    long pairs = retrieval.count();
    long commitPairs = settings.judge().commitPairs();
    int chunks = commitPairs == 0 ? 1 : (int) Math.max(1, Math.min(10_000, (pairs + commitPairs - 1) / commitPairs));
    Dataset<Row> queries = minedQueries();
    Dataset<Row> candidates = DeltaTables.require(spark, settings.storage().candidatesPath(), "ingest");
    JudgeStage stage = new JudgeStage(judge, settings.judge().partitions());
    long scored = 0;
    int committed = 0;
    for (int chunk = 0; chunk < chunks; chunk++) {
      Dataset<Row> chunkQueries =
          chunks == 1 ? queries : queries.filter(pmod(xxhash64(col(ItemSchema.ID)), lit(chunks)).equalTo(chunk));
      Dataset<Row> fresh =
          stage.judge(chunkQueries, candidates, retrieval, DeltaTables.readOrNull(spark, path))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long rows = fresh.count();
        if (rows > 0) {
          JUDGMENTS_MERGE.into(spark, fresh, path);
          scored += rows;
          committed++;
          LOG.info("judge: chunk {}/{} committed, {} pairs", chunk + 1, chunks, rows);
        }
      } finally {
        fresh.unpersist();
      }
    }
    record("judge", pairs, scored, 0, start,
        "judge " + judge.id() + " " + shortVersion(judge.version()) + "; " + committed + " of " + chunks
            + " chunks had pairs to score, pairs already judged are skipped");
  }

  public void mine() {
    long start = System.nanoTime();
    Dataset<Row> queries = minedQueries();
    Dataset<Row> judgments =
        DeltaTables.require(spark, settings.storage().tablePath("judgments"), "judge")
            .filter(col("judge_version").equalTo(lit(judge.version())));
    HardNegativeSampler sampler = HardNegativeSampler.create(settings.mining().sampling(), settings.mining().seed());
    Dataset<Row> outcomes =
        new HardNegativeMiner(sampler).mine(queries, currentRetrieval(), judgments).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> mined = withProvenance(outcomes.filter(col("mined").isNotNull()).select("mined.*"));
      Dataset<Row> rejects = outcomes.filter(col("reject").isNotNull()).select("reject.*");
      long rows = mined.count();
      long rejected = rejects.count();
      HARD_NEGATIVES_MERGE.into(spark, mined, settings.storage().tablePath("hard-negatives"));
      if (rejected > 0) {
        REJECTS_MERGE.into(spark, rejects, settings.storage().rejectsPath());
      }
      record("mine", queries.count(), rows, rejected, start, "beta " + settings.mining().sampling().beta()
          + ", " + settings.mining().sampling().minNegatives() + " negatives, " + settings.mining().sampling().traversal());
    } finally {
      outcomes.unpersist();
    }
  }

  /** Writes the judge audit table and returns its Markdown (the summary, score histogram and flagged examples). */
  public String audit() {
    return writeAudit().toMarkdown();
  }

  /**
   * Writes the judge audit table (one row per dataset, from the hard-negatives table) and returns the audit without
   * computing its Markdown: the histogram behind the Markdown scans every judgment, which a refresh need not pay for.
   */
  public JudgeAudit writeAudit() {
    Dataset<Row> hardNegatives = DeltaTables.require(spark, settings.storage().tablePath("hard-negatives"), "mine");
    Dataset<Row> judgments =
        DeltaTables.require(spark, settings.storage().tablePath("judgments"), "judge")
            .filter(col("judge_version").equalTo(lit(judge.version())));
    JudgeAudit audit =
        JudgeAudit.of(hardNegatives.filter(col("judge_version").equalTo(lit(judge.version()))), judgments,
            DeltaTables.require(spark, settings.storage().queriesPath(), "ingest"));
    audit.summary().write().format("delta").mode("overwrite").option("overwriteSchema", "true")
        .save(settings.storage().tablePath("judge-audit"));
    return audit;
  }

  /** The exact top-k search of the retrieve stage: top-k, the similarity cap delta, block sizes and kernel. */
  public ExactTopK exactTopK() {
    return ExactTopK.keeping(settings.retrieval().topK())
        .withMaxSimilarity((float) settings.retrieval().maxSimilarity())
        .withBlocks(settings.retrieval().queryBlockSize(), settings.retrieval().candidateBlockSize())
        .withKernel(KernelChoice.valueOf(settings.retrieval().kernel().name()));
  }

  /** True for a vector holding NaN, null or infinity: such rows are kept out of retrieval and rejected. */
  public static Column invalidVector(Column vector) {
    return exists(vector, x -> isnan(x).or(x.isNull()).or(x.equalTo(Double.POSITIVE_INFINITY)).or(x.equalTo(Double.NEGATIVE_INFINITY)));
  }

  /** The retrieval rows of the current embedding model, ranks 1..top-k: what judge and mine read. */
  public Dataset<Row> currentRetrieval() {
    return DeltaTables.require(spark, settings.storage().tablePath("retrieval"), "retrieve")
        .filter(col("model_version").equalTo(lit(embedder.version())))
        .filter(col("rank").leq(settings.retrieval().topK()));
  }

  /** Adds the provenance columns and the row hash to mined rows, completing the {@code hard_negatives} schema. */
  public Dataset<Row> withProvenance(Dataset<Row> mined) {
    Dataset<Row> out =
        mined
            .withColumn("embed_model_version", lit(embedder.version()))
            .withColumn("judge_version", lit(judge.version()))
            .withColumn("config_hash", lit(configHash()))
            .withColumn("candidates_version", lit(DeltaTables.version(spark, settings.storage().candidatesPath())))
            .withColumn("queries_version", lit(DeltaTables.version(spark, settings.storage().queriesPath())));
    return out.withColumn("row_hash", sha2(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(
        col("positive_id"), col("positive_score"), col("negative_ids"), col("negative_scores"), col("outcome"),
        col("embed_model_version"), col("judge_version"), col("config_hash"))), 256));
  }

  /** Hash of every setting that shapes the mined table, recorded with each row. */
  public String configHash() {
    String shaping = settings.retrieval() + "|" + settings.mining() + "|" + settings.judge().uri();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(shaping.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash the configuration: SHA-256 is missing", e);
    }
  }

  private void record(String stage, long in, long out, long rejected, long startNanos, String note) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    report.add(new MiningReport.Stage(stage, in, out, rejected, seconds, note));
    LOG.info("{}: {} in, {} out, {} rejected in {} s ({})", stage, in, out, rejected, String.format("%.1f", seconds), note);
  }

  private static String shortVersion(String version) {
    return version.length() > 12 ? version.substring(0, 12) : version;
  }
}
