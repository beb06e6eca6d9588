package org.unime.udfs.delta;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Small helpers for reading stage tables that may not exist yet. */
public final class DeltaTables {
  private DeltaTables() {}

  public static boolean exists(SparkSession spark, String path) {
    return DeltaTable.isDeltaTable(spark, path);
  }

  /** The table, or null when it has never been written. */
  public static Dataset<Row> readOrNull(SparkSession spark, String path) {
    return exists(spark, path) ? spark.read().format("delta").load(path) : null;
  }

  /** The table, failing with a message that names the stage to run first. */
  public static Dataset<Row> require(SparkSession spark, String path, String producedBy) {
    if (!exists(spark, path)) {
      throw new IllegalStateException(
          "Cannot read table " + path + ": it does not exist yet; run `" + producedBy + "` first");
    }
    return spark.read().format("delta").load(path);
  }

  /** The latest version of the table, -1 when it does not exist. */
  public static long version(SparkSession spark, String path) {
    if (!exists(spark, path)) {
      return -1;
    }
    return DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
  }
}
