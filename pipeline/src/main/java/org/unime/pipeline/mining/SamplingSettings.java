package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The constants of hard-negative sampling (spec §4). Build with {@link #builder()}; every value starts at the
 * paper's constant, and the conf module's {@code reference.conf} is expected to mirror them and set each one.
 *
 * <p>Validated on construction, reporting every problem in one message. Immutable, thread-safe, serializable.
 *
 * @param beta margin β: candidates with judge score above α = s_t − β are false negatives (paper: 0.01)
 * @param interval stride of the cyclic traversal (paper: 5)
 * @param minNegatives negatives stored per query (paper: 10)
 * @param fallbackScore score given to every fallback negative (paper: 1.0)
 * @param poolSize most candidates a stage-1 pool may hold (paper: 50); a larger pool is rejected as a wiring bug
 * @param traversal how survivors are walked (default {@link CyclicTraversal#WRAP_AROUND})
 * @param lowPositivePolicy what α is when s_t < β (default {@link LowPositivePolicy#FALLBACK})
 */
public record SamplingSettings(
    double beta,
    int interval,
    int minNegatives,
    double fallbackScore,
    int poolSize,
    CyclicTraversal traversal,
    LowPositivePolicy lowPositivePolicy)
    implements Serializable {

  public SamplingSettings {
    List<String> problems = new ArrayList<>();
    if (!(beta >= 0.0 && beta < Double.POSITIVE_INFINITY)) {
      problems.add("beta must be finite and >= 0 (got " + beta + ")");
    }

    if (interval < 1) {
      problems.add("interval must be >= 1 (got " + interval + ")");
    }

    if (minNegatives < 1) {
      problems.add("min-negatives must be >= 1 (got " + minNegatives + ")");
    }

    if (!Double.isFinite(fallbackScore)) {
      problems.add("fallback-score must be finite (got " + fallbackScore + ")");
    }

    if (poolSize < 1) {
      problems.add("pool-size must be >= 1 (got " + poolSize + ")");
    }

    if (traversal == null) {
      problems.add("traversal must be set (got null)");
    }

    if (lowPositivePolicy == null) {
      problems.add("low-positive-policy must be set (got null)");
    }

    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot build sampling settings: " + problems.size() + " problem(s): " + String.join("; ", problems));
    }
  }

  /** A builder holding the paper's constants. */
  public static Builder builder() {
    return new Builder();
  }

  /** The paper's constants with the best readings of the open questions. */
  public static SamplingSettings paperDefaults() {
    return builder().build();
  }

  /** Builds {@link SamplingSettings}; each {@code with…} overrides one paper constant. Not thread-safe. */
  public static final class Builder {
    private double beta = 0.01;
    private int interval = 5;
    private int minNegatives = 10;
    private double fallbackScore = 1.0;
    private int poolSize = 50;
    private CyclicTraversal traversal = CyclicTraversal.WRAP_AROUND;
    private LowPositivePolicy lowPositivePolicy = LowPositivePolicy.FALLBACK;

    private Builder() {}

    public Builder withBeta(double value) {
      this.beta = value;
      return this;
    }

    public Builder withInterval(int value) {
      this.interval = value;
      return this;
    }

    public Builder withMinNegatives(int value) {
      this.minNegatives = value;
      return this;
    }

    public Builder withFallbackScore(double value) {
      this.fallbackScore = value;
      return this;
    }

    public Builder withPoolSize(int value) {
      this.poolSize = value;
      return this;
    }

    public Builder withTraversal(CyclicTraversal value) {
      this.traversal = value;
      return this;
    }

    public Builder withLowPositivePolicy(LowPositivePolicy value) {
      this.lowPositivePolicy = value;
      return this;
    }

    /** Validates every value at once; see {@link SamplingSettings}. */
    public SamplingSettings build() {
      return new SamplingSettings(
          beta, interval, minNegatives, fallbackScore, poolSize, traversal, lowPositivePolicy);
    }
  }
}
