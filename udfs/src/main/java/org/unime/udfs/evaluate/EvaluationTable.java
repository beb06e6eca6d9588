package org.unime.udfs.evaluate;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The evaluation results table ({@code unime.evaluation.table}): one row per (model version, suite, task, metric).
 * Each model's rows are written with one MERGE that updates the rows it produced again, inserts new ones and deletes
 * the model's rows this evaluation no longer produces (a set no longer configured), so re-evaluating a model
 * replaces its rows and leaves every other model's alone. The first write creates the table. Driver-only.
 */
public final class EvaluationTable {
  /** Column contract (documented in docs/results.md). */
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("run_id", StringType, false),
              createStructField("model_label", StringType, false),
              createStructField("model_id", StringType, false),
              createStructField("model_version", StringType, false),
              createStructField("model_uri", StringType, false),
              createStructField("loss", StringType, true),
              createStructField("seed", LongType, true),
              createStructField("suite", StringType, false),
              createStructField("task", StringType, false),
              createStructField("metric", StringType, false),
              createStructField("value", DoubleType, false),
              createStructField("queries", LongType, false),
              createStructField("created", TimestampType, false)));

  private static final String KEY =
      "t.model_version = s.model_version AND t.suite = s.suite AND t.task = s.task AND t.metric = s.metric";

  private final SparkSession spark;
  private final String path;

  public EvaluationTable(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /** Replaces the rows of {@code model} with {@code metrics}. */
  public void write(String runId, EvaluatedModel model, List<MetricValue> metrics) {
    Timestamp created = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (MetricValue m : metrics) {
      rows.add(RowFactory.create(runId, model.ref().label(), model.modelId(), model.version(), model.ref().uri(),
          model.ref().loss(), model.ref().seed(), m.suite(), m.task(), m.metric(), m.value(), m.queries(), created));
    }
    var source = spark.createDataFrame(rows, SCHEMA);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      source.write().format("delta").mode("errorifexists").save(path);
      return;
    }
    DeltaTable.forPath(spark, path).as("t").merge(source.as("s"), KEY)
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .whenNotMatchedBySource("t.model_version = '" + model.version().replace("'", "''") + "'").delete()
        .execute();
  }
}
