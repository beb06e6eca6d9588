package org.unime.tests.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code spark-submit} of the jobs fat jar's CLI ({@code org.unime.jobs.UnimeCli}) the way the cluster tests run
 * it: any command with any {@code --conf} overrides, the driver configured by {@code conf/local.conf} minus its
 * master, DJL offline on the driver and the executors.
 *
 * <p>Switching the cluster test from {@code ingest} to {@code mine-all} is a matter of the {@code command} argument.
 */
public final class UnimeSubmit {
  /** The fat jar's main class. */
  public static final String MAIN_CLASS = "org.unime.jobs.UnimeCli";

  private UnimeSubmit() {}

  /**
   * A submit of {@code UnimeCli [--conf k=v]... <command> [commandArgs]...}; the caller may add Spark settings to the
   * returned builder before {@code build()}.
   *
   * @param layout where the fat jar and {@code conf/local.conf} are
   * @param workDir a folder for the generated driver config and the driver's Spark warehouse
   * @param command the CLI command, e.g. {@code ingest} or {@code mine-all}
   * @param overrides {@code unime.*} settings passed as {@code --conf key=value}
   * @param commandArgs arguments after the command
   */
  public static SparkSubmitCommand.Builder cli(
      ProjectLayout layout, Path workDir, String command, Map<String, String> overrides, List<String> commandArgs) {
    Path driverConf = writeDriverConfig(layout, workDir);
    String djlCache = djlCacheDir();
    List<String> args = new ArrayList<>();
    overrides.forEach((k, v) -> args.addAll(List.of("--conf", k + "=" + v)));
    args.add(command);
    args.addAll(commandArgs);
    return SparkSubmitCommand.builder(command, MAIN_CLASS, layout.fatJar())
        .driverHeap("1g")
        .driverProperty("config.file", driverConf.toString())
        .driverProperty("ai.djl.offline", "true")
        .driverProperty("DJL_CACHE_DIR", djlCache)
        .driverProperty("log4j2.configurationFile", layout.root().resolve("conf/log4j2.properties").toString())
        .driverProperty("java.awt.headless", "true")
        .driverJvmOption("-XX:TieredStopAtLevel=1")
        .conf("spark.executor.cores", "1")
        .conf("spark.executor.memory", "1g")
        // The worker adds Spark's module flags to executors itself (stack.md §5); these are ours. C1 only: short
        // jobs on a 2-core CI box spend more on C2 compiles than they gain.
        .conf(
            "spark.executor.extraJavaOptions",
            "-Dai.djl.offline=true -DDJL_CACHE_DIR=" + djlCache + " -Djava.awt.headless=true -XX:TieredStopAtLevel=1")
        .args(args);
  }

  /** The DJL cache the test JVM uses (surefire sets {@code DJL_CACHE_DIR}), so executors find libtorch unpacked. */
  static String djlCacheDir() {
    return System.getProperty("DJL_CACHE_DIR", Path.of(System.getProperty("user.home"), ".djl.ai").toString());
  }

  /**
   * Writes {@code <workDir>/driver.conf}: {@code conf/local.conf} (loopback driver, UI off, 4 shuffle partitions)
   * with the master left to spark-submit, as a cluster deployment's config has it.
   */
  static Path writeDriverConfig(ProjectLayout layout, Path workDir) {
    Path file = workDir.resolve("driver.conf");
    String text =
        "# Written by the cluster tests (UnimeSubmit): local.conf, but the master comes from spark-submit.\n"
            + "include file(" + quote(layout.localConf()) + ")\n"
            + "unime.spark.master = \"\"\n"
            + "unime.spark.conf.\"spark.sql.warehouse.dir\" = " + quote(workDir.resolve("spark-warehouse")) + "\n";
    try {
      Files.createDirectories(workDir);
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the driver config " + file, e);
    }
    return file;
  }

  private static String quote(Path path) {
    return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
