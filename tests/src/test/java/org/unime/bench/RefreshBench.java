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
  /**
   * System property: when true and the work directory holds a previous run's full mine-all, skip ingest, models and
   * the full run, and time only the refreshes against that run's recorded stages. For iterating on the refresh; the
   * published numbers come from a run without it.
   */
  static final String REUSE = "refresh-bench.reuse";
  private static final String FULL_REPORT = "full-report.txt";

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
    boolean reuse = Boolean.getBoolean(REUSE) && Files.exists(work.resolve(FULL_REPORT));
    if (!reuse) {
      deleteRecursively(work);
    }
    SparkSession spark = session();
    JobProfile profile = new JobProfile();
    spark.sparkContext().addSparkListener(profile);
    Path models = work.resolve("models");
    UnimeSettings source = RefreshFixture.settings(work.resolve("source"), models, conf);
    if (!reuse) {
      IngestJob.ingest(spark, source);
      ModelsJob.trainAll(spark, source);
    }
    Dataset<Row> candidates = spark.read().format("delta").load(source.storage().candidatesPath()).localCheckpoint();
    Dataset<Row> queries = spark.read().format("delta").load(source.storage().queriesPath()).localCheckpoint();
    Dataset<Row> heldCandidates = RefreshFixture.heldCandidates(candidates, fraction).localCheckpoint();
    Dataset<Row> heldQueries = RefreshFixture.heldQueries(queries, heldCandidates, fraction).localCheckpoint();

    UnimeSettings clean = RefreshFixture.settings(work.resolve("clean"), models, conf);
    String fullStages;
    int fullJobs;
    if (reuse) {
      String saved = Files.readString(work.resolve(FULL_REPORT));
      fullJobs = Integer.parseInt(saved.substring(0, saved.indexOf('\n')));
      fullStages = saved.substring(saved.indexOf('\n') + 1);
      deleteRecursively(work.resolve("base"));
    } else {
      RefreshFixture.writeSources(clean, candidates, queries);
      JOBS.set(0);
      fullStages = stages(mineAll(spark, clean));
      fullJobs = JOBS.getAndSet(0);
      Files.writeString(work.resolve(FULL_REPORT), fullJobs + "\n" + fullStages);
    }

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
    profile.reset();
    MiningReport refresh = RefreshJob.refresh(spark, base);
    int refreshJobs = JOBS.getAndSet(0);
    List<String[]> refreshProfile = profile.top(12);
    MiningReport noop = RefreshJob.refresh(spark, base);
    int noopJobs = JOBS.getAndSet(0);

    long judgments = spark.read().format("delta").load(clean.storage().tablePath("judgments")).count();
    long minedQueries = new MiningRunner(spark, clean).minedQueries().count();
    String json =
        "{\n  \"fraction\": " + fraction + ",\n  \"full_reused\": " + reuse + ",\n  \"settings\": \"" + conf.toString().replace("\"", "'") + "\",\n"
            + "  \"candidates\": " + candidates.count() + ", \"queries\": " + queries.count()
            + ", \"mined_queries\": " + minedQueries + ", \"judgments\": " + judgments + ",\n"
            + "  \"held_candidates\": " + heldCandidates.count() + ", \"held_queries\": " + heldQueries.count() + ",\n"
            + "  \"spark_jobs\": {\"full\": " + fullJobs + ", \"removal\": " + removalJobs + ", \"refresh\": "
            + refreshJobs + ", \"noop\": " + noopJobs + "},\n"
            + "  \"top_k\": " + clean.retrieval().topK() + ", \"kernel\": \"" + clean.retrieval().kernel() + "\",\n"
            + "  \"full\": " + fullStages + ",\n  \"removal\": " + stages(removal) + ",\n  \"refresh\": "
            + stages(refresh) + ",\n  \"noop\": " + stages(noop) + ",\n  \"refresh_profile\": "
            + profileJson(refreshProfile) + "\n}\n";
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

  /**
   * Counts finished jobs and sums their wall time by refresh step and call site. With adaptive execution a query's
   * shuffle stages run as jobs of their own with a call site inside Spark; they are charged to the call site in our
   * code of the same SQL execution.
   */
  private static final class JobProfile extends SparkListener {
    private record Job(String execution, String step, String site, long start) {}

    private final Map<Integer, Job> running = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Job> finished = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Long> millis = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
      java.util.Properties p = start.properties();
      String step = p == null ? null : p.getProperty("spark.job.description");
      String execution = p == null ? null : p.getProperty("spark.sql.execution.id");
      // The job's last stage is its result stage, named after the action's call site.
      String site = start.stageInfos().isEmpty() ? "?" : start.stageInfos().last().name();
      running.put(start.jobId(), new Job(execution == null ? "job" + start.jobId() : execution,
          step == null ? "-" : step, site, start.time()));
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
      JOBS.incrementAndGet();
      Job job = running.remove(end.jobId());
      if (job != null) {
        synchronized (finished) {
          finished.add(job);
          millis.add(end.time() - job.start());
        }
      }
    }

    void reset() {
      synchronized (finished) {
        finished.clear();
        millis.clear();
      }
    }

    /** The {@code n} most expensive (step, call site) pairs: jobs, milliseconds of job time, step, call site. */
    List<String[]> top(int n) {
      Map<String, String> siteOf = new HashMap<>();
      Map<String, long[]> bySite = new HashMap<>();
      synchronized (finished) {
        for (Job j : finished) {
          if (!j.site().contains("withThreadLocalCaptured")) {
            siteOf.put(j.execution(), j.site());
          }
        }
        for (int i = 0; i < finished.size(); i++) {
          Job j = finished.get(i);
          String key = j.step() + "\t" + siteOf.getOrDefault(j.execution(), j.site());
          long[] sum = bySite.computeIfAbsent(key, k -> new long[2]);
          sum[0]++;
          sum[1] += millis.get(i);
        }
      }
      return bySite.entrySet().stream()
          .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
          .limit(n)
          .map(e -> new String[] {String.valueOf(e.getValue()[0]), String.valueOf(e.getValue()[1]),
              e.getKey().split("\t", 2)[0], e.getKey().split("\t", 2)[1]})
          .toList();
    }
  }

  private static String profileJson(List<String[]> rows) {
    List<String> out = new ArrayList<>();
    for (String[] r : rows) {
      out.add(String.format(Locale.ROOT, "{\"jobs\": %s, \"ms\": %s, \"step\": \"%s\", \"call_site\": \"%s\"}",
          r[0], r[1], r[2].replace("\"", "'"), r[3].replace("\"", "'")));
    }
    return "[\n    " + String.join(",\n    ", out) + "\n  ]";
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
