package org.unime.tests.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code spark-submit} in client mode: which application to run and how to start its driver. The cluster
 * ({@link StandaloneCluster#submit}) adds the master URL, the loopback driver address and the JVM module flags.
 *
 * <p>The driver is started with plain {@code java ... org.apache.spark.deploy.SparkSubmit}, so driver-side JVM
 * settings ({@code --driver-memory}, {@code --driver-java-options}, {@code spark.driver.extraJavaOptions}) would
 * come too late: give them as {@link Builder#driverJvmOption}/{@link Builder#driverHeap} instead. Executor
 * settings go in {@link Builder#conf} ({@code spark.executor.extraJavaOptions} and so on). Immutable.
 *
 * @param name a short label for the log folder (e.g. the CLI command)
 * @param mainClass the application's main class
 * @param appJar the primary jar (shipped to every executor)
 * @param jars further jars for the driver and the executors ({@code --jars})
 * @param conf Spark settings ({@code --conf k=v}), in order
 * @param driverHeap the driver's {@code -Xmx} value, e.g. {@code 1g}
 * @param driverJvmOptions further JVM options for the driver ({@code -Dconfig.file=...})
 * @param args the application's arguments
 */
public record SparkSubmitCommand(
    String name,
    String mainClass,
    Path appJar,
    List<Path> jars,
    Map<String, String> conf,
    String driverHeap,
    List<String> driverJvmOptions,
    List<String> args) {

  public SparkSubmitCommand {
    jars = List.copyOf(jars);
    conf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conf));
    driverJvmOptions = List.copyOf(driverJvmOptions);
    args = List.copyOf(args);
  }

  /** Starts a command for {@code mainClass} in {@code appJar}. */
  public static Builder builder(String name, String mainClass, Path appJar) {
    return new Builder(name, mainClass, appJar);
  }

  /** Collects the optional parts; {@link #build()} validates. */
  public static final class Builder {
    private final String name;
    private final String mainClass;
    private final Path appJar;
    private final List<Path> jars = new ArrayList<>();
    private final Map<String, String> conf = new LinkedHashMap<>();
    private final List<String> driverJvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private String driverHeap = "1g";

    private Builder(String name, String mainClass, Path appJar) {
      this.name = name;
      this.mainClass = mainClass;
      this.appJar = appJar;
    }

    public Builder jar(Path jar) {
      jars.add(jar);
      return this;
    }

    public Builder conf(String key, String value) {
      conf.put(key, value);
      return this;
    }

    public Builder conf(Map<String, String> more) {
      conf.putAll(more);
      return this;
    }

    public Builder driverHeap(String heap) {
      this.driverHeap = heap;
      return this;
    }

    public Builder driverJvmOption(String option) {
      driverJvmOptions.add(option);
      return this;
    }

    /** {@code -Dkey=value} for the driver JVM. */
    public Builder driverProperty(String key, String value) {
      return driverJvmOption("-D" + key + "=" + value);
    }

    public Builder args(List<String> more) {
      args.addAll(more);
      return this;
    }

    public Builder args(String... more) {
      return args(List.of(more));
    }

    public SparkSubmitCommand build() {
      if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("Cannot build a submit command: name must be [A-Za-z0-9._-]+ (got " + name + ")");
      }
      if (mainClass == null || mainClass.isBlank()) {
        throw new IllegalArgumentException("Cannot build submit command " + name + ": the main class is empty");
      }
      if (appJar == null || !appJar.toFile().isFile()) {
        throw new IllegalArgumentException("Cannot build submit command " + name + ": no application jar at " + appJar);
      }
      return new SparkSubmitCommand(name, mainClass, appJar, jars, conf, driverHeap, driverJvmOptions, args);
    }
  }
}
