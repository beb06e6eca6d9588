package org.unime.tests.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code spark-submit} driver still running, started by {@link StandaloneCluster#launch}: wait for a condition
 * while it runs, kill it like a crashed machine would, or wait for its result.
 */
public final class RunningSubmit {
  private static final Logger LOG = LoggerFactory.getLogger(RunningSubmit.class);

  private final String name;
  private final Process driver;
  private final Path log;
  private final long startNanos = System.nanoTime();
  private final Runnable onExit;

  RunningSubmit(String name, Process driver, Path log, Runnable onExit) {
    this.name = name;
    this.driver = driver;
    this.log = log;
    this.onExit = onExit;
  }

  /** The driver's output so far (stdout and stderr interleaved). */
  public String output() {
    return Logs.read(log);
  }

  /**
   * Polls {@code condition} every 100 ms until it holds (true), the driver exits or {@code timeout} passes (false).
   */
  public boolean awaitWhileRunning(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (!driver.isAlive()) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** {@code kill -9} of the driver JVM, as if its machine died; waits for it to be gone. */
  public SubmitResult killDriver() {
    LOG.warn("kill -9 the driver of {} (pid {})", name, driver.pid());
    driver.destroyForcibly();
    return await(Duration.ofSeconds(30));
  }

  /** Waits up to {@code timeout} for the driver to exit; on timeout kills it and says so in the result. */
  public SubmitResult await(Duration timeout) {
    boolean timedOut = false;
    try {
      if (!driver.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        timedOut = true;
        LOG.warn("Killing {} after {} s (timeout)", name, timeout.toSeconds());
        ProcessTrees.kill(driver, true);
        driver.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      ProcessTrees.kill(driver, true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    } finally {
      if (!driver.isAlive()) {
        onExit.run();
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    int exit = timedOut || driver.isAlive() ? -1 : driver.exitValue();
    LOG.info("{} exited with {} after {} s", name, exit, elapsed.toSeconds());
    return new SubmitResult(exit, timedOut, elapsed, log, Logs.read(log));
  }
}
