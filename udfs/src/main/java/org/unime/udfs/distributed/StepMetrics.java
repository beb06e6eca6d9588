package org.unime.udfs.distributed;

import java.io.Serializable;
import java.util.Map;

/**
 * What one distributed optimizer step did and where its time went.
 *
 * @param step 0-based step index
 * @param loss global-batch mean loss before the update
 * @param terms extra loss terms of the global batch (e.g. {@code kl1}, {@code kl2}); empty when the loss has none
 * @param learningRate the update's learning rate
 * @param gradientNorm global gradient L2 norm before clipping
 * @param examples global batch size
 * @param partitions shards (Spark tasks) the batch was split into
 * @param seconds wall time of the step on the driver
 * @param computeSeconds forward/backward time on the critical path: per executor the sum of its shards' compute,
 *     the longest executor counted (plus the driver's loss on representations in GradCache mode)
 * @param updateSeconds the driver's clip + AdamW update
 * @param bytesDown logical bytes sent from the driver to executors (weights broadcast per executor, shard
 *     descriptors, GradCache's representation gradients); in local mode they move in memory
 * @param bytesUp logical bytes sent from executors to the driver (one float32 gradient per shard, GradCache's
 *     representations)
 */
public record StepMetrics(
    int step,
    double loss,
    Map<String, Double> terms,
    double learningRate,
    double gradientNorm,
    int examples,
    int partitions,
    double seconds,
    double computeSeconds,
    double updateSeconds,
    long bytesDown,
    long bytesUp)
    implements Serializable {

  public StepMetrics {
    terms = Map.copyOf(terms);
  }

  public double samplesPerSecond() {
    return seconds > 0 ? examples / seconds : 0.0;
  }

  /**
   * Everything that is neither compute nor the update: snapshotting and broadcasting weights, scheduling tasks,
   * (de)serialising, shipping and summing gradients. The "communication" of a step.
   */
  public double communicationSeconds() {
    return Math.max(0.0, seconds - computeSeconds - updateSeconds);
  }

  /** {@link #communicationSeconds()} as a share of the step's wall time. */
  public double communicationShare() {
    return seconds > 0 ? communicationSeconds() / seconds : 0.0;
  }

  /** An extra term, NaN when the loss has no such term. */
  public double term(String name) {
    return terms.getOrDefault(name, Double.NaN);
  }
}
