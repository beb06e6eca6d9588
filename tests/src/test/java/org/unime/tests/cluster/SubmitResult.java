package org.unime.tests.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a finished (or timed-out) {@code spark-submit} left: its exit code and its driver output (stdout and
 * stderr interleaved, also kept in {@code log}).
 *
 * @param exitCode the driver's exit code; -1 when it was killed for running over its timeout
 * @param timedOut whether the harness killed it
 * @param elapsed wall time from start to exit
 * @param log the file holding the output, under the cluster's log folder
 * @param output the whole output
 */
public record SubmitResult(int exitCode, boolean timedOut, Duration elapsed, Path log, String output) {

  /** True when the driver exited with 0 in time. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }

  /** The last lines of the output, for assertion messages. */
  public String tail() {
    return Logs.tail(log, 60);
  }
}
