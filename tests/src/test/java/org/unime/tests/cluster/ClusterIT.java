package org.unime.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.unime.conf.StorageSettings;
import org.unime.conf.UnimeSettings;
import org.unime.jobs.IngestJob;
import org.unime.tests.TestSettings;

/**
 * The fat jar's CLI submitted with {@code spark-submit} to a real standalone cluster (Master + 2 Workers from
 * Maven's Spark jars) writes the same Delta tables as the same job run in local mode in this JVM.
 *
 * <p>{@link ClusterMiningIT} does the same for {@code mine-all} (and kills a driver and a worker). Runs in the
 * default {@code mvn verify}; select or skip it with the {@code cluster} tag ({@code -Dgroups=cluster},
 * {@code -DexcludedGroups=cluster}).
 */
@Tag("cluster")
@ExtendWith(SharedClusterExtension.class)
class ClusterIT {
  /** The CLI command submitted to the cluster. */
  private static final String COMMAND = "ingest";

  /** A small real subset of every built-in dataset, split into several partitions so both executors work. */
  private static final Map<String, String> SUBSET =
      Map.of(
          "unime.ingest.emoji.max-concepts", "20",
          "unime.ingest.icons.tabler.max-concepts", "10",
          "unime.ingest.icons.mdi.max-concepts", "10",
          "unime.ingest.fashion-mnist.max-train", "50",
          "unime.ingest.fashion-mnist.max-test", "10",
          "unime.ingest.rows-per-partition", "25");

  @TempDir static Path work;

  /** The local-mode twin of {@link #COMMAND}, in this JVM's session. */
  private static void runLocally(SparkSession spark, UnimeSettings settings) {
    IngestJob.ingest(spark, settings);
  }

  /** The Delta tables {@link #COMMAND} writes, by name; all must match. */
  private static Map<String, String> tables(StorageSettings storage) {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("candidates", storage.candidatesPath());
    tables.put("queries", storage.queriesPath());
    tables.put("rejects", storage.rejectsPath());
    return tables;
  }

  /** Tables the subset may leave empty (the real subset has no bad rows); the others must have rows. */
  private static final Set<String> MAY_BE_EMPTY = Set.of("rejects");

  @Test
  void submittedJobWritesTheSameDeltaTablesAsLocalMode(StandaloneCluster cluster) {
    ProjectLayout layout = ProjectLayout.current();
    Path clusterRoot = work.resolve("cluster");
    Path localRoot = work.resolve("local");

    SubmitResult submitted =
        cluster.submit(
            UnimeSubmit.cli(layout, clusterRoot, COMMAND, overrides(clusterRoot), List.of()).build(),
            Duration.ofMinutes(8));
    assertThat(submitted.succeeded()).as("spark-submit %s failed:\n%s", COMMAND, submitted.tail()).isTrue();
    MasterState.App app =
        cluster.state().completedApps().stream().filter(a -> a.name().equals("unime-v2")).reduce((a, b) -> b).orElseThrow();
    assertThat(cluster.executorLogs(app.id())).as("executors of %s, one per worker", app.id()).hasSize(2);

    SparkSession spark = org.unime.tests.SharedSpark.get();
    UnimeSettings local = settings(localRoot);
    runLocally(spark, local);

    Map<String, String> clusterTables = tables(settings(clusterRoot).storage());
    Map<String, String> localTables = tables(local.storage());
    for (String table : clusterTables.keySet()) {
      Dataset<Row> fromCluster = spark.read().format("delta").load(clusterTables.get(table));
      Dataset<Row> fromLocal = spark.read().format("delta").load(localTables.get(table));
      TableDiff.Result diff = TableDiff.compare(fromCluster, fromLocal);
      assertThat(diff.same()).as("%s: cluster vs local: %s", table, diff.describe()).isTrue();
      if (!MAY_BE_EMPTY.contains(table)) {
        assertThat(diff.leftRows()).as("rows in %s", table).isPositive();
      }
    }
  }

  /** The same overrides for both runs, only the output folders differ (as TestSettings does for local ITs). */
  private static Map<String, String> overrides(Path root) {
    return TestSettings.overrides(root, SUBSET);
  }

  private static UnimeSettings settings(Path root) {
    return TestSettings.with(root, SUBSET);
  }
}
