package org.unime.udfs.train;

import java.io.Serializable;

/**
 * Hyper-parameters of a {@link TrainingLoop}: batch size, number of optimizer steps, the AdamW settings, the
 * learning-rate schedule, gradient clipping, the seed and how often to log. Build with
 * {@link #builder(int, int, double)}; every optional value has the default shown on its {@code with…} method
 * (the HF/PyTorch AdamW defaults that the UniME-V2 reference uses). Immutable and serializable, so a Spark trainer
 * can ship it to executors.
 *
 * @param batchSize examples per optimizer step
 * @param steps total optimizer steps; the schedule decays to zero at this step
 * @param learningRate peak learning rate, reached at the end of warm-up
 * @param warmupSteps steps of linear warm-up from 0
 * @param weightDecay decoupled weight decay (AdamW), applied to parameters of rank ≥ 2 only
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param epsilon added to the second-moment root
 * @param maxGradNorm clip the global gradient L2 norm to this; {@code 0} disables clipping
 * @param seed seeds parameter initialisation (through the task), the data order and per-step randomness
 * @param logEvery log a progress line every this many steps
 */
public record TrainingConfig(
    int batchSize,
    int steps,
    double learningRate,
    int warmupSteps,
    double weightDecay,
    double beta1,
    double beta2,
    double epsilon,
    double maxGradNorm,
    long seed,
    int logEvery)
    implements Serializable {

  public TrainingConfig {
    require(batchSize >= 1, "batch size must be >= 1", batchSize);
    require(steps >= 1, "steps must be >= 1", steps);
    require(learningRate > 0 && Double.isFinite(learningRate), "the learning rate must be finite and > 0", learningRate);
    require(warmupSteps >= 0 && warmupSteps <= steps, "warm-up steps must be in [0, steps=" + steps + "]", warmupSteps);
    require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight decay must be finite and >= 0", weightDecay);
    require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1)", beta1);
    require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1)", beta2);
    require(epsilon > 0, "epsilon must be > 0", epsilon);
    require(maxGradNorm >= 0 && Double.isFinite(maxGradNorm), "max gradient norm must be >= 0 (0 = off)", maxGradNorm);
    require(logEvery >= 1, "log interval must be >= 1", logEvery);
  }

  /** Required values up front; the rest default to weight decay 0, betas 0.9/0.999, ε 1e-8, clip 1.0, seed 42. */
  public static Builder builder(int batchSize, int steps, double learningRate) {
    return new Builder(batchSize, steps, learningRate);
  }

  /** A short, stable description used to refuse resuming a checkpoint under different settings. */
  String fingerprint() {
    return "batch=" + batchSize + ",steps=" + steps + ",lr=" + learningRate + ",warmup=" + warmupSteps + ",wd="
        + weightDecay + ",b1=" + beta1 + ",b2=" + beta2 + ",eps=" + epsilon + ",clip=" + maxGradNorm + ",seed=" + seed;
  }

  private static void require(boolean ok, String what, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("Cannot configure training: " + what + " (got " + value + ")");
    }
  }

  /** Collects optional values; {@link #build()} validates them all. Not thread-safe. */
  public static final class Builder {
    private final int batchSize;
    private final int steps;
    private final double learningRate;
    private int warmupSteps;
    private double weightDecay;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private double maxGradNorm = 1.0;
    private long seed = 42;
    private int logEvery = 50;

    private Builder(int batchSize, int steps, double learningRate) {
      this.batchSize = batchSize;
      this.steps = steps;
      this.learningRate = learningRate;
    }

    /** Linear warm-up length in steps (default 0). */
    public Builder withWarmupSteps(int value) {
      this.warmupSteps = value;
      return this;
    }

    /** Decoupled weight decay (default 0, as in the UniME-V2 reference). */
    public Builder withWeightDecay(double value) {
      this.weightDecay = value;
      return this;
    }

    /** Adam betas (default 0.9, 0.999). */
    public Builder withBetas(double first, double second) {
      this.beta1 = first;
      this.beta2 = second;
      return this;
    }

    /** Adam epsilon (default 1e-8). */
    public Builder withEpsilon(double value) {
      this.epsilon = value;
      return this;
    }

    /** Global gradient-norm clip (default 1.0; 0 disables). */
    public Builder withMaxGradNorm(double value) {
      this.maxGradNorm = value;
      return this;
    }

    /** Seed (default 42). */
    public Builder withSeed(long value) {
      this.seed = value;
      return this;
    }

    /** Progress line interval in steps (default 50). */
    public Builder withLogEvery(int value) {
      this.logEvery = value;
      return this;
    }

    public TrainingConfig build() {
      return new TrainingConfig(
          batchSize, steps, learningRate, warmupSteps, weightDecay, beta1, beta2, epsilon, maxGradNorm, seed, logEvery);
    }
  }
}
