package org.unime.udfs.delta;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Idempotent writes: rows are merged into a Delta table by key, so re-running a stage updates changed rows and
 * inserts new ones but never duplicates. A missing table is created by the first write.
 */
public final class DeltaMerge {
  private final List<String> keys;
  private final String changeColumn;

  private DeltaMerge(List<String> keys, String changeColumn) {
    this.keys = List.copyOf(keys);
    this.changeColumn = changeColumn;
  }

  /** Merge on the given key columns; matched rows are rewritten only when {@code changeColumn} differs. */
  public static DeltaMerge onKeys(List<String> keys, String changeColumn) {
    return new DeltaMerge(keys, changeColumn);
  }

  /** Merge on the given key columns; matched rows are left as they are (insert-only). */
  public static DeltaMerge insertNew(List<String> keys) {
    return new DeltaMerge(keys, null);
  }

  /** Writes {@code rows} into the table at {@code path}; the source must not hold duplicate keys. */
  public void into(SparkSession spark, Dataset<Row> rows, String path) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      rows.write().format("delta").mode("errorifexists").save(path);
      return;
    }
    String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    var merge = DeltaTable.forPath(spark, path).as("t").merge(rows.as("s"), on);
    if (changeColumn != null) {
      merge = merge.whenMatched("t." + changeColumn + " <> s." + changeColumn).updateAll();
    }
    merge.whenNotMatched().insertAll().execute();
  }
}
