package org.unime.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.TrainingSettings;
import org.unime.conf.UnimeSettings;
import org.unime.pipeline.ingest.IngestReport;
import org.unime.udfs.evaluate.EvaluationRun;
import org.unime.udfs.evaluate.ModelRef;
import org.unime.udfs.spark.SparkSessions;
import org.unime.udfs.unime.UnimeTraining;

/**
 * {@code demo}: the embedded end-to-end run on the real datasets: ingest, the built-in models (embedder, judge),
 * mine-all (embed, retrieve, judge, mine), the reranker (trained on the mined table, then reranking the
 * embedder's held-out top-k), UniME-V2 training in each of the three losses the paper's ablation
 * compares, then the evaluation of the stage-1 and trained models on the held-out suites. Writes {@code <reports-dir>/demo.md}, which summarises every stage with its time and links the stage
 * reports written beside it.
 */
public final class DemoJob {
  private static final Logger LOG = LoggerFactory.getLogger(DemoJob.class);

  private DemoJob() {}

  /** One finished stage of the demo: its name, wall time and report section. */
  private record StageReport(String name, double seconds, String markdown) {}

  static void run(UnimeSettings settings, JobArgs args) throws Exception {
    SparkSession spark = SparkSessions.create(settings.spark());
    String profile = args.profiles().isEmpty() ? "full" : String.join(",", args.profiles());
    List<StageReport> stages = new ArrayList<>();
    long t = System.nanoTime();
    IngestReport ingest = IngestJob.ingest(spark, settings);
    stages.add(done("ingest", t, "### This run's ingest (rows in = written + rejected)\n\n" + ingest.toMarkdown()
        + "\n### Table contents\n" + TableSummary.markdown(spark, settings.storage())));
    writeReport(settings, profile, stages);

    t = System.nanoTime();
    ModelsJob.trainAll(spark, settings);
    stages.add(done("models (embedder, judge)", t, "See [models.md](models.md).\n"));
    writeReport(settings, profile, stages);

    t = System.nanoTime();
    String mining = MineAllJob.mineAll(spark, settings);
    stages.add(done("mine-all", t, mining));
    writeReport(settings, profile, stages);

    t = System.nanoTime();
    String rerank = RerankerJob.trainAndRerank(spark, settings);
    stages.add(done("reranker (train, rerank held-out top-k)", t, rerank));
    writeReport(settings, profile, stages);

    StringBuilder training = new StringBuilder(
        "Each loss trains the stage-1 embedder on the mined table (see train-<loss>.md and its loss curve).\n\n"
            + "| loss | steps | loss first → last | held-out P@1 base | held-out P@1 trained |\n"
            + "|---|---:|---|---:|---:|\n");
    t = System.nanoTime();
    for (TrainingSettings.Loss loss : TrainingSettings.Loss.values()) {
      UnimeSettings one = settings.withTraining(settings.training().withLoss(loss));
      UnimeTraining.Result result = UnimeTraining.run(spark, one, UnimeTraining.Start.FRESH);
      Path out = Path.of(settings.reportsDir(), "train-" + loss.wireName() + ".md");
      Files.writeString(out, result.markdown());
      training.append(result.demoRow(loss.wireName()));
    }
    stages.add(done("train (3 losses)", t, training.toString()));
    writeReport(settings, profile, stages);

    t = System.nanoTime();
    EvaluationRun.Result evaluation =
        EvaluationRun.of(spark, settings).run(ModelRef.defaults(settings), EvaluationRun.newRunId("demo"));
    stages.add(done("evaluate", t, "The stage-1 embedder and the three trained models on every held-out suite: see ["
        + evaluation.report().getFileName() + "](" + evaluation.report().getFileName() + ") (run "
        + evaluation.runId() + ", Delta table " + settings.evaluation().table() + ").\n"));
    writeReport(settings, profile, stages);
  }

  private static StageReport done(String name, long startNanos, String markdown) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    LOG.info("Demo stage {} done in {} s", name, String.format(Locale.ROOT, "%.0f", seconds));
    return new StageReport(name, seconds, markdown);
  }

  /** The 1/5/15-minute load averages, or "unknown" off Linux. */
  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Rewritten after every stage, so a long run shows its progress and a failure keeps what finished. */
  private static void writeReport(UnimeSettings settings, String profile, List<StageReport> stages)
      throws IOException {
    StringBuilder md = new StringBuilder("# UniME-V2 demo run\n\n");
    md.append("- updated: ").append(DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC)))
        .append("\n- profile: ").append(profile)
        .append("\n- storage: ").append(settings.storage().root())
        .append("\n- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average ")
        .append(loadAverage()).append(" (other work on the machine slows every stage)\n\n")
        .append("| stage | seconds |\n|---|---:|\n");
    double total = 0;
    for (StageReport s : stages) {
      md.append(String.format(Locale.ROOT, "| %s | %.0f |%n", s.name(), s.seconds()));
      total += s.seconds();
    }
    md.append(String.format(Locale.ROOT, "| **total** | %.0f |%n", total));
    for (StageReport s : stages) {
      md.append("\n## ").append(s.name()).append("\n\n").append(s.markdown());
    }
    Path out = Path.of(settings.reportsDir(), "demo.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
  }
}
