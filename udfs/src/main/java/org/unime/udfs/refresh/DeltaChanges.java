package org.unime.udfs.refresh;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.unime.udfs.delta.DeltaTables;
import org.unime.udfs.spark.ScalaValues;

/**
 * One Delta MERGE that upserts some rows and deletes others, so each refreshed table gets at most one new version.
 * Upserts and deletes travel in one source, told apart by an operation column: matched deletes are removed, matched
 * upserts are rewritten only when a change column differs, unmatched upserts are inserted. An empty change writes
 * nothing at all (no MERGE, no commit), which is what makes a refresh without new data leave every table's history
 * untouched.
 *
 * <p>The source is checkpointed before the MERGE: it is usually derived from the target itself (stale rows found by
 * reading the table), and a lazily re-evaluated source could otherwise see the table half rewritten.
 */
final class DeltaChanges {
  private static final String OP = "_refresh_op";
  private static final String UPSERT = "upsert";
  private static final String DELETE = "delete";

  private final List<String> keys;
  private final List<String> changeColumns;

  private DeltaChanges(List<String> keys, List<String> changeColumns) {
    this.keys = List.copyOf(keys);
    this.changeColumns = List.copyOf(changeColumns);
  }

  /** Rows keyed by {@code keys}; a matched upsert rewrites the row when any of {@code changeColumns} differs. */
  static DeltaChanges onKeys(List<String> keys, List<String> changeColumns) {
    return new DeltaChanges(keys, changeColumns);
  }

  /**
   * Applies the change to the table at {@code path}.
   *
   * @param upserts rows with every column of the table
   * @param deletes rows holding at least the key columns; keys also present in {@code upserts} are not deleted
   * @return the number of source rows (upserts + deletes); 0 means the table was not touched
   */
  long apply(SparkSession spark, String path, Dataset<Row> upserts, Dataset<Row> deletes) {
    if (!DeltaTables.exists(spark, path)) {
      Dataset<Row> rows = upserts.localCheckpoint();
      long count = rows.count();
      if (count == 0) {
        return 0;
      }
      try {
        rows.write().format("delta").mode("errorifexists").save(path);
        return count;
      } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes
        if (!DeltaTables.exists(spark, path)) {
          throw e instanceof RuntimeException r ? r : new IllegalStateException("Cannot create " + path, e);
        }
        // Another run created the table meanwhile: fall through to the MERGE, which is idempotent.
      }
    }
    DeltaTable table = DeltaTable.forPath(spark, path);
    StructType schema = table.toDF().schema();
    Dataset<Row> source = source(schema, upserts, deletes).localCheckpoint();
    long count = source.count();
    if (count == 0) {
      return 0;
    }
    String on = keys.stream().map(k -> "t." + k + " <=> s." + k).collect(Collectors.joining(" AND "));
    String changed = changeColumns.stream().map(c -> "NOT (t." + c + " <=> s." + c + ")").collect(Collectors.joining(" OR "));
    Map<String, String> assignments = new LinkedHashMap<>();
    for (String name : schema.fieldNames()) {
      assignments.put(name, "s." + name);
    }
    table.as("t").merge(source.as("s"), on)
        .whenMatched("s." + OP + " = '" + DELETE + "'").delete()
        .whenMatched("s." + OP + " = '" + UPSERT + "' AND (" + changed + ")").updateExpr(assignments)
        .whenNotMatched("s." + OP + " = '" + UPSERT + "'").insertExpr(assignments)
        .execute();
    return count;
  }

  /** Upserts in the table's column order, then tombstones (keys, nulls elsewhere) for keys not upserted. */
  private Dataset<Row> source(StructType schema, Dataset<Row> upserts, Dataset<Row> deletes) {
    List<Column> upsertColumns = new ArrayList<>();
    List<Column> deleteColumns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      upsertColumns.add(col(field.name()).cast(field.dataType()).as(field.name()));
      deleteColumns.add(keys.contains(field.name())
          ? col(field.name()).cast(field.dataType()).as(field.name())
          : lit(null).cast(field.dataType()).as(field.name()));
    }
    upsertColumns.add(lit(UPSERT).as(OP));
    deleteColumns.add(lit(DELETE).as(OP));
    Dataset<Row> tombstones =
        deletes.select(keys.stream().map(k -> col(k)).toArray(Column[]::new)).dropDuplicates(keys.toArray(String[]::new))
            .join(upserts.select(keys.stream().map(k -> col(k)).toArray(Column[]::new)), ScalaValues.seq(keys), "left_anti")
            .select(deleteColumns.toArray(Column[]::new));
    return upserts.select(upsertColumns.toArray(Column[]::new)).unionByName(tombstones);
  }
}
