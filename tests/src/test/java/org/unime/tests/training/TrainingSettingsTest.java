package org.unime.tests.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unime.conf.ConfigLoader;
import org.unime.conf.SettingsException;
import org.unime.conf.TrainingSettings;
import org.unime.conf.UnimeSettings;

/** {@code unime.training}: the paper's constants by default, the quick profile, and every bad value reported. */
class TrainingSettingsTest {

  @Test
  void defaultsCarryThePaperConstantsAndCpuSizedSchedule() {
    TrainingSettings t = UnimeSettings.from(ConfigLoader.defaults().load()).training();

    assertThat(t.loss()).isEqualTo(TrainingSettings.Loss.UNIME_V2);
    assertThat(t.temperature()).isEqualTo(0.02);
    assertThat(t.negatives()).isEqualTo(8);
    assertThat(t.learningRate()).isEqualTo(1e-4);
    assertThat(t.weightDecay()).isZero();
    assertThat(t.maxGradNorm()).isEqualTo(1.0);
    assertThat(t.seed()).isEqualTo(42);
    assertThat(t.hardNegativesVersion()).isEqualTo(-1);
    assertThat(t.warmupSteps() * 10).as("the paper's 10% warm-up share").isEqualTo(t.steps());
    assertThat(t.heldOutSets()).containsExactlyElementsOf(TrainingSettings.HELD_OUT_SETS);
    assertThat(t.baseModelUri()).endsWith("/embedder");

    TrainingSettings quick = UnimeSettings.from(ConfigLoader.defaults().withProfile("quick").load()).training();
    assertThat(quick.steps()).isLessThan(t.steps());
    assertThat(quick.warmupSteps() * 10).isEqualTo(quick.steps());
  }

  @Test
  void reportsEveryBadTrainingValue() {
    Map<String, String> bad =
        Map.of(
            "unime.training.loss", "contrastive",
            "unime.training.temperature", "0",
            "unime.training.partitions", "64",
            "unime.training.warmup-steps", "500",
            "unime.training.hard-negatives-version", "-3",
            "unime.training.held-out-sets", "[eval-unseen-concept, imagenet]");

    assertThatThrownBy(() -> UnimeSettings.from(ConfigLoader.defaults().withOverrides(bad).load()))
        .isInstanceOfSatisfying(
            SettingsException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).contains("unime.training.loss = \"contrastive\" must be one of unime-v2, hard-negatives-only, in-batch"))
                    .anySatisfy(p -> assertThat(p).contains("unime.training.temperature = 0"))
                    .anySatisfy(p -> assertThat(p).contains("unime.training.partitions = 64 must not exceed batch-size (32)"))
                    .anySatisfy(p -> assertThat(p).contains("unime.training.warmup-steps = 500 must not exceed steps (300)"))
                    .anySatisfy(p -> assertThat(p).contains("unime.training.hard-negatives-version = -3"))
                    .anySatisfy(p -> assertThat(p).contains("unime.training.held-out-sets = \"imagenet\" is not a known held-out set")));
  }
}
