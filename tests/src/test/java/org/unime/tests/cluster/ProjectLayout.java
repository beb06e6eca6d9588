package org.unime.tests.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the cluster tests find the repository's build outputs. Surefire runs with the tests module as working
 * directory and sets {@code basedir}; the repository root is its parent.
 *
 * @param root the repository root (the reactor's directory)
 * @param testsTarget {@code tests/target}, where the SPARK_HOME and the cluster logs go
 */
public record ProjectLayout(Path root, Path testsTarget) {

  /** The layout of the build running this test JVM. */
  public static ProjectLayout current() {
    Path tests = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    return new ProjectLayout(tests.getParent(), tests.resolve("target"));
  }

  /** {@code tests/target/cluster-logs}: one folder per cluster run below it. */
  public Path clusterLogs() {
    return testsTarget.resolve("cluster-logs");
  }

  /** {@code conf/local.conf}, the overlay the cluster driver config builds on. */
  public Path localConf() {
    return root.resolve("conf/local.conf");
  }

  /**
   * The jobs fat jar ({@code jobs/target/unime-jobs-*-all.jar}). It is built in the jobs module's {@code package}
   * phase, which a root {@code mvn verify} runs before the tests module; running the tests module alone does not.
   */
  public Path fatJar() {
    Path target = root.resolve("jobs/target");
    List<Path> jars;
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      jars = files.filter(p -> p.getFileName().toString().matches("unime-jobs-.*-all\\.jar")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list " + target, e);
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException(
          "Cannot run the cluster tests: the jobs fat jar " + target + "/unime-jobs-<version>-all.jar is missing."
              + " Build it first with `mvn -DskipTests package` from the repository root (a root `mvn verify`"
              + " builds it before the tests module; `-pl tests` alone does not)");
    }
    return jars.get(jars.size() - 1);
  }
}
