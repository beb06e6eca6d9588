package org.unime.pipeline.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplingSettingsTest {

  @Test
  void defaultsAreThePaperConstantsAndBestReadings() {
    SamplingSettings settings = SamplingSettings.paperDefaults();

    assertThat(settings).isEqualTo(new SamplingSettings(
        0.01, 5, 10, 1.0, 50, CyclicTraversal.WRAP_AROUND, LowPositivePolicy.FALLBACK));
  }

  @Test
  void builderOverridesSingleValues() {
    SamplingSettings settings = SamplingSettings.builder()
        .withBeta(0.02)
        .withInterval(3)
        .withMinNegatives(8)
        .withFallbackScore(0.5)
        .withPoolSize(100)
        .withTraversal(CyclicTraversal.STRIDE_ONLY)
        .withLowPositivePolicy(LowPositivePolicy.CLAMP_ALPHA_TO_POSITIVE)
        .build();

    assertThat(settings).isEqualTo(new SamplingSettings(
        0.02, 3, 8, 0.5, 100, CyclicTraversal.STRIDE_ONLY, LowPositivePolicy.CLAMP_ALPHA_TO_POSITIVE));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> SamplingSettings.builder()
            .withBeta(-0.1)
            .withInterval(0)
            .withMinNegatives(0)
            .withFallbackScore(Double.NaN)
            .withPoolSize(0)
            .withTraversal(null)
            .withLowPositivePolicy(null)
            .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build sampling settings: 7 problem(s): beta must be finite and >= 0 (got -0.1); "
            + "interval must be >= 1 (got 0); min-negatives must be >= 1 (got 0); fallback-score must be finite "
            + "(got NaN); pool-size must be >= 1 (got 0); traversal must be set (got null); low-positive-policy "
            + "must be set (got null)");
    assertThatThrownBy(() -> SamplingSettings.builder().withBeta(Double.POSITIVE_INFINITY).build())
        .hasMessage("Cannot build sampling settings: 1 problem(s): beta must be finite and >= 0 (got Infinity)");
  }
}
