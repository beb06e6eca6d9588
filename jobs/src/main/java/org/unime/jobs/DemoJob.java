package org.unime.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.pipeline.ingest.IngestReport;
import org.unime.udfs.spark.SparkSessions;

/**
 * {@code demo}: the embedded end-to-end run on the real datasets. Today: ingest, then a summary of the tables.
 * Writes its report to {@code <reports-dir>/demo.md}.
 */
public final class DemoJob {
  private static final Logger LOG = LoggerFactory.getLogger(DemoJob.class);

  private DemoJob() {}

  static void run(UnimeSettings settings, JobArgs args) throws IOException {
    SparkSession spark = SparkSessions.create(settings.spark());
    Instant start = Instant.now();
    IngestReport ingest = IngestJob.ingest(spark, settings);
    Duration ingestTime = Duration.between(start, Instant.now());
    String report =
        "# UniME-V2 demo run\n\n"
            + "- finished: " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC)) + "\n"
            + "- profile: " + (args.profiles().isEmpty() ? "full" : String.join(",", args.profiles())) + "\n"
            + "- storage: " + settings.storage().root() + "\n"
            + "- ingest time: " + ingestTime.toSeconds() + " s\n\n"
            + "### This run's ingest (rows in = written + rejected)\n\n" + ingest.toMarkdown()
            + "\n### Table contents\n" + TableSummary.markdown(spark, settings.storage());
    Path out = Path.of(settings.reportsDir(), "demo.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    LOG.info("Demo report written to {}:\n{}", out, report);
  }
}
