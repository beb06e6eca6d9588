package org.unime.tests.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark "distribution" made only of Maven jars: a directory whose {@code jars/} holds spark-core, spark-sql,
 * spark-mllib and their dependencies (shared/notes/stack.md §5). The standalone Master, the Workers and the executors
 * they launch all take their classpath from it; nothing else of a real distribution is needed.
 *
 * <p>{@link #locateOrBuild} fills {@code tests/target/spark-home} once by running
 * {@code scripts/cluster/build-spark-home.sh} (Maven {@code copy-dependencies}); later calls find its marker and
 * return at once. Set {@code -Dtest.spark.home=/path} to use an existing directory (or a real distribution) instead.
 *
 * @param dir the SPARK_HOME directory
 */
public record SparkHome(Path dir) {
  private static final Logger LOG = LoggerFactory.getLogger(SparkHome.class);

  /** The folder every JVM of the cluster puts on its classpath. */
  public Path jars() {
    return dir.resolve("jars");
  }

  /** {@code <dir>/jars/*}, the classpath wildcard for {@code java -cp}. */
  public String classpath() {
    return jars() + File.separator + "*";
  }

  /**
   * Returns the SPARK_HOME for this build, building it first when missing. The Spark and Scala versions come from
   * the Spark on the test classpath, so the cluster always runs the version the jobs were compiled against.
   */
  public static SparkHome locateOrBuild(ProjectLayout layout) {
    String configured = System.getProperty("test.spark.home");
    if (configured != null && !configured.isBlank()) {
      SparkHome home = new SparkHome(Path.of(configured).toAbsolutePath());
      home.checkUsable();
      return home;
    }
    Path dir = layout.testsTarget().resolve("spark-home");
    String marker = ".built-spark-" + sparkVersion() + "_" + scalaBinaryVersion();
    SparkHome home = new SparkHome(dir);
    if (!Files.exists(dir.resolve(marker)) || !Files.isDirectory(home.jars())) {
      build(layout, dir);
    }
    home.checkUsable();
    return home;
  }

  private void checkUsable() {
    try (var files = Files.list(jars())) {
      if (files.noneMatch(p -> p.getFileName().toString().startsWith("spark-core_"))) {
        throw new IllegalStateException("Cannot use SPARK_HOME " + dir + ": jars/ holds no spark-core jar");
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot use SPARK_HOME " + dir + ": jars/ is not readable", e);
    }
  }

  private static void build(ProjectLayout layout, Path dir) {
    Path script = layout.root().resolve("scripts/cluster/build-spark-home.sh");
    Path log = layout.testsTarget().resolve("spark-home-build.log");
    List<String> command = new ArrayList<>(List.of("bash", script.toString(), dir.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_VERSION", sparkVersion());
    pb.environment().put("SCALA_BINARY_VERSION", scalaBinaryVersion());
    // The outer build's Maven and local repository (tests/pom.xml passes them to surefire).
    String mavenHome = System.getProperty("test.maven.home");
    if (mavenHome != null && Files.isExecutable(Path.of(mavenHome, "bin", "mvn"))) {
      pb.environment().put("MVN", Path.of(mavenHome, "bin", "mvn").toString());
    }
    putIfSet(pb, "MAVEN_REPO_LOCAL", System.getProperty("test.maven.repo.local"));
    LOG.info("Building SPARK_HOME {} from Maven jars (log: {})", dir, log);
    long start = System.nanoTime();
    try {
      Files.createDirectories(log.getParent());
      Process process = pb.start();
      if (!process.waitFor(Duration.ofMinutes(15).toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("Cannot build SPARK_HOME: " + script + " ran over 15 minutes; see " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "Cannot build SPARK_HOME: " + script + " exited with " + process.exitValue() + ":\n" + Logs.tail(log, 30));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot build SPARK_HOME: failed to run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot build SPARK_HOME: interrupted", e);
    }
    LOG.info("SPARK_HOME ready in {} s", (System.nanoTime() - start) / 1_000_000_000L);
  }

  private static void putIfSet(ProcessBuilder pb, String name, String value) {
    if (value != null && !value.isBlank()) {
      pb.environment().put(name, value);
    }
  }

  /** The Spark version on the test classpath, e.g. {@code 4.0.1}. */
  static String sparkVersion() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  /** The Scala binary version on the test classpath, e.g. {@code 2.13}. */
  static String scalaBinaryVersion() {
    String full = scala.util.Properties.versionNumberString();
    return full.substring(0, full.lastIndexOf('.'));
  }
}
