package org.unime.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.RerankerSettings;
import org.unime.conf.UnimeSettings;
import org.unime.pipeline.rerank.MinedQuery;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.judge.CorpusItem;
import org.unime.udfs.judge.JudgeCorpusRows;
import org.unime.udfs.judge.MiniJudgeConfig;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.rerank.RerankerConfig;
import org.unime.udfs.rerank.RerankerTrainer;
import org.unime.udfs.rerank.RerankerTrainingSettings;
import org.unime.udfs.spark.SparkSessions;
import org.unime.udfs.unime.TrainingData;

/**
 * {@code reranker} and {@code rerank} (spec §6, docs/reranker.md). {@code reranker} trains the built-in reranker on
 * the pinned {@code hard_negatives} table and the query and candidate rows it names, on top of the frozen stage-1
 * embedder, and saves it at {@code unime.reranker.uri}. {@code rerank} reranks the stage-1 embedder's top-k of the
 * held-out queries with it (every k of {@code unime.reranker.top-k} in every mode), writes
 * {@code unime.reranker.table} and reports P@1 before and after per held-out set ({@link HeldOutRerank}). Both write
 * {@code <reports-dir>/reranker.md}.
 */
public final class RerankerJob {
  private static final Logger LOG = LoggerFactory.getLogger(RerankerJob.class);

  private RerankerJob() {}

  public static void main(String[] args) throws Exception {
    UnimeCli.main(IngestJob.withCommand(args, "reranker"));
  }

  static void runReranker(UnimeSettings settings, JobArgs args) throws IOException {
    SparkSession spark = SparkSessions.create(settings.spark());
    write(settings, "# UniME-V2 reranker\n\n" + trainingMarkdown(train(spark, settings), settings));
  }

  static void runRerank(UnimeSettings settings, JobArgs args) throws IOException {
    SparkSession spark = SparkSessions.create(settings.spark());
    write(settings, "# UniME-V2 reranker\n\n" + rerank(spark, settings).markdown());
  }

  /**
   * Trains the reranker, reranks the held-out top-k with it and writes {@code <reports-dir>/reranker.md}; returns
   * that report's Markdown (a training section, then the rerank-gain table). For the demo and tests.
   */
  public static String trainAndRerank(SparkSession spark, UnimeSettings settings) throws IOException {
    RerankerTrainer.Result trained = train(spark, settings);
    HeldOutRerank.Report reranked = rerank(spark, settings);
    String markdown = trainingMarkdown(trained, settings) + "\n" + reranked.markdown();
    write(settings, "# UniME-V2 reranker\n\n" + markdown);
    return markdown;
  }

  /** Trains and saves the reranker from the pinned tables (driver-side; the rows are collected). */
  public static RerankerTrainer.Result train(SparkSession spark, UnimeSettings settings) {
    RerankerSettings r = settings.reranker();
    spark.sparkContext().setJobGroup("reranker", "UniME-V2 reranker training", false);
    TrainingData.Pins pins = TrainingData.pin(spark, settings.storage(), r.training().hardNegativesVersion());
    Dataset<Row> mined = pinned(spark, pins, pins.hardNegatives());
    List<MinedQuery> queries = new ArrayList<>();
    for (Row row : mined.select("query_id", "positive_id", "negative_ids", "negative_scores").orderBy("query_id")
        .collectAsList()) {
      queries.add(new MinedQuery(row.getString(0), row.getString(1), row.getList(2), row.<Double>getList(3)));
    }
    Dataset<Row> named = mined.select(explode(array_union(array(col("query_id"), col("positive_id")),
        col("negative_ids"))).as("_named")).distinct();
    List<CorpusItem> items = new ArrayList<>();
    for (String path : List.of(settings.storage().queriesPath(), settings.storage().candidatesPath())) {
      items.addAll(JudgeCorpusRows.collect(pinned(spark, pins, path)
          .join(named, col(ItemSchema.ID).equalTo(col("_named")), "left_semi")));
    }
    ModelArtifact embedder =
        r.architecture().embedderFeatures() ? ModelArtifact.open(settings.models().embedder().uri()) : null;
    LOG.info("Training the reranker on {} mined queries ({} rows, tables {})", queries.size(), items.size(),
        pins.versions());
    return RerankerTrainer.train(queries, items, trainingSettings(r),
        ModelArtifact.localPath(r.uri()).normalize().toString(), pins.versions(), embedder);
  }

  /** Reranks the held-out top-k in every configured (mode, k), writes the table and counts the gains from it. */
  static HeldOutRerank.Report rerank(SparkSession spark, UnimeSettings settings) {
    spark.sparkContext().setJobGroup("rerank", "UniME-V2 rerank of the held-out top-k", false);
    return HeldOutRerank.run(spark, settings);
  }

  /** The trainer's settings from {@code unime.reranker.*}; vocabulary size and embedder width are set by the trainer. */
  static RerankerTrainingSettings trainingSettings(RerankerSettings r) {
    RerankerSettings.Architecture a = r.architecture();
    RerankerSettings.Training t = r.training();
    MiniJudgeConfig backbone = new MiniJudgeConfig(a.dim(), a.heads(), a.layers(), a.ffnDim(), a.maxPositions(),
        a.imageSize(), a.patchSize(), a.maxTextTokens(), a.colourBins(), 0, 2);
    return new RerankerTrainingSettings(new RerankerConfig(backbone, a.maxCandidates()), r.data(), t.steps(),
        t.queriesPerStep(), t.learningRate(), t.warmupSteps(), t.weightDecay(), t.maxGradNorm(), t.seed(),
        t.logEvery());
  }

  private static Dataset<Row> pinned(SparkSession spark, TrainingData.Pins pins, String path) {
    return spark.read().format("delta").option("versionAsOf", pins.versions().get(path)).load(path);
  }

  private static String trainingMarkdown(RerankerTrainer.Result result, UnimeSettings settings) {
    ModelArtifact artifact = result.artifact();
    return String.format(Locale.ROOT, "## Reranker training%n%n- artifact: %s (version %s)%n- trained on: %s%n"
            + "- mined queries: %d used, %d skipped (missing rows or no usable negative)%n"
            + "- embedder features: %s%n- %d steps x %d queries in %.0f s, loss %.4f -> %.4f%n",
        artifact.uri(), artifact.manifest().version().substring(0, 12), artifact.manifest().trainingData(),
        result.queries(), result.skippedQueries(),
        settings.reranker().architecture().embedderFeatures() ? settings.models().embedder().uri() : "none",
        result.summary().steps(), settings.reranker().training().queriesPerStep(), result.summary().seconds(),
        result.summary().firstLoss(), result.summary().lastLoss());
  }

  private static void write(UnimeSettings settings, String markdown) throws IOException {
    Path out = Path.of(settings.reportsDir(), "reranker.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, markdown);
    LOG.info("Reranker report written to {}:\n{}", out, markdown);
  }
}
