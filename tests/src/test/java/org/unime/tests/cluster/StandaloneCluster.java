package org.unime.tests.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark standalone cluster on 127.0.0.1 (one Master, N Workers) started as child JVMs from a Maven-built
 * {@link SparkHome}, plus {@code spark-submit} of applications to it (shared/notes/stack.md §5).
 *
 * <p>Lifecycle: {@link Builder#start()} launches the master and the workers on free ports and returns once every
 * worker is registered (polling the master's {@code /json/} page); {@link #close()} stops every process it started,
 * executors included, and is also run by a JVM shutdown hook, so nothing outlives the test JVM even when a test
 * fails or the JVM is interrupted. Logs go to {@link #logDir()}: {@code master.log}, {@code worker-N.log},
 * {@code worker-N/<app>/<executor>/stderr} and {@code submit-NN-<name>/driver.log}. Copies of application jars in
 * the worker folders are deleted on close; the logs stay.
 *
 * <p>Thread-safe for concurrent {@link #submit} calls; start and close are meant for one test thread.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneCluster.class);
  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
  private static final Pattern MASTER_UI = Pattern.compile("Successfully started service 'MasterUI' on port (\\d+)");
  private static final String HOST = "127.0.0.1";

  private final SparkHome home;
  private final Path logDir;
  private final Builder options;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final List<Process> workers = new ArrayList<>();
  private final Set<Process> submits = ConcurrentHashMap.newKeySet();
  private final AtomicInteger submitCount = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook = new Thread(this::killEverything, "standalone-cluster-shutdown");
  private Process master;
  private String masterUrl;
  private int masterUiPort;

  private StandaloneCluster(Builder options) {
    this.home = options.home;
    this.logDir = options.logDir;
    this.options = options;
  }

  /** A cluster of {@code home}'s Spark logging to {@code logDir} (created; one folder per cluster). */
  public static Builder builder(SparkHome home, Path logDir) {
    return new Builder(home, logDir);
  }

  /** Sizes the cluster; {@link #start()} launches it. */
  public static final class Builder {
    private final SparkHome home;
    private final Path logDir;
    private int workers = 2;
    private int workerCores = 1;
    private String workerMemory = "3g";
    private String daemonHeap = "512m";
    private Duration startTimeout = Duration.ofMinutes(3);
    private final Map<String, String> workerProperties = new LinkedHashMap<>();

    private Builder(SparkHome home, Path logDir) {
      this.home = home;
      this.logDir = logDir;
    }

    /** Number of workers (default 2). */
    public Builder workers(int count) {
      this.workers = count;
      return this;
    }

    /** {@code --cores} of each worker (default 1). */
    public Builder workerCores(int cores) {
      this.workerCores = cores;
      return this;
    }

    /** {@code --memory} of each worker, what its executors may use together (default {@code 3g}). */
    public Builder workerMemory(String memory) {
      this.workerMemory = memory;
      return this;
    }

    /** {@code -Dkey=value} for every worker JVM, e.g. {@code spark.worker.resource.gpu.discoveryScript}. */
    public Builder workerProperty(String key, String value) {
      workerProperties.put(key, value);
      return this;
    }

    /** How long the master and all workers may take to come up (default 3 minutes; CI boxes are slow). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /** Launches the master and the workers and waits until every worker is registered. */
    public StandaloneCluster start() {
      if (workers < 1 || workerCores < 1) {
        throw new IllegalArgumentException(
            "Cannot start a cluster: need >= 1 worker with >= 1 core (got " + workers + " x " + workerCores + ")");
      }
      StandaloneCluster cluster = new StandaloneCluster(this);
      try {
        cluster.launch();
        return cluster;
      } catch (RuntimeException | Error e) {
        cluster.close();
        throw e;
      }
    }
  }

  private void launch() {
    long start = System.nanoTime();
    try {
      Files.createDirectories(logDir.resolve("conf"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the cluster log folder " + logDir, e);
    }
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    Path masterLog = logDir.resolve("master.log");
    // Port 0 everywhere: the OS picks free ports, the master prints which ones it got.
    master = daemon(
        "org.apache.spark.deploy.master.Master", List.of(), masterLog,
        List.of("--host", HOST, "--port", "0", "--webui-port", "0"));
    waitFor("the master to start", () -> masterAddressFromLog(masterLog));
    waitFor("the master to be ALIVE", () -> "ALIVE".equals(state().status()));
    List<String> props = new ArrayList<>();
    options.workerProperties.forEach((k, v) -> props.add("-D" + k + "=" + v));
    for (int i = 0; i < options.workers; i++) {
      workers.add(
          daemon(
              "org.apache.spark.deploy.worker.Worker", props, logDir.resolve("worker-" + i + ".log"),
              List.of(
                  "--host", HOST, "--port", "0", "--webui-port", "0",
                  "--cores", String.valueOf(options.workerCores), "--memory", options.workerMemory,
                  "--work-dir", logDir.resolve("worker-" + i).toString(), masterUrl)));
    }
    waitFor(options.workers + " workers to register", () -> state().aliveWorkers() == options.workers);
    LOG.info(
        "Standalone cluster {} up with {} workers in {} ms (logs: {})", masterUrl, options.workers,
        (System.nanoTime() - start) / 1_000_000, logDir);
  }

  private boolean masterAddressFromLog(Path masterLog) {
    String text = Logs.read(masterLog);
    Matcher url = MASTER_URL.matcher(text);
    Matcher ui = MASTER_UI.matcher(text);
    if (url.find() && ui.find()) {
      masterUrl = url.group(1);
      masterUiPort = Integer.parseInt(ui.group(1));
      return true;
    }
    return false;
  }

  /** Starts a Master or Worker JVM; they need no module flags (stack.md §5), only the Spark environment. */
  private Process daemon(String mainClass, List<String> jvmOptions, Path log, List<String> args) {
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + options.daemonHeap, "-XX:TieredStopAtLevel=1"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", home.classpath(), mainClass));
    command.addAll(args);
    return startProcess(command, log, logDir);
  }

  private Process startProcess(List<String> command, Path log, Path workingDir) {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.dir().toString());
    // Without it the launcher fails with "Cannot find any build directories" (stack.md §5).
    env.put("SPARK_SCALA_VERSION", SparkHome.scalaBinaryVersion());
    // The host name here resolves to a non-loopback address; keep every port and UI on loopback (stack.md P7).
    env.put("SPARK_LOCAL_IP", HOST);
    // An empty conf dir keeps any spark-defaults.conf / log4j2.properties of the machine out.
    env.put("SPARK_CONF_DIR", logDir.resolve("conf").toString());
    // Workers launch executors with $JAVA_HOME/bin/java: the same JDK as this test JVM.
    env.put("JAVA_HOME", System.getProperty("java.home"));
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command.get(command.size() - 1), e);
    }
  }

  /**
   * Runs {@code spark-submit} (client mode) against this cluster and waits for the driver to exit. The driver runs
   * in a child JVM started with Spark's module flags and {@code command}'s JVM options; its working directory and
   * output are in {@code submit-NN-<name>/}. On timeout the driver is killed and the result says so.
   */
  public SubmitResult submit(SparkSubmitCommand command, Duration timeout) {
    return launch(command).await(timeout);
  }

  /** Starts {@code spark-submit} like {@link #submit} but returns at once, for tests that act while it runs. */
  public RunningSubmit launch(SparkSubmitCommand command) {
    checkOpen();
    Path dir = logDir.resolve(String.format("submit-%02d-%s", submitCount.incrementAndGet(), command.name()));
    Path log = dir.resolve("driver.log");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + command.driverHeap()));
    // A driver started with plain java needs what bin/spark-submit would add (stack.md P6).
    cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    cmd.addAll(command.driverJvmOptions());
    cmd.addAll(List.of("-cp", home.classpath(), "org.apache.spark.deploy.SparkSubmit"));
    cmd.addAll(List.of("--master", masterUrl, "--deploy-mode", "client", "--class", command.mainClass()));
    cmd.addAll(List.of("--conf", "spark.driver.host=" + HOST, "--conf", "spark.driver.bindAddress=" + HOST));
    if (!command.jars().isEmpty()) {
      cmd.addAll(List.of("--jars", String.join(",", command.jars().stream().map(Path::toString).toList())));
    }
    command.conf().forEach((k, v) -> cmd.addAll(List.of("--conf", k + "=" + v)));
    cmd.add(command.appJar().toString());
    cmd.addAll(command.args());
    LOG.info("Submitting {} to {}: {}", command.name(), masterUrl, String.join(" ", cmd.subList(cmd.indexOf("--master"), cmd.size())));
    Process driver = startProcess(cmd, log, dir);
    submits.add(driver);
    return new RunningSubmit(command.name(), driver, log, () -> submits.remove(driver));
  }

  /** The master's view now (fetched from its {@code /json/} page). */
  public MasterState state() {
    checkOpen();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + masterUiPort + "/json/"))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Cannot read the master state: HTTP " + response.statusCode());
      }
      return MasterState.parse(json.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the master state from port " + masterUiPort, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the master state", e);
    }
  }

  /**
   * Kills worker {@code index} and the executors it launched with SIGKILL, as if its machine died. The master
   * notices after its worker timeout (spark.worker.timeout, 60 s by default); the driver notices lost executors
   * at once. The worker stays dead.
   */
  public void killWorker(int index) {
    checkOpen();
    Process worker = workers.get(index);
    LOG.warn("kill -9 worker {} (pid {}) and its executors", index, worker.pid());
    ProcessTrees.kill(worker, true);
    try {
      worker.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether worker {@code index}'s JVM is running. */
  public boolean workerAlive(int index) {
    return workers.get(index).isAlive();
  }

  /**
   * The executor logs ({@code stderr}) of application {@code appId} on every worker, in worker order. Executors log
   * at INFO with Spark's defaults, including the resources they were given.
   */
  public List<Path> executorLogs(String appId) {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      Path appDir = logDir.resolve("worker-" + i).resolve(appId);
      if (Files.isDirectory(appDir)) {
        try (Stream<Path> executors = Files.list(appDir)) {
          executors.map(d -> d.resolve("stderr")).filter(Files::exists).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list " + appDir, e);
        }
      }
    }
    return out;
  }

  /** {@code spark://127.0.0.1:<port>}. */
  public String masterUrl() {
    return masterUrl;
  }

  /** Where every process of this cluster logs. */
  public Path logDir() {
    return logDir;
  }

  /** Number of workers started (killed ones included). */
  public int workerCount() {
    return workers.size();
  }

  /** Stops drivers, workers (with their executors) and the master; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    submits.forEach(p -> ProcessTrees.kill(p, true));
    // SIGTERM first: a worker's shutdown hook stops its executors cleanly.
    workers.forEach(p -> ProcessTrees.kill(p, false));
    if (master != null) {
      ProcessTrees.kill(master, false);
    }
    List<Process> all = new ArrayList<>(workers);
    if (master != null) {
      all.add(master);
    }
    all.forEach(ProcessTrees::awaitOrKill);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // The JVM is already shutting down, or start failed before the hook was added.
    }
    deleteCopiedJars();
    LOG.info("Standalone cluster {} stopped (logs: {})", masterUrl, logDir);
  }

  private void killEverything() {
    submits.forEach(p -> ProcessTrees.kill(p, true));
    workers.forEach(p -> ProcessTrees.kill(p, true));
    if (master != null) {
      ProcessTrees.kill(master, true);
    }
  }

  /** The worker copies each application jar into every executor folder (220 MB for the fat jar); keep only logs. */
  private void deleteCopiedJars() {
    for (int i = 0; i < workers.size(); i++) {
      Path dir = logDir.resolve("worker-" + i);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("Cannot clean copied jars under {}: {}", dir, e.toString());
      }
    }
  }

  private void waitFor(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + options.startTimeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      checkDaemonsAlive(what);
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e; // the UI may not answer yet
      }
      sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException(
        "Cannot start the standalone cluster: timed out after " + options.startTimeout.toSeconds() + " s waiting for "
            + what + (last == null ? "" : " (last error: " + last + ")") + "\n" + Logs.tail(logDir.resolve("master.log"), 20),
        last);
  }

  private void checkDaemonsAlive(String what) {
    Predicate<Process> dead = p -> !p.isAlive();
    if (master != null && dead.test(master)) {
      throw new IllegalStateException(
          "Cannot start the standalone cluster: the master exited (" + master.exitValue() + ") while waiting for " + what
              + "\n" + Logs.tail(logDir.resolve("master.log"), 30));
    }
    for (int i = 0; i < workers.size(); i++) {
      if (dead.test(workers.get(i))) {
        throw new IllegalStateException(
            "Cannot start the standalone cluster: worker " + i + " exited (" + workers.get(i).exitValue()
                + ") while waiting for " + what + "\n" + Logs.tail(logDir.resolve("worker-" + i + ".log"), 30));
      }
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("Cannot use the standalone cluster " + masterUrl + ": it is closed");
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the cluster", e);
    }
  }
}
