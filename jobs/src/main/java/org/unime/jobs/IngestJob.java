package org.unime.jobs;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.pipeline.ingest.IngestReport;
import org.unime.udfs.ingest.IngestRunner;
import org.unime.udfs.ingest.SourceReaders;
import org.unime.udfs.spark.SparkSessions;

/** {@code ingest}: reads the configured datasets into the candidates, queries and rejects Delta tables. */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private IngestJob() {}

  public static void main(String[] args) throws Exception {
    UnimeCli.main(withCommand(args, "ingest"));
  }

  static void run(UnimeSettings settings, JobArgs args) {
    SparkSession spark = SparkSessions.create(settings.spark());
    IngestReport report = ingest(spark, settings);
    LOG.info("Ingest counts:\n{}", report.toMarkdown());
  }

  /** Runs ingest on an existing session (the demo and the tests share one). */
  public static IngestReport ingest(SparkSession spark, UnimeSettings settings) {
    spark.sparkContext().setJobGroup("ingest", "UniME-V2 ingest", false);
    IngestRunner runner =
        new IngestRunner(
            spark,
            settings.storage(),
            settings.ingest().rowsPerPartition(),
            settings.ingest().maxTextChars(),
            settings.ingest().icons().rasterSize());
    return runner.run(SourceReaders.from(settings.ingest()));
  }

  /** Options come before the command, so a per-stage main appends its command name. */
  static String[] withCommand(String[] args, String command) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = command;
    return out;
  }
}
