package org.unime.udfs.train;

/**
 * Linear warm-up then linear decay to zero, exactly as Hugging Face's {@code get_linear_schedule_with_warmup} (the
 * schedule of the UniME-V2 reference). With {@code s} the number of updates already applied, {@code w} the warm-up
 * length and {@code T} the total:
 *
 * <pre>
 *   lr(s) = peak · s / w                        for s &lt; w
 *   lr(s) = peak · max(0, (T − s) / (T − w))    otherwise
 * </pre>
 *
 * <p>So the very first update of a warm-up run uses lr 0 (it only primes the Adam moments), as in the reference.
 * Immutable and thread-safe.
 */
public final class LearningRateSchedule {
  private final double peak;
  private final int warmupSteps;
  private final int totalSteps;

  private LearningRateSchedule(double peak, int warmupSteps, int totalSteps) {
    if (!(peak > 0) || warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
      throw new IllegalArgumentException(
          "Cannot build a learning-rate schedule: need peak > 0 and 0 <= warm-up <= total >= 1 (got peak=" + peak
              + ", warm-up=" + warmupSteps + ", total=" + totalSteps + ")");
    }
    this.peak = peak;
    this.warmupSteps = warmupSteps;
    this.totalSteps = totalSteps;
  }

  /** Linear warm-up over {@code warmupSteps}, then linear decay reaching 0 at {@code totalSteps}. */
  public static LearningRateSchedule linearWarmupDecay(double peak, int warmupSteps, int totalSteps) {
    return new LearningRateSchedule(peak, warmupSteps, totalSteps);
  }

  static LearningRateSchedule of(TrainingConfig config) {
    return linearWarmupDecay(config.learningRate(), config.warmupSteps(), config.steps());
  }

  /** The learning rate of the update that follows {@code step} completed updates. */
  public double at(int step) {
    if (step < warmupSteps) {
      return peak * step / warmupSteps;
    }
    if (totalSteps == warmupSteps) {
      return 0.0;
    }
    return peak * Math.max(0.0, (double) (totalSteps - step) / (totalSteps - warmupSteps));
  }
}
