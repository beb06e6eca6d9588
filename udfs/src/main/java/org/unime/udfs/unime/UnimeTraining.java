package org.unime.udfs.unime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.TrainingSettings;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.distributed.DistributedTrainer;
import org.unime.udfs.embed.BuiltInEmbedder;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.embed.ItemTables;
import org.unime.udfs.embed.RetrievalEvaluator;
import org.unime.udfs.embed.TrainableEmbedder;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.train.TrainingConfig;

/**
 * The {@code train} command's work on the driver: pin (or, resuming, re-read) the table versions, read the mined
 * hard negatives and their items, fine-tune the stage-1 embedder with {@link DistributedTrainer} on
 * {@link UnimeTask}, record per-step metrics ({@link MetricsTable}), save the model as a built-in embedder artifact
 * whose manifest records the table versions, draw the loss curve and compare held-out P@1 of the base and the trained
 * model. Files: {@code <run-dir>/<loss>/run.json} and {@code checkpoint/}, {@code <output-dir>/<loss>} (the model),
 * {@code <reports-dir>/train-<loss>.md} and {@code train-<loss>-loss.png}.
 */
public final class UnimeTraining {
  private static final Logger LOG = LoggerFactory.getLogger(UnimeTraining.class);

  private UnimeTraining() {}

  /** Whether a run starts over or continues from its checkpoint. */
  public enum Start {
    /** Discard any checkpoint of this loss's run folder, pin the tables now, start at step 0. */
    FRESH,
    /** Continue the run in the run folder from its checkpoint, on the table versions its manifest pinned. */
    RESUME
  }

  /**
   * What a run produced.
   *
   * @param runId the run's id in the metrics table
   * @param loss the objective's config name
   * @param pins table path → Delta version read
   * @param resumedFromStep steps already done when this invocation started (0 for a fresh run)
   * @param summary loss and throughput over the whole run (from the metrics table)
   * @param artifact the trained model, with its metrics
   * @param heldOut model name ({@code base}, {@code trained}) → held-out P@1 per set
   * @param lossCurve the PNG
   */
  public record Result(
      String runId,
      String loss,
      Map<String, Long> pins,
      int resumedFromStep,
      RunSummary summary,
      ModelArtifact artifact,
      Map<String, List<RetrievalEvaluator.Result>> heldOut,
      Path lossCurve) {

    /** Held-out P@1 over all sets of model {@code name}, NaN when nothing was evaluated. */
    public double heldOutP1(String name) {
      List<RetrievalEvaluator.Result> results = heldOut.getOrDefault(name, List.of());
      return results.isEmpty() || results.get(results.size() - 1).queries() == 0
          ? Double.NaN
          : results.get(results.size() - 1).recallAt1();
    }

    /** A Markdown report of the run. */
    public String markdown() {
      return RunReport.markdown(this);
    }

    /** One row of the demo's table: | label | steps | loss first → last | held-out P@1 base | trained |. */
    public String demoRow(String label) {
      return String.format(java.util.Locale.ROOT, "| %s | %d | %.4f → %.4f | %.3f | %.3f |%n", label,
          summary.steps(), summary.firstLoss(), summary.lastLoss(), heldOutP1("base"), heldOutP1("trained"));
    }
  }

  /**
   * Loss and throughput of a run, from its metrics rows.
   *
   * @param steps steps recorded
   * @param firstLoss mean loss of the first (up to) 10 steps
   * @param lastLoss mean loss of the last (up to) 10 steps
   * @param firstKl1 mean KL(Q‖P) of the first 10 steps, NaN for the InfoNCE losses
   * @param lastKl1 mean KL(Q‖P) of the last 10 steps
   * @param samplesPerSecond mean over the steps after the first (which pays for JIT and replica building)
   * @param communicationShare mean share of a step's wall time that was not compute or update
   * @param bytesDown logical bytes per step driver → executors
   * @param bytesUp logical bytes per step executors → driver
   */
  public record RunSummary(
      int steps, double firstLoss, double lastLoss, double firstKl1, double lastKl1, double samplesPerSecond,
      double communicationShare, long bytesDown, long bytesUp) {}

  /** Runs (or resumes) the training configured in {@code settings.training()}. */
  public static Result run(SparkSession spark, UnimeSettings settings, Start start) throws IOException {
    TrainingSettings t = settings.training();
    String loss = t.loss().wireName();
    Path runDir = Path.of(t.runDir(), loss);
    ModelArtifact base = ModelArtifact.open(t.baseModelUri());
    RunManifest manifest = start == Start.RESUME ? resumable(runDir, t, base) : fresh(spark, settings, runDir, base);
    TrainingData.Pins pins = new TrainingData.Pins(settings.storage().tablePath("hard-negatives"), manifest.pins());
    LOG.info("Training run {} ({}), tables {}", manifest.runId(), loss, pins.versions());

    TrainingData.Loaded data = TrainingData.read(spark, settings.storage(), pins, t.negatives());
    DeviceSpec device = DeviceSpec.parse(settings.models().device());
    TrainableEmbedder model = TrainableEmbedder.load(base, device);
    TrainableEmbedder.Inputs inputs = TrainableEmbedder.prepare(data.items(), model.architecture());
    LOG.info(
        "{} queries, {} items, {} MB of prepared inputs broadcast once", data.examples().size(), data.items().size(),
        String.format("%.1f", inputs.byteSize() / 1e6));
    MetricsTable metrics =
        new MetricsTable(spark, t.metricsTable(), manifest.runId(), loss, pins.version(pins.hardNegatives()));
    UnimeReplicaRecipe recipe =
        new UnimeReplicaRecipe(model.architecture(), device, inputs, data.examples(), t.loss(), t.temperature());
    int resumedFrom = 0;
    ModelArtifact trained;
    try (UnimeTask task = new UnimeTask(model, inputs, data.examples(), t.loss(), t.temperature());
        DistributedTrainer trainer = trainer(spark, t, task, recipe, runDir, metrics)) {
      LOG.info("Training {} parameters on {} partitions", trainer.parameterCount(), t.partitions());
      if (start == Start.RESUME) {
        if (trainer.resume()) {
          resumedFrom = trainer.completedSteps();
        } else {
          LOG.warn("Run {} has no checkpoint in {} yet; starting it at step 0", manifest.runId(), runDir);
        }
      }
      trainer.trainToEnd();
      metrics.flush();
      trained = model.save(Path.of(t.outputDir(), loss).normalize().toString(), pins.versions());
    }
    return finish(spark, settings, manifest, base, trained, resumedFrom);
  }

  /** Summary, loss curve, held-out P@1 of base and trained model, metrics into the manifests. */
  private static Result finish(
      SparkSession spark, UnimeSettings settings, RunManifest manifest, ModelArtifact base, ModelArtifact trained,
      int resumedFrom) throws IOException {
    TrainingSettings t = settings.training();
    String loss = t.loss().wireName();
    RunSummary summary = summarize(MetricsTable.history(spark, t.metricsTable(), manifest.runId()));
    Path curve = Path.of(settings.reportsDir(), "train-" + loss + "-loss.png");
    drawCurve(spark, t.metricsTable(), manifest.runId(), loss, curve);
    Map<String, List<RetrievalEvaluator.Result>> heldOut = Map.of();
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("train/loss-first", summary.firstLoss());
    values.put("train/loss-last", summary.lastLoss());
    values.put("train/samples-per-second", summary.samplesPerSecond());
    if (!t.heldOutSets().isEmpty()) {
      heldOut = evaluate(spark, settings, base, trained, t.heldOutSets());
      values.putAll(HeldOutEvaluator.metrics("base/", heldOut.get("base")));
      values.putAll(HeldOutEvaluator.metrics("", heldOut.get("trained")));
    }
    ModelArtifact measured = trained.withMetrics(values);
    manifest
        .finished(t.steps(), Map.of("uri", measured.uri(), "version", measured.manifest().version()), values)
        .write(Path.of(t.runDir(), loss));
    Result result =
        new Result(manifest.runId(), loss, manifest.pins(), resumedFrom, summary, measured, heldOut, curve);
    LOG.info("Training run {} done: loss {} -> {}, held-out P@1 base {} -> trained {}; model {}", manifest.runId(),
        String.format("%.4f", summary.firstLoss()), String.format("%.4f", summary.lastLoss()),
        String.format("%.3f", result.heldOutP1("base")), String.format("%.3f", result.heldOutP1("trained")),
        measured.uri());
    return result;
  }

  private static DistributedTrainer trainer(
      SparkSession spark, TrainingSettings t, UnimeTask task, UnimeReplicaRecipe recipe, Path runDir,
      MetricsTable metrics) {
    DistributedTrainer.Builder builder =
        DistributedTrainer.builder(JavaSparkContext.fromSparkContext(spark.sparkContext()), config(t), task, recipe)
            .withPartitions(t.partitions())
            .withAggregationDepth(t.aggregationDepth())
            .withCheckpoints(t.checkpointEvery(), runDir.resolve("checkpoint"))
            .withListener(metrics);
    if (t.synchronization() == TrainingSettings.Synchronization.LOCAL_SGD) {
      builder.withLocalSgd(t.localSteps());
    }
    return builder.build();
  }

  /** The loop's configuration from the settings. */
  static TrainingConfig config(TrainingSettings t) {
    return TrainingConfig.builder(t.batchSize(), t.steps(), t.learningRate())
        .withWarmupSteps(t.warmupSteps())
        .withWeightDecay(t.weightDecay())
        .withMaxGradNorm(t.maxGradNorm())
        .withSeed(t.seed())
        .withLogEvery(t.logEvery())
        .build();
  }

  private static RunManifest fresh(SparkSession spark, UnimeSettings settings, Path runDir, ModelArtifact base)
      throws IOException {
    TrainingSettings t = settings.training();
    deleteRecursively(runDir.resolve("checkpoint"));
    Files.deleteIfExists(runDir.resolve(RunManifest.FILE));
    TrainingData.Pins pins = TrainingData.pin(spark, settings.storage(), t.hardNegativesVersion());
    String fingerprint = fingerprint(t, base, pins.versions());
    RunManifest manifest =
        new RunManifest(
            runId(fingerprint), t.loss().wireName(), fingerprint,
            Map.of("uri", base.uri(), "version", base.manifest().version()), pins.versions(), Instant.now().toString(),
            0, Map.of(), Map.of());
    manifest.write(runDir);
    return manifest;
  }

  private static RunManifest resumable(Path runDir, TrainingSettings t, ModelArtifact base) throws IOException {
    if (!RunManifest.exists(runDir)) {
      throw new IllegalStateException(
          "Cannot resume training: there is no run in " + runDir + " (no " + RunManifest.FILE
              + "); start it without --resume");
    }
    RunManifest manifest = RunManifest.read(runDir);
    String now = fingerprint(t, base, manifest.pins());
    if (!now.equals(manifest.fingerprint())) {
      throw new IllegalStateException(
          "Cannot resume run " + manifest.runId() + ": it was started with " + manifest.fingerprint()
              + " but the settings now give " + now + "; restore those settings or start a fresh run without --resume");
    }
    return manifest;
  }

  /**
   * Every setting that shapes the trained weights, the base model's version and the pinned tables. Partitions only
   * matter with local SGD (synchronous steps give the same weights on any number of partitions).
   */
  static String fingerprint(TrainingSettings t, ModelArtifact base, Map<String, Long> pins) {
    String sync =
        t.synchronization() == TrainingSettings.Synchronization.LOCAL_SGD
            ? ",local-sgd=" + t.localSteps() + "x" + t.partitions()
            : "";
    return "loss=" + t.loss().wireName() + sync + ",tau=" + t.temperature() + ",k=" + t.negatives() + ",batch="
        + t.batchSize() + ",steps=" + t.steps() + ",lr=" + t.learningRate() + ",warmup=" + t.warmupSteps() + ",wd="
        + t.weightDecay() + ",clip=" + t.maxGradNorm() + ",seed=" + t.seed() + ",base=" + base.manifest().version()
        + ",tables=" + pins;
  }

  private static String runId(String fingerprint) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static Map<String, List<RetrievalEvaluator.Result>> evaluate(
      SparkSession spark, UnimeSettings settings, ModelArtifact base, ModelArtifact trained, List<String> sets) {
    DeviceSpec device = DeviceSpec.parse(settings.models().device());
    int batch = settings.models().embedder().inferenceBatchSize();
    ItemTables tables = ItemTables.pin(spark, settings.storage());
    try (BuiltInEmbedder before = BuiltInEmbedder.load(base, device, batch);
        BuiltInEmbedder after = BuiltInEmbedder.load(trained, device, batch)) {
      Map<String, EmbeddingModel> models = new LinkedHashMap<>();
      models.put("base", before);
      models.put("trained", after);
      return HeldOutEvaluator.compare(tables, sets, models);
    }
  }

  static RunSummary summarize(List<Row> history) {
    int n = history.size();
    if (n == 0) {
      return new RunSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0);
    }
    double[] loss = column(history, "loss");
    double[] kl1 = column(history, "kl1");
    double[] rate = column(history, "samples_per_second");
    double[] share = column(history, "communication_share");
    Row last = history.get(n - 1);
    return new RunSummary(
        n, mean(loss, 0, 10), mean(loss, n - 10, n), mean(kl1, 0, 10), mean(kl1, n - 10, n), mean(rate, 1, n),
        mean(share, 1, n), last.<Long>getAs("bytes_down"), last.<Long>getAs("bytes_up"));
  }

  private static void drawCurve(SparkSession spark, String table, String runId, String loss, Path png)
      throws IOException {
    List<Row> history = MetricsTable.history(spark, table, runId);
    int[] steps = history.stream().mapToInt(r -> r.<Integer>getAs("step")).toArray();
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("loss", column(history, "loss"));
    if (TrainingSettings.Loss.UNIME_V2.wireName().equals(loss)) {
      series.put("KL(Q||P)", column(history, "kl1"));
      series.put("KL(P||Q)", column(history, "kl2"));
    }
    LossCurvePlot.write(png, "UniME-V2 training (" + loss + "), run " + runId, steps, series);
  }

  private static double[] column(List<Row> rows, String name) {
    return rows.stream().mapToDouble(r -> r.isNullAt(r.fieldIndex(name)) ? Double.NaN : ((Number) r.getAs(name)).doubleValue()).toArray();
  }

  private static double mean(double[] values, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int i = Math.max(0, from); i < Math.min(values.length, to); i++) {
      if (!Double.isNaN(values[i])) {
        sum += values[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
