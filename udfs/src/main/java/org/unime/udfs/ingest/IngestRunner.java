package org.unime.udfs.ingest;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import io.delta.tables.DeltaTable;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.StorageSettings;
import org.unime.pipeline.ingest.IngestReport;
import org.unime.pipeline.ingest.RecordValidator;
import org.unime.pipeline.ingest.SourceReader;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;
import org.unime.udfs.delta.DeltaMerge;
import org.unime.udfs.delta.ItemSchema;

/**
 * Runs ingest: plans rows with the source readers on the driver, materialises images on executors, checks
 * positives, and merges candidates, queries and rejects into their Delta tables. Idempotent: re-running with the
 * same sources rewrites nothing and duplicates nothing.
 */
public final class IngestRunner {
  private static final Logger LOG = LoggerFactory.getLogger(IngestRunner.class);
  private static final DeltaMerge ITEMS_MERGE = DeltaMerge.onKeys(List.of(ItemSchema.ID), ItemSchema.CONTENT_HASH);
  private static final DeltaMerge REJECTS_MERGE =
      DeltaMerge.onKeys(
          List.of(ItemSchema.STAGE, ItemSchema.DATASET, ItemSchema.ROW_ID, ItemSchema.REASON), ItemSchema.DETAIL);

  private final SparkSession spark;
  private final StorageSettings storage;
  private final int rowsPerPartition;
  private final int maxTextChars;
  private final int rasterSize;

  public IngestRunner(SparkSession spark, StorageSettings storage, int rowsPerPartition, int maxTextChars, int rasterSize) {
    this.spark = spark;
    this.storage = storage;
    this.rowsPerPartition = rowsPerPartition;
    this.maxTextChars = maxTextChars;
    this.rasterSize = rasterSize;
  }

  public IngestReport run(List<SourceReader> readers) {
    List<SourceRecord> planned = new ArrayList<>();
    List<Reject> driverRejects = new ArrayList<>();
    Map<String, Long> read = new HashMap<>();
    for (SourceReader reader : readers) {
      SourceBatch batch = readSource(reader);
      read.merge(reader.dataset(), batch.rowsRead(), Long::sum);
      planned.addAll(batch.records());
      driverRejects.addAll(batch.rejects());
      LOG.info("Planned {}: {} rows, {} rejected while reading", reader.dataset(), batch.rowsRead(), batch.rejects().size());
    }
    RecordValidator.Result validated = new RecordValidator(maxTextChars).validate(planned);
    driverRejects.addAll(validated.rejects());

    Dataset<Row> outcomes = materialise(validated.accepted());
    try {
      Dataset<Row> candidates = outcomes.filter(col(MaterializeImages.KIND).equalTo("candidate")).select("item.*");
      Dataset<Row> queries = outcomes.filter(col(MaterializeImages.KIND).equalTo("query")).select("item.*");
      Dataset<Row> rejects =
          outcomes.filter(col(MaterializeImages.KIND).equalTo("reject")).select("reject.*")
              .unionByName(driverRejectFrame(driverRejects));

      IngestReport report = IngestCounter.count(read, candidates, queries, rejects).requireBalanced();
      ITEMS_MERGE.into(spark, candidates, storage.candidatesPath());
      ITEMS_MERGE.into(spark, queries, storage.queriesPath());
      REJECTS_MERGE.into(spark, rejects, storage.rejectsPath());
      LOG.info("Ingest wrote {} rows and rejected {} of {} read", report.totalWritten(), report.totalRejected(), report.totalRead());
      return report;
    } finally {
      outcomes.unpersist();
    }
  }

  private static SourceBatch readSource(SourceReader reader) {
    try {
      return reader.read();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read source " + reader.dataset() + ": " + e.getMessage(), e);
    }
  }

  private Dataset<Row> materialise(List<SourceRecord> records) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, (records.size() + rowsPerPartition - 1) / rowsPerPartition);
    JavaRDD<Row> materialised =
        jsc.parallelize(records, slices).mapPartitions(new MaterializeImages(rasterSize))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Set<String> known = new HashSet<>(existingCandidateIds());
      known.addAll(
          materialised.filter(r -> "candidate".equals(r.getString(0))).map(r -> r.getStruct(1).getString(0)).collect());
      Broadcast<Set<String>> knownIds = jsc.broadcast(known);
      // Persisted because counting and the three writes each read it; images are costly to redo.
      Dataset<Row> outcomes =
          spark.createDataFrame(materialised.map(new CheckPositives(knownIds)), MaterializeImages.OUTCOME)
              .persist(StorageLevel.MEMORY_AND_DISK());
      outcomes.count();
      return outcomes;
    } finally {
      materialised.unpersist(false);
    }
  }

  private List<String> existingCandidateIds() {
    String path = storage.candidatesPath();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return List.of();
    }
    return spark.read().format("delta").load(path).select(ItemSchema.ID).as(Encoders.STRING()).collectAsList();
  }

  private Dataset<Row> driverRejectFrame(List<Reject> rejects) {
    List<Row> rows = rejects.stream().map(MaterializeImages::rejectRow).toList();
    return spark.createDataFrame(rows, ItemSchema.REJECTS);
  }
}
