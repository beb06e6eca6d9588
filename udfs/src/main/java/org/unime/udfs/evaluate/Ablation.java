package org.unime.udfs.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.EvaluationSettings;
import org.unime.conf.TrainingSettings;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.unime.UnimeTraining;

/**
 * The {@code ablation} command's work on the driver (spec section 8, the paper's ablation): from the configured
 * stage-1 embedder and mined table, train (a) {@code in-batch}, (b) {@code hard-negatives-only} and (c)
 * {@code unime-v2} once per seed ({@code unime.evaluation.ablation.seeds}) with the {@code unime.training}
 * settings, evaluate the stage-1 embedder and every trained model with {@link EvaluationRun} on one set of
 * held-out sets, and write {@code <reports-dir>/ablation.md} (rewritten after every model, so a long run shows its
 * progress). Row (d), (c) + reranker, is reported as pending unless the evaluation has a reranker. The optional
 * τ and k sweeps train unime-v2 at the other configured values. Each run's model goes to
 * {@code <ablation.output-dir>/<row>-seed-<seed>/<loss>} and its run folder to {@code <ablation.run-dir>/...}.
 */
public final class Ablation {
  private static final Logger LOG = LoggerFactory.getLogger(Ablation.class);

  private Ablation() {}

  /**
   * One row of the ablation table.
   *
   * @param key folder-safe id ({@code a}, {@code b}, {@code c}, {@code tau-0.01}, {@code k-4})
   * @param label row label in reports
   * @param loss the training objective
   * @param temperature τ, or null for the configured one
   * @param negatives k, or null for the configured one
   */
  public record Arm(String key, String label, TrainingSettings.Loss loss, Double temperature, Integer negatives) {}

  /**
   * One trained and evaluated model.
   *
   * @param arm its row
   * @param seed its training seed
   * @param training what training reported (loss summary, pins)
   * @param model its evaluation
   * @param trainSeconds wall time of the training
   */
  public record Trained(Arm arm, long seed, UnimeTraining.Result training, EvaluatedModel model, double trainSeconds) {}

  /**
   * What the ablation produced.
   *
   * @param runId the run id of every row it wrote to the results table
   * @param base the stage-1 embedder's evaluation
   * @param runs every trained model, in training order
   * @param report the Markdown report
   * @param seconds wall time of the whole ablation
   */
  public record Result(String runId, EvaluatedModel base, List<Trained> runs, Path report, double seconds) {}

  /** The rows to train: (a), (b), (c), then the enabled sweeps' values other than the configured ones. */
  public static List<Arm> arms(UnimeSettings settings) {
    List<Arm> arms = new ArrayList<>(List.of(
        new Arm("a", "(a) in-batch", TrainingSettings.Loss.IN_BATCH, null, null),
        new Arm("b", "(b) hard-negatives-only", TrainingSettings.Loss.HARD_NEGATIVES_ONLY, null, null),
        new Arm("c", "(c) unime-v2", TrainingSettings.Loss.UNIME_V2, null, null)));
    EvaluationSettings.Ablation a = settings.evaluation().ablation();
    if (a.temperatureSweep()) {
      a.temperatures().stream().filter(t -> t != settings.training().temperature()).forEach(t -> arms.add(
          new Arm("tau-" + t, String.format(Locale.ROOT, "unime-v2 τ=%s", t), TrainingSettings.Loss.UNIME_V2, t, null)));
    }
    if (a.negativesSweep()) {
      a.negatives().stream().filter(k -> k != settings.training().negatives()).forEach(k -> arms.add(
          new Arm("k-" + k, "unime-v2 k=" + k, TrainingSettings.Loss.UNIME_V2, null, k)));
    }
    return arms;
  }

  /** Trains and evaluates every row and seed; {@code evaluation} may carry a reranker for row (d). */
  public static Result run(SparkSession spark, UnimeSettings settings, EvaluationRun evaluation) throws IOException {
    long start = System.nanoTime();
    String runId = EvaluationRun.newRunId("ablation");
    EvaluationSets sets = evaluation.prepare();
    EvaluatedModel base = evaluation.evaluate(sets, ModelRef.stageOne(settings), runId);
    List<Arm> arms = arms(settings);
    List<Long> seeds = settings.evaluation().ablation().seeds();
    LOG.info("Ablation {}: {} rows x {} seeds = {} training runs", runId, arms.size(), seeds.size(),
        arms.size() * seeds.size());
    AblationReport report = new AblationReport(settings, runId, sets, base, arms,
        evaluation.reranker().map(Reranker::id).orElse(null));
    Path out = report.write(List.of(), seconds(start));
    List<Trained> runs = new ArrayList<>();
    for (Arm arm : arms) {
      for (long seed : seeds) {
        long t0 = System.nanoTime();
        UnimeTraining.Result trained = UnimeTraining.run(spark, settings.withTraining(training(settings, arm, seed)),
            UnimeTraining.Start.FRESH);
        double trainSeconds = seconds(t0);
        ModelRef ref = new ModelRef(arm.label() + " seed " + seed, trained.artifact().uri(), arm.loss().wireName(), seed);
        runs.add(new Trained(arm, seed, trained, evaluation.evaluate(sets, ref, runId), trainSeconds));
        out = report.write(runs, seconds(start));
        LOG.info("Ablation {}: {} seed {} trained in {} s; {} of {} runs done", runId, arm.label(), seed,
            String.format("%.0f", trainSeconds), runs.size(), arms.size() * seeds.size());
      }
    }
    return new Result(runId, base, runs, out, seconds(start));
  }

  /** The training settings of one run: the row's loss (and τ or k), the seed, and folders of its own. */
  static TrainingSettings training(UnimeSettings settings, Arm arm, long seed) {
    EvaluationSettings.Ablation a = settings.evaluation().ablation();
    TrainingSettings t = settings.training().withLoss(arm.loss()).withSeed(seed);
    if (arm.temperature() != null) {
      t = t.withTemperature(arm.temperature());
    }
    if (arm.negatives() != null) {
      t = t.withNegatives(arm.negatives());
    }
    String run = arm.key() + "-seed-" + seed;
    return t.withOutputDirs(Path.of(a.outputDir(), run).toString(), Path.of(a.runDir(), run).toString());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
