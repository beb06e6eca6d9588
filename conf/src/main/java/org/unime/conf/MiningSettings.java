package org.unime.conf;

import java.io.Serializable;
import java.util.Locale;
import org.unime.pipeline.mining.CyclicTraversal;
import org.unime.pipeline.mining.LowPositivePolicy;
import org.unime.pipeline.mining.SamplingSettings;

/**
 * Stage-3 hard-negative sampling (spec section 4).
 *
 * @param sampling the sampler's constants; its pool size is the retrieval top-k
 * @param seed global seed of the per-query fallback draw
 * @param maxQueriesPerDataset training queries mined per dataset (stable hash order), 0 = all
 */
public record MiningSettings(SamplingSettings sampling, long seed, int maxQueriesPerDataset) implements Serializable {

  static MiningSettings from(ConfigReader r, int poolSize) {
    double beta = r.doubleIn("unime.mining.beta", 0.0, 1.0);
    int interval = r.intAtLeast("unime.mining.interval", 1);
    int minNegatives = r.intAtLeast("unime.mining.min-negatives", 1);
    double fallbackScore = r.doubleIn("unime.mining.fallback-score", 0.0, 1.0000001);
    CyclicTraversal traversal = r.enumValue("unime.mining.traversal", CyclicTraversal.class, MiningSettings::kebab);
    LowPositivePolicy lowPositive =
        r.enumValue("unime.mining.low-positive-policy", LowPositivePolicy.class, MiningSettings::kebab);
    SamplingSettings sampling =
        SamplingSettings.builder()
            .withBeta(beta)
            .withInterval(interval)
            .withMinNegatives(minNegatives)
            .withFallbackScore(fallbackScore)
            .withPoolSize(poolSize)
            .withTraversal(traversal)
            .withLowPositivePolicy(lowPositive)
            .build();
    return new MiningSettings(
        sampling, r.longValue("unime.mining.seed"), r.intAtLeast("unime.mining.max-queries-per-dataset", 0));
  }

  /** Config spelling of an enum constant: WRAP_AROUND is written wrap-around. */
  static String kebab(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
