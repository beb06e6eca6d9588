package org.unime.udfs.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.unime.pipeline.ingest.IngestReport;
import org.unime.udfs.delta.ItemSchema;

/** Counts an ingest run's output per dataset with one small aggregation per table. */
final class IngestCounter {
  private IngestCounter() {}

  static IngestReport count(Map<String, Long> read, Dataset<Row> candidates, Dataset<Row> queries, Dataset<Row> rejects) {
    Map<String, Long> candidateCounts = byDataset(candidates);
    Map<String, Long> queryCounts = byDataset(queries);
    Map<String, Map<String, Long>> rejectCounts = new HashMap<>();
    for (Row row : rejects.groupBy(col(ItemSchema.DATASET), col(ItemSchema.REASON)).count().collectAsList()) {
      rejectCounts.computeIfAbsent(row.getString(0), k -> new HashMap<>()).put(row.getString(1), row.getLong(2));
    }
    Set<String> datasets = new TreeSet<>(read.keySet());
    datasets.addAll(candidateCounts.keySet());
    datasets.addAll(queryCounts.keySet());
    datasets.addAll(rejectCounts.keySet());
    Map<String, IngestReport.DatasetCounts> out = new HashMap<>();
    for (String dataset : datasets) {
      Map<String, Long> reasons = rejectCounts.getOrDefault(dataset, Map.of());
      out.put(
          dataset,
          new IngestReport.DatasetCounts(
              read.getOrDefault(dataset, 0L),
              candidateCounts.getOrDefault(dataset, 0L),
              queryCounts.getOrDefault(dataset, 0L),
              reasons.values().stream().mapToLong(Long::longValue).sum(),
              reasons));
    }
    return new IngestReport(out);
  }

  private static Map<String, Long> byDataset(Dataset<Row> rows) {
    Map<String, Long> out = new HashMap<>();
    for (Row row : rows.groupBy(col(ItemSchema.DATASET)).count().collectAsList()) {
      out.put(row.getString(0), row.getLong(1));
    }
    return out;
  }
}
