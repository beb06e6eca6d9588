package org.unime.jobs;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.spark.SparkSessions;

/** {@code summary}: prints what the Delta tables hold, by dataset, split and modality. */
public final class SummaryJob {
  private static final Logger LOG = LoggerFactory.getLogger(SummaryJob.class);

  private SummaryJob() {}

  public static void main(String[] args) throws Exception {
    UnimeCli.main(IngestJob.withCommand(args, "summary"));
  }

  static void run(UnimeSettings settings, JobArgs args) {
    SparkSession spark = SparkSessions.create(settings.spark());
    LOG.info("Tables under {}:\n{}", settings.storage().root(), TableSummary.markdown(spark, settings.storage()));
  }
}
