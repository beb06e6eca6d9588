package org.unime.udfs.train;

/**
 * What one {@code trainUntil}/{@code trainToEnd} call did.
 *
 * @param fromStep completed steps when the call started
 * @param toStep completed steps when it returned
 * @param firstLoss mean loss of the first logging window of the call
 * @param lastLoss mean loss of the last logging window of the call
 * @param seconds wall time of the call
 * @param samplesPerSecond examples per second over the call (forward, backward and update)
 * @param losses loss of every step run in the call, in order
 */
public record TrainingSummary(
    int fromStep, int toStep, double firstLoss, double lastLoss, double seconds, double samplesPerSecond, float[] losses) {

  public int steps() {
    return toStep - fromStep;
  }
}
