package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Stage 3 of UniME-V2 (spec §4): turns a query's judged stage-1 pool into its stored hard negatives.
 *
 * <ol>
 *   <li>α = s_t − β (or s_t when s_t &lt; β under {@link LowPositivePolicy#CLAMP_ALPHA_TO_POSITIVE}).
 *   <li>Survivors R = the pool in retrieval order, keeping candidates with s_i ≤ α (a score equal to α is kept);
 *       higher scores are taken as false negatives.
 *   <li>No survivors: {@link SamplingOutcome#FALLBACK}, a seeded uniform draw from the pool, every score replaced
 *       by the fallback score. Empty pool: {@link SamplingOutcome#EMPTY_POOL}, no negatives.
 *   <li>Otherwise traverse R with the interval ({@link CyclicTraversal}) up to the minimum count, and repeat the
 *       picks cyclically if there are too few ({@link SamplingOutcome#CYCLIC_REPEAT}).
 * </ol>
 *
 * <p>Deterministic: the fallback's generator is seeded from (global seed, query id) through a stable 64-bit hash,
 * so a rerun gives byte-identical output on any JVM, whatever the partitioning or the order of queries.
 *
 * <p>Immutable, thread-safe and serializable; one instance can serve every task.
 */
public final class HardNegativeSampler implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SamplingSettings settings;
  private final long seed;

  private HardNegativeSampler(SamplingSettings settings, long seed) {
    this.settings = settings;
    this.seed = seed;
  }

  /** A sampler with the given settings and the run's global seed (which keys the fallback draws). */
  public static HardNegativeSampler create(SamplingSettings settings, long seed) {
    return new HardNegativeSampler(Objects.requireNonNull(settings, "settings"), seed);
  }

  public SamplingSettings settings() {
    return settings;
  }

  /** The threshold α for a positive judge score, per the settings' {@link LowPositivePolicy}. */
  public double alphaFor(double positiveScore) {
    boolean clamp = settings.lowPositivePolicy() == LowPositivePolicy.CLAMP_ALPHA_TO_POSITIVE
        && positiveScore < settings.beta();
    return clamp ? positiveScore : positiveScore - settings.beta();
  }

  /**
   * Mines one query's negatives.
   *
   * @throws IllegalArgumentException if the pool holds more than {@link SamplingSettings#poolSize()} candidates,
   *     which means stage 1 and stage 3 were configured differently
   */
  public MinedNegatives sample(MiningQuery query) {
    List<JudgedCandidate> pool = query.candidates();
    if (pool.size() > settings.poolSize()) {
      throw new IllegalArgumentException(
          "Cannot sample negatives for query " + query.queryId() + ": the pool is larger than pool-size (got "
              + pool.size() + " candidates, pool-size " + settings.poolSize() + ")");
    }

    double alpha = alphaFor(query.positiveScore());
    if (pool.isEmpty()) {
      return MinedNegatives.emptyPool(query.queryId(), alpha);
    }

    List<JudgedCandidate> survivors = new ArrayList<>(pool.size());
    for (JudgedCandidate candidate : pool) {
      if (candidate.score() <= alpha) {
        survivors.add(candidate);
      }
    }

    int removed = pool.size() - survivors.size();
    if (survivors.isEmpty()) {
      SplitMix64 random = new SplitMix64(StableSeed.forKey(seed, query.queryId()));
      List<JudgedCandidate> drawn =
          FallbackDraw.draw(pool, settings.minNegatives(), settings.fallbackScore(), random);
      return new MinedNegatives(query.queryId(), drawn, SamplingOutcome.FALLBACK, 0, removed, alpha);
    }

    List<JudgedCandidate> picks = CyclicSelector.traverse(
        survivors, settings.traversal(), settings.interval(), settings.minNegatives());
    SamplingOutcome outcome =
        picks.size() == settings.minNegatives() ? SamplingOutcome.SAMPLED : SamplingOutcome.CYCLIC_REPEAT;
    List<JudgedCandidate> negatives = CyclicSelector.repeatCyclically(picks, settings.minNegatives());
    return new MinedNegatives(query.queryId(), negatives, outcome, survivors.size(), removed, alpha);
  }
}
