package org.unime.tests.refresh;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.unime.conf.UnimeSettings;
import org.unime.jobs.IngestJob;
import org.unime.jobs.MineAllJob;
import org.unime.jobs.ModelsJob;
import org.unime.jobs.RefreshJob;
import org.unime.tests.SharedSpark;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.refresh.ConcurrentRefreshException;
import org.unime.udfs.stages.MiningReport;

/**
 * The refresh contract on a real subset: mine-all over the data with 10 % of the rows held back, then add them back
 * (and revise two candidates' and one query's text, delete two candidates that sit in top-k lists and one mined
 * query) and refresh. The embeddings,
 * retrieval, judgments and hard-negatives tables must equal, row for row, those of a clean mine-all over the final
 * data with the same models, and a second refresh must write nothing. The refresh is started twice at the same
 * moment, as two overlapping scheduled runs would: Delta's optimistic concurrency may refuse one of them (with a
 * clear message), and the tables must still equal the clean run's, with no key twice.
 *
 * <p>Every training query is mined ({@code max-queries-per-dataset = 0}): with a cap, which queries are mined
 * depends on the whole query set, which the refresh handles (dropped queries are removed) but which would make this
 * comparison test the cap more than the refresh. Inference batch sizes are 1 and the kernel is the pure-Java one, so
 * a vector or score does not depend on which rows shared its batch or block and the comparison can be exact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefreshIT {
  private static final List<String> MINING_TABLES = List.of("embeddings", "retrieval", "judgments", "hard-negatives");
  /** Provenance, not content: the table versions a row was mined from differ between the two histories. */
  private static final List<String> PROVENANCE = List.of("candidates_version", "queries_version");

  @TempDir static Path dir;
  static SparkSession spark;
  static UnimeSettings refreshed;
  static UnimeSettings clean;
  static MiningReport refreshReport;
  static List<ConcurrentRun> concurrentRuns;
  static long cleanJudgments;
  static List<String> removed;
  static long newQueries;

  @BeforeAll
  static void refreshedAndClean() throws Exception {
    spark = SharedSpark.get();
    Map<String, String> conf = new LinkedHashMap<>(Map.ofEntries(
        Map.entry("unime.ingest.emoji.max-concepts", "14"),
        Map.entry("unime.ingest.icons.tabler.max-concepts", "12"),
        Map.entry("unime.ingest.icons.mdi.max-concepts", "12"),
        Map.entry("unime.ingest.fashion-mnist.max-train", "30"),
        Map.entry("unime.ingest.fashion-mnist.max-test", "5"),
        Map.entry("unime.ingest.holdout.unseen-concept-fraction", "0.2"),
        Map.entry("unime.mining.max-queries-per-dataset", "0"),
        Map.entry("unime.retrieval.top-k", "20"),
        Map.entry("unime.retrieval.kernel", "java"),
        Map.entry("unime.models.embedder.inference-batch-size", "1"),
        Map.entry("unime.judge.batch-size", "1"),
        Map.entry("unime.judge.partitions", "2")));
    Path models = dir.resolve("models");
    UnimeSettings source = RefreshFixture.settings(dir.resolve("source"), models, conf);
    IngestJob.ingest(spark, source);
    ModelsJob.trainAll(spark, source);

    Dataset<Row> candidates = spark.read().format("delta").load(source.storage().candidatesPath());
    Dataset<Row> queries = spark.read().format("delta").load(source.storage().queriesPath());
    Dataset<Row> heldCandidates = RefreshFixture.heldCandidates(candidates, 0.10);
    Dataset<Row> heldQueries = RefreshFixture.heldQueries(queries, heldCandidates, 0.10);
    Dataset<Row> kept = RefreshFixture.without(candidates, heldCandidates);
    refreshed = RefreshFixture.settings(dir.resolve("refreshed"), models, conf);
    RefreshFixture.writeSources(refreshed, kept, RefreshFixture.without(queries, heldQueries));
    MineAllJob.mineAll(spark, refreshed);

    // Revise and remove candidates that sit in top-k lists, so the stale-entry path is exercised.
    Column trainText = col(ItemSchema.SPLIT).equalTo("train").and(col(ItemSchema.TEXT).isNotNull());
    Dataset<Row> retrieved = table(refreshed, "retrieval").select(col("candidate_id").as(ItemSchema.ID)).distinct();
    List<String> pickedCandidates =
        RefreshFixture.pick(kept.filter(trainText).join(retrieved, ItemSchema.ID), 4);
    List<String> revised = pickedCandidates.subList(0, 2);
    removed = pickedCandidates.subList(2, 4);
    List<String> pickedQueries = RefreshFixture.pick(RefreshFixture.without(queries, heldQueries).filter(trainText), 2);
    List<String> revisedQueries = pickedQueries.subList(0, 1);
    List<String> removedQueries = pickedQueries.subList(1, 2);
    Dataset<Row> finalCandidates =
        RefreshFixture.withRevisedText(
            candidates.filter(col(ItemSchema.ID).isin(removed.toArray()).unary_$bang()), revised);
    Dataset<Row> finalQueries =
        RefreshFixture.withRevisedText(
            queries.filter(col(ItemSchema.ID).isin(removedQueries.toArray()).unary_$bang()), revisedQueries);
    newQueries = RefreshFixture.without(finalQueries, RefreshFixture.without(queries, heldQueries))
        .filter(col(ItemSchema.SPLIT).equalTo("train")).count() + revisedQueries.size();
    RefreshFixture.updateSources(spark, refreshed, finalCandidates, finalQueries);
    concurrentRuns = refreshTwiceAtOnce();
    refreshReport = concurrentRuns.stream().filter(r -> r.report() != null)
        .map(ConcurrentRun::report).max(Comparator.comparingInt(r -> r.stages().size())).orElse(null);

    clean = RefreshFixture.settings(dir.resolve("clean"), models, conf);
    RefreshFixture.writeSources(clean, finalCandidates, finalQueries);
    MineAllJob.mineAll(spark, clean);
    cleanJudgments = table(clean, "judgments").count();
  }

  /** Outcome of one of two refreshes started together: its report, or what it failed with. */
  record ConcurrentRun(MiningReport report, Throwable failure) {}

  /** Two refreshes of the same tables started at the same moment, as two overlapping scheduled runs would. */
  private static List<ConcurrentRun> refreshTwiceAtOnce() throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<MiningReport>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(threads.submit(() -> {
          start.await();
          return RefreshJob.refresh(spark, refreshed);
        }));
      }
      start.countDown();
      List<ConcurrentRun> outcomes = new ArrayList<>();
      for (Future<MiningReport> run : runs) {
        try {
          outcomes.add(new ConcurrentRun(run.get(), null));
        } catch (ExecutionException e) {
          outcomes.add(new ConcurrentRun(null, e.getCause()));
        }
      }
      // Which of the two outcomes happened depends on timing; the surefire report keeps this line.
      System.out.println("RefreshIT: two refreshes started at once: " + outcomes.stream()
          .map(o -> o.failure() == null ? "finished (" + o.report().stages().size() + " steps)" : "refused: " + o.failure().getMessage())
          .toList());
      return outcomes;
    } finally {
      threads.shutdownNow();
    }
  }

  private static Dataset<Row> table(UnimeSettings settings, String name) {
    return spark.read().format("delta").load(settings.storage().tablePath(name));
  }

  /** The table's rows as sorted strings (floats print exactly), provenance columns dropped. */
  private static List<String> rows(UnimeSettings settings, String name) {
    Dataset<Row> t = table(settings, name);
    String[] columns = Arrays.stream(t.columns()).filter(c -> !PROVENANCE.contains(c)).sorted().toArray(String[]::new);
    return t.select(columns[0], Arrays.copyOfRange(columns, 1, columns.length)).collectAsList().stream()
        .map(Row::toString).sorted().toList();
  }

  @Test
  @Order(1)
  void miningTablesEqualACleanRunOverTheFinalData() {
    for (String name : MINING_TABLES) {
      List<String> expected = rows(clean, name);
      assertThat(expected).as("clean %s", name).isNotEmpty();
      assertThat(rows(refreshed, name)).as("refreshed %s vs clean mine-all", name).containsExactlyElementsOf(expected);
    }
  }

  @Test
  @Order(2)
  void removedCandidatesAreInNoTopKAndTheRefreshJudgedOnlyNewPairs() {
    assertThat(table(refreshed, "retrieval").filter(col("candidate_id").isin(removed.toArray())).count()).isZero();
    assertThat(table(refreshed, "judgments").filter(col("candidate_id").isin(removed.toArray())).count()).isZero();
    assertThat(stage("retrieve").rowsIn())
        .as("queries retrieved from scratch: the new and revised ones, and those whose list held a stale candidate")
        .isGreaterThan(newQueries);
    assertThat(stage("judge").rowsIn()).as("pairs judged by the refresh").isPositive().isLessThan(cleanJudgments / 2);
  }

  private static MiningReport.Stage stage(String name) {
    return refreshReport.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  @Order(3)
  void twoRefreshesStartedAtOnceLeaveNoDuplicatesAndFailOnlyWithAClearMessage() {
    assertThat(concurrentRuns).filteredOn(r -> r.report() != null).as("refreshes that finished").isNotEmpty();
    for (ConcurrentRun run : concurrentRuns) {
      if (run.failure() != null) {
        assertThat(run.failure()).isInstanceOf(ConcurrentRefreshException.class)
            .hasMessageStartingWith("Cannot refresh: another refresh or mine-all committed to the same Delta table");
      }
    }
    assertNoDuplicateKeys("retrieval", "query_id", "model_version", "rank");
    assertNoDuplicateKeys("retrieval", "query_id", "model_version", "candidate_id");
    assertNoDuplicateKeys("judgments", "query_id", "candidate_id", "judge_version");
    assertNoDuplicateKeys("hard-negatives", "query_id");
    assertNoDuplicateKeys("embeddings", "id", "model_version");
  }

  private static void assertNoDuplicateKeys(String name, String... keys) {
    assertThat(table(refreshed, name).groupBy(keys[0], Arrays.copyOfRange(keys, 1, keys.length)).count()
            .filter(col("count").gt(1)).count())
        .as("keys %s seen twice in %s", Arrays.toString(keys), name).isZero();
  }

  @Test
  @Order(4)
  void aSecondRefreshWritesNothing() throws Exception {
    Map<String, Long> before = versions();
    MiningReport again = RefreshJob.refresh(spark, refreshed);
    assertThat(again.stages()).extracting(MiningReport.Stage::name).containsExactly("plan");
    assertThat(versions()).isEqualTo(before);
  }

  private static Map<String, Long> versions() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String name : List.of("embeddings", "retrieval", "judgments", "hard-negatives", "judge-audit")) {
      out.put(name, DeltaTable.forPath(spark, refreshed.storage().tablePath(name)).history().count());
    }
    String rejects = refreshed.storage().rejectsPath();
    out.put("rejects", DeltaTable.isDeltaTable(spark, rejects) ? DeltaTable.forPath(spark, rejects).history().count() : -1L);
    return out;
  }
}
