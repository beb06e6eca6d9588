package org.unime.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.spark.SparkSessions;
import org.unime.udfs.stages.MiningReport;
import org.unime.udfs.stages.MiningRunner;

/**
 * {@code embed}, {@code retrieve}, {@code judge}, {@code mine} and {@code mine-all}: the UniME-V2 mining stages over
 * the Delta tables. Each stage reads what the previous one wrote; {@code mine-all} runs them in order and writes
 * {@code <reports-dir>/mine-all.md} (rows per stage, time per stage, the judge audit).
 */
public final class MineAllJob {
  private static final Logger LOG = LoggerFactory.getLogger(MineAllJob.class);

  private MineAllJob() {}

  public static void main(String[] args) throws Exception {
    UnimeCli.main(IngestJob.withCommand(args, "mine-all"));
  }

  static void embed(UnimeSettings settings, JobArgs args) {
    stage(settings, "embed").embed();
  }

  static void retrieve(UnimeSettings settings, JobArgs args) {
    stage(settings, "retrieve").retrieve();
  }

  static void judge(UnimeSettings settings, JobArgs args) {
    stage(settings, "judge").judge();
  }

  static void mine(UnimeSettings settings, JobArgs args) {
    stage(settings, "mine").mine();
  }

  static void run(UnimeSettings settings, JobArgs args) throws IOException {
    mineAll(SparkSessions.create(settings.spark()), settings);
  }

  /** Runs the four stages and the audit on an existing session; returns the report's Markdown. */
  public static String mineAll(SparkSession spark, UnimeSettings settings) throws IOException {
    MiningRunner runner = new MiningRunner(spark, settings);
    spark.sparkContext().setJobGroup("mine-all", "UniME-V2 mining: embed, retrieve, judge, mine", false);
    runner.embed();
    runner.retrieve();
    runner.judge();
    runner.mine();
    String audit = runner.audit();
    String markdown = render(runner.report(), audit);
    Path out = Path.of(settings.reportsDir(), "mine-all.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, markdown);
    LOG.info("Mining report written to {}:\n{}", out, markdown);
    return markdown;
  }

  static String render(MiningReport report, String audit) {
    return "### Mining stages\n\n" + report.toMarkdown() + "\n### Judge audit\n\n" + audit;
  }

  private static MiningRunner stage(UnimeSettings settings, String name) {
    SparkSession spark = SparkSessions.create(settings.spark());
    spark.sparkContext().setJobGroup(name, "UniME-V2 " + name, false);
    return new MiningRunner(spark, settings);
  }
}
