package org.unime.jobs;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.unime.conf.StorageSettings;
import org.unime.udfs.delta.ItemSchema;

/** Markdown summary of what the Delta tables hold now (not just what the last run wrote). */
final class TableSummary {
  private TableSummary() {}

  static String markdown(SparkSession spark, StorageSettings storage) {
    StringBuilder sb = new StringBuilder();
    for (String table : List.of(storage.candidatesTable(), storage.queriesTable())) {
      sb.append("\n#### ").append(table).append(" (Delta version ").append(version(spark, storage.path(table)))
          .append(")\n\n| dataset | split | modality | rows |\n|---|---|---|---:|\n");
      long total = 0;
      for (Row r : counts(spark, storage.path(table), ItemSchema.DATASET, ItemSchema.SPLIT, ItemSchema.MODALITY)) {
        sb.append("| ").append(r.getString(0)).append(" | ").append(r.getString(1)).append(" | ")
            .append(r.getString(2)).append(" | ").append(r.getLong(3)).append(" |\n");
        total += r.getLong(3);
      }
      sb.append("| **total** | | | ").append(total).append(" |\n");
    }
    sb.append("\n#### ").append(storage.rejectsTable()).append(" (Delta version ")
        .append(version(spark, storage.rejectsPath())).append(")\n\n| stage | dataset | reason | rows |\n|---|---|---|---:|\n");
    for (Row r : counts(spark, storage.rejectsPath(), ItemSchema.STAGE, ItemSchema.DATASET, ItemSchema.REASON)) {
      sb.append("| ").append(r.getString(0)).append(" | ").append(r.getString(1)).append(" | ")
          .append(r.getString(2)).append(" | ").append(r.getLong(3)).append(" |\n");
    }
    return sb.toString();
  }

  private static List<Row> counts(SparkSession spark, String path, String a, String b, String c) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return List.of();
    }
    return spark.read().format("delta").load(path).groupBy(col(a), col(b), col(c)).count()
        .orderBy(col(a), col(b), col(c)).collectAsList();
  }

  private static long version(SparkSession spark, String path) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return -1;
    }
    return DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
  }
}
