package org.unime.udfs.unime;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.unime.udfs.delta.DeltaMerge;
import org.unime.udfs.delta.DeltaTables;
import org.unime.udfs.distributed.StepListener;
import org.unime.udfs.distributed.StepMetrics;

/**
 * Per-step training metrics in a Delta table, one row per (run, step): buffered on the driver and merged at each
 * checkpoint and at the end (a Delta commit per step would cost more than the step). Keyed by (run_id, step), so the
 * steps a resumed run redoes overwrite their first attempt instead of duplicating it. Driver-only.
 */
final class MetricsTable implements StepListener {
  /** Column contract of the metrics table (documented in docs/training.md). */
  static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("run_id", StringType, false),
              createStructField("loss_mode", StringType, false),
              createStructField("step", IntegerType, false),
              createStructField("loss", DoubleType, false),
              createStructField("kl1", DoubleType, true),
              createStructField("kl2", DoubleType, true),
              createStructField("learning_rate", DoubleType, false),
              createStructField("grad_norm", DoubleType, false),
              createStructField("samples_per_second", DoubleType, false),
              createStructField("step_seconds", DoubleType, false),
              createStructField("compute_seconds", DoubleType, false),
              createStructField("communication_share", DoubleType, false),
              createStructField("bytes_down", LongType, false),
              createStructField("bytes_up", LongType, false),
              createStructField("examples", IntegerType, false),
              createStructField("partitions", IntegerType, false),
              createStructField("hard_negatives_version", LongType, false),
              createStructField("recorded_at", StringType, false)));

  private static final DeltaMerge MERGE = DeltaMerge.onKeys(List.of("run_id", "step"), "recorded_at");

  private final SparkSession spark;
  private final String path;
  private final String runId;
  private final String lossMode;
  private final long hardNegativesVersion;
  private final List<Row> buffer = new ArrayList<>();

  MetricsTable(SparkSession spark, String path, String runId, String lossMode, long hardNegativesVersion) {
    this.spark = spark;
    this.path = path;
    this.runId = runId;
    this.lossMode = lossMode;
    this.hardNegativesVersion = hardNegativesVersion;
  }

  @Override
  public void onStep(StepMetrics m) {
    buffer.add(
        RowFactory.create(
            runId, lossMode, m.step(), m.loss(), nullIfNaN(m.term(UnimeLosses.KL1)), nullIfNaN(m.term(UnimeLosses.KL2)),
            m.learningRate(), m.gradientNorm(), m.samplesPerSecond(), m.seconds(), m.computeSeconds(),
            m.communicationShare(), m.bytesDown(), m.bytesUp(), m.examples(), m.partitions(), hardNegativesVersion,
            Instant.now().toString()));
  }

  @Override
  public void beforeCheckpoint(int completedSteps) {
    flush();
  }

  /** Merges the buffered rows into the table. */
  void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    MERGE.into(spark, spark.createDataFrame(new ArrayList<>(buffer), SCHEMA), path);
    buffer.clear();
  }

  /** Every recorded step of run {@code runId}, in step order (empty when the table does not exist). */
  static List<Row> history(SparkSession spark, String path, String runId) {
    if (!DeltaTables.exists(spark, path)) {
      return List.of();
    }
    return spark.read().format("delta").load(path).filter(col("run_id").equalTo(runId)).orderBy("step").collectAsList();
  }

  private static Double nullIfNaN(double value) {
    return Double.isNaN(value) ? null : value;
  }
}
