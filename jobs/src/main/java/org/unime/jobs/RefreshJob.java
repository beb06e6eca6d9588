package org.unime.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.refresh.RefreshRunner;
import org.unime.udfs.spark.SparkSessions;
import org.unime.udfs.stages.MiningReport;

/**
 * {@code refresh}: brings the mining tables up to date after rows were added to, changed in or removed from the
 * candidates and queries tables, recomputing only what the change touches (see {@code org.unime.udfs.refresh}).
 * Needs a prior {@code mine-all} under the same settings; with nothing new it writes nothing. Writes
 * {@code <reports-dir>/refresh.md}. Meant to run on a schedule after {@code ingest} (README, "Scheduled refresh").
 */
public final class RefreshJob {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshJob.class);

  private RefreshJob() {}

  public static void main(String[] args) throws Exception {
    UnimeCli.main(IngestJob.withCommand(args, "refresh"));
  }

  static void run(UnimeSettings settings, JobArgs args) throws IOException {
    refresh(SparkSessions.create(settings.spark()), settings);
  }

  /** Runs a refresh on an existing session; returns its report. */
  public static MiningReport refresh(SparkSession spark, UnimeSettings settings) throws IOException {
    spark.sparkContext().setJobGroup("refresh", "UniME-V2 incremental refresh of the mining tables", false);
    MiningReport report = new RefreshRunner(spark, settings).refresh();
    String markdown = "### Refresh\n\n" + report.toMarkdown();
    Path out = Path.of(settings.reportsDir(), "refresh.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, markdown);
    LOG.info("Refresh report written to {}:\n{}", out, markdown);
    return report;
  }
}
