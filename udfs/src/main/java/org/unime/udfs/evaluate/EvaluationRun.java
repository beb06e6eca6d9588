package org.unime.udfs.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.EvaluationSettings;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.model.DeviceSpec;

/**
 * The {@code evaluate} command's work on the driver: read the sets once ({@link EvaluationSets}), score each model
 * on all of them ({@link ModelScorer}), merge each model's rows into the results table ({@link EvaluationTable}) as
 * soon as it is done, and write {@code <reports-dir>/evaluation.md} with its charts ({@link EvaluationReport}).
 * The ablation runner uses {@link #prepare} and {@link #evaluate} to score models as it trains them.
 *
 * <p>Immutable; {@link #withReranker} returns a copy. Driver-only (holds the session).
 */
public final class EvaluationRun {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluationRun.class);

  private final SparkSession spark;
  private final UnimeSettings settings;
  private final Reranker reranker;

  private EvaluationRun(SparkSession spark, UnimeSettings settings, Reranker reranker) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.reranker = reranker;
  }

  public static EvaluationRun of(SparkSession spark, UnimeSettings settings) {
    return new EvaluationRun(spark, settings, null);
  }

  /** The same run measuring the rerank gain of {@code other} on every MMEB-style task (the caller closes it). */
  public EvaluationRun withReranker(Reranker other) {
    return new EvaluationRun(spark, settings, Objects.requireNonNull(other, "reranker"));
  }

  public Optional<Reranker> reranker() {
    return Optional.ofNullable(reranker);
  }

  /**
   * What an evaluation produced.
   *
   * @param runId the run's id in the results table
   * @param sets the sets scored
   * @param models one per model, in the order asked
   * @param report the Markdown report
   */
  public record Result(String runId, EvaluationSets sets, List<EvaluatedModel> models, Path report) {}

  /** A new run id: {@code <prefix>-<UTC time>-<6 random hex digits>}. */
  public static String newRunId(String prefix) {
    return prefix + "-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC))
        + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  /** Reads the sets (held-out tables at their current versions, configured benchmark files). */
  public EvaluationSets prepare() throws IOException {
    return EvaluationSets.read(spark, settings.storage(), settings.evaluation());
  }

  /** Scores one model on {@code sets} and replaces its rows in the results table. */
  public EvaluatedModel evaluate(EvaluationSets sets, ModelRef ref, String runId) throws IOException {
    EvaluationSettings e = settings.evaluation();
    long start = System.nanoTime();
    DeviceSpec device = DeviceSpec.parse(settings.models().device());
    EvaluatedModel result;
    try (EmbeddingModel model =
        EmbedderOpener.open(ref.uri(), device, settings.models().embedder().inferenceBatchSize())) {
      ModelScorer scorer = new ModelScorer(new ItemEmbeddings(model), e.mllib() ? spark : null, e.recallKs(),
          reranker, e.rerankDepth());
      List<MetricValue> metrics = sets.score(scorer);
      result = new EvaluatedModel(ref, model.id(), model.version(), metrics, (System.nanoTime() - start) / 1e9);
      LOG.info("Evaluated {} ({} {}): {} metrics, {} items embedded, {} s", ref.label(), model.id(), model.version(),
          metrics.size(), scorer.embedded(), String.format("%.1f", result.seconds()));
    }
    new EvaluationTable(spark, e.table()).write(runId, result, result.metrics());
    return result;
  }

  /** Evaluates every model, writes the table rows and {@code <reports-dir>/evaluation.md}. */
  public Result run(List<ModelRef> models, String runId) throws IOException {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("Cannot evaluate: no model was given (got [])");
    }
    EvaluationSets sets = prepare();
    List<EvaluatedModel> results = new ArrayList<>();
    for (ModelRef ref : models) {
      results.add(evaluate(sets, ref, runId));
    }
    Path report = EvaluationReport.write(Path.of(settings.reportsDir()), runId, sets, results,
        reranker == null ? null : reranker.id(), settings.evaluation());
    LOG.info("Evaluation {} of {} models written to {} and {}", runId, results.size(), settings.evaluation().table(),
        report);
    return new Result(runId, sets, results, report);
  }
}
