package org.unime.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.embed.EmbedderStage;
import org.unime.udfs.embed.ItemTables;
import org.unime.udfs.judge.JudgeModelStage;
import org.unime.udfs.spark.SparkSessions;

/**
 * {@code models [name...]}: trains the built-in models on the ingest tables (driver-side), saves each as an artifact
 * under {@code unime.models.dir}, measures it on the held-out splits and writes {@code <reports-dir>/models.md}.
 * With names after the command only those stages run (e.g. {@code models embedder}).
 */
public final class ModelsJob {
  private static final Logger LOG = LoggerFactory.getLogger(ModelsJob.class);

  /** One model this command trains; returns its Markdown report section. */
  @FunctionalInterface
  interface Stage {
    String run(SparkSession spark, UnimeSettings settings, ItemTables tables) throws Exception;
  }

  /** Stages in run order: the judge reads the embedder the stage before it wrote. */
  static final Map<String, Stage> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("embedder", (spark, settings, tables) -> EmbedderStage.run(tables, settings.models()).markdown());
    STAGES.put(
        "judge",
        (spark, settings, tables) -> JudgeModelStage.run(tables, settings.judge(), settings.models()).markdown());
  }

  private ModelsJob() {}

  public static void main(String[] args) throws Exception {
    UnimeCli.main(IngestJob.withCommand(args, "models"));
  }

  static void run(UnimeSettings settings, JobArgs args) throws Exception {
    List<String> names = args.rest().isEmpty() ? new ArrayList<>(STAGES.keySet()) : args.rest();
    String profile = args.profiles().isEmpty() ? "full" : String.join(",", args.profiles());
    train(SparkSessions.create(settings.spark()), settings, names, profile);
  }

  /** Trains every built-in model in order (embedder, then judge) and writes the report; for tests and the demo. */
  public static void trainAll(SparkSession spark, UnimeSettings settings) throws Exception {
    train(spark, settings, new ArrayList<>(STAGES.keySet()), "embedded");
  }

  private static void train(SparkSession spark, UnimeSettings settings, List<String> names, String profile)
      throws Exception {
    for (String name : names) {
      if (!STAGES.containsKey(name)) {
        throw new IllegalArgumentException(
            "Cannot run models: unknown model stage (got " + name + "); expected some of " + STAGES.keySet());
      }
    }
    spark.sparkContext().setJobGroup("models", "UniME-V2 model training and evaluation", false);
    long start = System.nanoTime();
    ItemTables tables = ItemTables.pin(spark, settings.storage());
    StringBuilder report = new StringBuilder("# UniME-V2 models\n\n");
    report.append("- finished: ").append(Instant.now()).append('\n')
        .append("- profile: ").append(profile).append('\n')
        .append("- tables: ").append(tables.versions()).append('\n')
        .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(System.getProperty("os.arch")).append(", Java ").append(Runtime.version()).append('\n');
    StringBuilder sections = new StringBuilder();
    for (String name : names) {
      long stageStart = System.nanoTime();
      sections.append('\n').append(STAGES.get(name).run(spark, settings, tables));
      LOG.info("Model stage {} done in {} s", name, (System.nanoTime() - stageStart) / 1_000_000_000);
    }
    report.append("- wall time: ").append((System.nanoTime() - start) / 1_000_000_000).append(" s\n").append(sections);
    Path out = Path.of(settings.reportsDir(), "models.md");
    write(out, report.toString());
    LOG.info("Models report written to {}:\n{}", out, report);
  }

  private static void write(Path out, String text) throws IOException {
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
  }
}
