package org.unime.tests.cluster;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.unime.conf.UnimeSettings;
import org.unime.jobs.IngestJob;
import org.unime.jobs.MineAllJob;
import org.unime.jobs.ModelsJob;
import org.unime.tests.SharedSpark;
import org.unime.tests.TestSettings;

/**
 * {@code mine-all} submitted with {@code spark-submit} to a real standalone cluster, compared with the same job run
 * in local mode in this JVM over copies of the same source tables and with the same models: once undisturbed, once
 * with the driver killed ({@code kill -9}) in the middle of the judge stage and the job submitted again, once with
 * one of two workers killed mid-stage. Every mining table must equal the local run's, row for row.
 *
 * <p>Exact equality needs outputs that do not depend on which rows share a batch or a block: inference batch size 1
 * and the pure-Java retrieval kernel. The killed driver's judge commits every ~{@value #COMMIT_PAIRS} pairs, so it
 * leaves a partial judgments table behind that the rerun must complete without duplicates.
 */
@Tag("cluster")
@ExtendWith(SharedClusterExtension.class)
class ClusterMiningIT {
  /** Judge commit size of the run whose driver is killed: several commits, so the kill lands mid-judge. */
  private static final long COMMIT_PAIRS = 250;
  /** Judge commit size of the other runs (the commit size does not change what is written). */
  private static final long FEWER_COMMITS_PAIRS = 1000;
  private static final List<String> TABLES =
      List.of("embeddings", "retrieval", "judgments", "hard-negatives", "judge-audit", "rejects");
  private static final Pattern JUDGE_LINE = Pattern.compile("judge: (\\d+) in, (\\d+) out");
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

  private static final Map<String, String> SUBSET = Map.ofEntries(
      Map.entry("unime.ingest.emoji.max-concepts", "16"),
      Map.entry("unime.ingest.icons.tabler.max-concepts", "10"),
      Map.entry("unime.ingest.icons.mdi.max-concepts", "10"),
      Map.entry("unime.ingest.fashion-mnist.max-train", "40"),
      Map.entry("unime.ingest.fashion-mnist.max-test", "10"),
      Map.entry("unime.ingest.holdout.unseen-concept-fraction", "0.2"),
      Map.entry("unime.ingest.rows-per-partition", "25"),
      Map.entry("unime.mining.max-queries-per-dataset", "0"),
      Map.entry("unime.retrieval.top-k", "20"),
      Map.entry("unime.retrieval.kernel", "java"),
      Map.entry("unime.models.embedder.inference-batch-size", "1"),
      Map.entry("unime.judge.batch-size", "1"),
      Map.entry("unime.judge.partitions", "2"),
      Map.entry("unime.judge.commit-pairs", String.valueOf(FEWER_COMMITS_PAIRS)));

  @TempDir static Path work;
  static SparkSession spark;
  static Path models;
  /** The source tables (candidates, queries, ingest rejects) every run starts from. */
  static Path sources;
  static UnimeSettings local;

  @BeforeAll
  static void localRun() throws Exception {
    spark = SharedSpark.get();
    models = work.resolve("models");
    local = settings(work.resolve("local"));
    IngestJob.ingest(spark, local);
    sources = work.resolve("sources");
    copyTree(Path.of(local.storage().root()), sources);
    ModelsJob.trainAll(spark, local);
    MineAllJob.mineAll(spark, local);
  }

  @Test
  void submittedMineAllWritesTheSameTablesAsLocalMode(StandaloneCluster cluster) {
    Path root = startFromSources("cluster");

    SubmitResult run = cluster.submit(mineAll(root), JOB_TIMEOUT);

    assertThat(run.succeeded()).as("spark-submit mine-all failed:\n%s", run.tail()).isTrue();
    assertSameTablesAsLocal(root);
  }

  @Test
  void driverKilledMidJudgeThenResubmittedEqualsACleanRun(StandaloneCluster cluster) {
    Path root = startFromSources("driver-killed");
    Path judgments = Path.of(settings(root).storage().tablePath("judgments"));
    long pairs = table(local, "judgments").count();
    assertThat(pairs).as("enough pairs for several judge commits").isGreaterThan(4 * COMMIT_PAIRS);

    RunningSubmit first =
        cluster.launch(mineAll(root, Map.of("unime.judge.commit-pairs", String.valueOf(COMMIT_PAIRS))));
    boolean midJudge = first.awaitWhileRunning(() -> committedVersions(judgments) >= 1, JOB_TIMEOUT);
    SubmitResult killed = first.killDriver();
    assertThat(midJudge).as("the first judge chunk was committed while the driver ran:\n%s", killed.tail()).isTrue();
    assertThat(killed.succeeded()).isFalse();
    long partial = spark.read().format("delta").load(judgments.toString()).count();
    assertThat(partial).as("judgments committed before the kill").isPositive().isLessThan(pairs);
    assertThat(Files.exists(Path.of(settings(root).storage().tablePath("hard-negatives"))))
        .as("the driver died before mining").isFalse();

    SubmitResult rerun = cluster.submit(mineAll(root), JOB_TIMEOUT);

    assertThat(rerun.succeeded()).as("resubmitted mine-all failed:\n%s", rerun.tail()).isTrue();
    Matcher judgeLine = JUDGE_LINE.matcher(rerun.output());
    assertThat(judgeLine.find()).as("judge report line in:\n%s", rerun.tail()).isTrue();
    assertThat(Long.parseLong(judgeLine.group(2))).as("pairs the rerun scored").isEqualTo(pairs - partial);
    assertSameTablesAsLocal(root);
  }

  @Test
  void workerKilledMidStageStillGivesTheSameTables() throws Exception {
    ProjectLayout layout = ProjectLayout.current();
    Path root = startFromSources("worker-killed");
    Path judgments = Path.of(settings(root).storage().tablePath("judgments"));
    try (StandaloneCluster own =
        StandaloneCluster.builder(SparkHome.locateOrBuild(layout), work.resolve("own-cluster-logs"))
            .workers(2).workerCores(1).workerMemory("2g").start()) {
      RunningSubmit job = own.launch(mineAll(root));
      boolean midJudge = job.awaitWhileRunning(() -> committedVersions(judgments) >= 1, JOB_TIMEOUT);
      assertThat(midJudge).as("the judge stage was running:\n%s", job.output()).isTrue();
      own.killWorker(1);

      SubmitResult run = job.await(JOB_TIMEOUT);

      assertThat(run.succeeded()).as("mine-all after losing a worker failed:\n%s", run.tail()).isTrue();
      assertThat(run.output()).as("the driver saw the executor go").contains("Lost executor");
      assertThat(own.workerAlive(1)).isFalse();
    }
    assertSameTablesAsLocal(root);
  }

  private static SparkSubmitCommand mineAll(Path root) {
    return mineAll(root, Map.of());
  }

  private static SparkSubmitCommand mineAll(Path root, Map<String, String> extra) {
    Map<String, String> all = new HashMap<>(overrides(root));
    all.putAll(extra);
    return UnimeSubmit.cli(ProjectLayout.current(), root, "mine-all", all, List.of()).build();
  }

  private static void assertSameTablesAsLocal(Path root) {
    UnimeSettings cluster = settings(root);
    for (String name : TABLES) {
      TableDiff.Result diff = TableDiff.compare(table(cluster, name), table(local, name));
      assertThat(diff.same()).as("%s: cluster vs local: %s", name, diff.describe()).isTrue();
      if (!name.equals("rejects")) { // the real subset has no bad rows
        assertThat(diff.leftRows()).as("rows in %s", name).isPositive();
      }
    }
    assertThat(table(cluster, "judgments").groupBy("query_id", "candidate_id", "judge_version").count()
            .filter(col("count").gt(1)).count())
        .as("duplicate judgments").isZero();
  }

  private static Dataset<Row> table(UnimeSettings settings, String name) {
    String path = name.equals("rejects") ? settings.storage().rejectsPath() : settings.storage().tablePath(name);
    return spark.read().format("delta").load(path);
  }

  /** Commits in the table's Delta log (0 while the table does not exist). */
  private static long committedVersions(Path table) {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(log)) {
      return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count();
    } catch (IOException e) {
      return 0; // the folder is being written; ask again
    }
  }

  /** A new run folder whose tables start as copies of the ingested sources. */
  private static Path startFromSources(String name) {
    Path root = work.resolve(name);
    copyTree(sources, Path.of(settings(root).storage().root()));
    return root;
  }

  private static Map<String, String> overrides(Path root) {
    Map<String, String> all = new HashMap<>(TestSettings.quickModels(root));
    all.putAll(SUBSET);
    all.put("unime.models.dir", models.toString());
    return TestSettings.overrides(root, all);
  }

  private static UnimeSettings settings(Path root) {
    return TestSettings.with(root, new LinkedHashMap<>(overrides(root)));
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
    }
  }
}
