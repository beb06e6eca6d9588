package org.unime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.unime.conf.ConfigLoader;
import org.unime.conf.SparkSettings;
import org.unime.conf.UnimeSettings;
import org.unime.jobs.IngestJob;
import org.unime.jobs.ModelsJob;
import org.unime.jobs.RefreshJob;
import org.unime.tests.refresh.RefreshFixture;
import org.unime.udfs.spark.SparkSessions;
import org.unime.udfs.stages.MiningReport;
import org.unime.udfs.stages.MiningRunner;

/**
 * What a refresh after adding a small share of new rows costs against a full mine-all over the same data, per stage,
 * on local[2] with the project's default retrieval and judge settings and quickly trained built-in models.
 *
 * <p>Steps: ingest a real subset and train the models (not timed); mine-all from scratch over all the data (timed: the
 * "full run"); copy its tables, delete the held-back share from the copy's source tables and refresh (timed: a
 * refresh after removals, which leaves the state a mine-all without those rows would); add the rows back the way
 * ingest does and refresh (timed: the headline number); refresh again with nothing new (timed).
 *
 * <p>Usage: {@code RefreshBench <out.json> <work-dir> <fraction> [key=value]...}
 */
public final class RefreshBench {
  /** Spark jobs finished since the last reset (with adaptive execution each shuffle stage is a job). */
  private static final AtomicInteger JOBS = new AtomicInteger();

  private RefreshBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path work = Path.of(args[1]);
    double fraction = Double.parseDouble(args[2]);
    Map<String, String> conf = new LinkedHashMap<>();
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      conf.put(kv[0], kv[1]);
    }
    deleteRecursively(work);
    SparkSession spark = session();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobEnd(SparkListenerJobEnd end) {
        JOBS.incrementAndGet();
      }
    });
    Path models = work.resolve("models");
    UnimeSettings source = RefreshFixture.settings(work.resolve("source"), models, conf);
    IngestJob.ingest(spark, source);
    ModelsJob.trainAll(spark, source);
    Dataset<Row> candidates = spark.read().format("delta").load(source.storage().candidatesPath()).localCheckpoint();
    Dataset<Row> queries = spark.read().format("delta").load(source.storage().queriesPath()).localCheckpoint();
    Dataset<Row> heldCandidates = RefreshFixture.heldCandidates(candidates, fraction).localCheckpoint();
    Dataset<Row> heldQueries = RefreshFixture.heldQueries(queries, heldCandidates, fraction).localCheckpoint();

    UnimeSettings clean = RefreshFixture.settings(work.resolve("clean"), models, conf);
    RefreshFixture.writeSources(clean, candidates, queries);
    JOBS.set(0);
    MiningReport full = mineAll(spark, clean);
    int fullJobs = JOBS.getAndSet(0);

    // The state before the new rows arrived, without a second full run: the clean tables minus the held-back rows,
    // refreshed (RefreshIT shows a refresh equals a clean mine-all, removals included).
    UnimeSettings base = RefreshFixture.settings(work.resolve("base"), models, conf);
    copyRecursively(work.resolve("clean").resolve("tables"), work.resolve("base").resolve("tables"));
    RefreshFixture.updateSources(spark, base, RefreshFixture.without(candidates, heldCandidates),
        RefreshFixture.without(queries, heldQueries));
    JOBS.set(0);
    MiningReport removal = RefreshJob.refresh(spark, base);
    int removalJobs = JOBS.getAndSet(0);
    RefreshFixture.updateSources(spark, base, candidates, queries);
    JOBS.set(0);
    MiningReport refresh = RefreshJob.refresh(spark, base);
    int refreshJobs = JOBS.getAndSet(0);
    MiningReport noop = RefreshJob.refresh(spark, base);
    int noopJobs = JOBS.getAndSet(0);

    long judgments = spark.read().format("delta").load(clean.storage().tablePath("judgments")).count();
    long minedQueries = new MiningRunner(spark, clean).minedQueries().count();
    String json =
        "{\n  \"fraction\": " + fraction + ",\n  \"settings\": \"" + conf.toString().replace("\"", "'") + "\",\n"
            + "  \"candidates\": " + candidates.count() + ", \"queries\": " + queries.count()
            + ", \"mined_queries\": " + minedQueries + ", \"judgments\": " + judgments + ",\n"
            + "  \"held_candidates\": " + heldCandidates.count() + ", \"held_queries\": " + heldQueries.count() + ",\n"
            + "  \"spark_jobs\": {\"full\": " + fullJobs + ", \"removal\": " + removalJobs + ", \"refresh\": "
            + refreshJobs + ", \"noop\": " + noopJobs + "},\n"
            + "  \"top_k\": " + clean.retrieval().topK() + ", \"kernel\": \"" + clean.retrieval().kernel() + "\",\n"
            + "  \"full\": " + stages(full) + ",\n  \"removal\": " + stages(removal) + ",\n  \"refresh\": "
            + stages(refresh) + ",\n  \"noop\": " + stages(noop) + "\n}\n";
    Files.createDirectories(out.getParent());
    Files.writeString(out, json);
    System.out.print(json);
    spark.stop();
  }

  /** mine-all's stages through the runner, so each stage's time is reported (the job adds only the report file). */
  private static MiningReport mineAll(SparkSession spark, UnimeSettings settings) {
    MiningRunner runner = new MiningRunner(spark, settings);
    runner.embed();
    runner.retrieve();
    runner.judge();
    runner.mine();
    long start = System.nanoTime();
    runner.audit();
    runner.report().add(new MiningReport.Stage("audit", 0, 0, 0, (System.nanoTime() - start) / 1e9, "judge audit"));
    return runner.report();
  }

  private static String stages(MiningReport report) {
    List<String> rows = new ArrayList<>();
    for (MiningReport.Stage s : report.stages()) {
      rows.add(String.format(Locale.ROOT, "{\"stage\": \"%s\", \"rows_in\": %d, \"rows_out\": %d, \"seconds\": %.3f}",
          s.name(), s.rowsIn(), s.rowsOut(), s.seconds()));
    }
    return "[\n    " + String.join(",\n    ", rows) + "\n  ]";
  }

  private static SparkSession session() {
    Map<String, String> conf = new HashMap<>(UnimeSettings.from(ConfigLoader.defaults().load()).spark().conf());
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.sql.shuffle.partitions", "4");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    return SparkSessions.create(new SparkSettings("local[2]", "refresh-bench", conf));
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
