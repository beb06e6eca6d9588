package org.unime.jobs;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.delta.DeltaTables;
import org.unime.udfs.mining.HardNegativeExport;
import org.unime.udfs.spark.SparkSessions;

/**
 * {@code export [dir]}: writes the hard-negative table as the reference mined-record JSON and as
 * sentence-transformers n-tuples (default dir: {@code <reports-dir>/export}).
 */
public final class ExportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ExportJob.class);

  private ExportJob() {}

  static void run(UnimeSettings settings, JobArgs args) throws IOException {
    Path dir = args.rest().isEmpty() ? Path.of(settings.reportsDir(), "export") : Path.of(args.rest().get(0));
    SparkSession spark = SparkSessions.create(settings.spark());
    HardNegativeExport export =
        new HardNegativeExport(
            DeltaTables.require(spark, settings.storage().queriesPath(), "ingest"),
            DeltaTables.require(spark, settings.storage().candidatesPath(), "ingest"));
    var hardNegatives = DeltaTables.require(spark, settings.storage().tablePath("hard-negatives"), "mine");
    long records = export.toReferenceJson(hardNegatives, dir);
    long tuples = export.toSentenceTransformers(hardNegatives, dir);
    LOG.info("Exported {} records to {}/hard_negatives.json and {} n-tuples to {}/hard_negatives.jsonl",
        records, dir, tuples, dir);
  }
}
