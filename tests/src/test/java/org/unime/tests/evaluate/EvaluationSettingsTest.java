package org.unime.tests.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unime.conf.ConfigLoader;
import org.unime.conf.EvaluationSettings;
import org.unime.conf.SettingsException;
import org.unime.conf.TrainingSettings;
import org.unime.conf.UnimeSettings;

/** {@code unime.evaluation}: the defaults, every bad value reported, and the training copies the ablation makes. */
class EvaluationSettingsTest {

  @Test
  void defaultsMatchTheReferenceEvaluationAndTheAblationPlan() {
    UnimeSettings s = UnimeSettings.from(ConfigLoader.defaults().load());
    EvaluationSettings e = s.evaluation();

    assertThat(e.table()).endsWith("/evaluation");
    assertThat(e.maxCandidates()).isEqualTo(1000);
    assertThat(e.recallKs()).containsExactly(1, 5, 10);
    assertThat(e.mllib()).isTrue();
    assertThat(e.rerankDepth()).isEqualTo(10);
    assertThat(e.mmeb().configured()).isFalse();
    assertThat(e.karpathy().configured()).isFalse();
    assertThat(e.karpathy().maxCaptionsPerImage()).isEqualTo(5);
    assertThat(e.sugarCrepe().configured()).isFalse();
    assertThat(e.ablation().seeds()).containsExactly(42L, 43L, 44L);
    assertThat(e.ablation().temperatureSweep()).isFalse();
    assertThat(e.ablation().temperatures()).containsExactly(0.01, 0.02, 0.03);
    assertThat(e.ablation().negativesSweep()).isFalse();
    assertThat(e.ablation().negatives()).containsExactly(4, 8);
    assertThat(s.withTraining(s.training()).evaluation()).isEqualTo(e);
  }

  @Test
  void reportsEveryBadEvaluationValue() {
    Map<String, String> bad = Map.of(
        "unime.evaluation.max-candidates", "1",
        "unime.evaluation.recall-ks", "[5, 1]",
        "unime.evaluation.rerank-depth", "1",
        "unime.evaluation.ablation.seeds", "[42, 42]",
        "unime.evaluation.ablation.temperatures", "[0.02, 0]",
        "unime.evaluation.ablation.negatives", "[0, x]",
        "unime.evaluation.table", "");

    assertThatThrownBy(() -> UnimeSettings.from(ConfigLoader.defaults().withOverrides(bad).load()))
        .isInstanceOfSatisfying(SettingsException.class, ex -> assertThat(ex.problems())
            .anySatisfy(p -> assertThat(p).contains("unime.evaluation.max-candidates = 1 must be 0"))
            .anySatisfy(p -> assertThat(p).contains("unime.evaluation.recall-ks = [5, 1] must be a non-empty ascending"))
            .anySatisfy(p -> assertThat(p).contains("unime.evaluation.rerank-depth = 1 must be >= 2"))
            .anySatisfy(p -> assertThat(p).contains("unime.evaluation.ablation.seeds = [42, 42] must be a non-empty"))
            .anySatisfy(p -> assertThat(p).contains("unime.evaluation.ablation.temperatures = \"0\""))
            .anySatisfy(p -> assertThat(p).contains("unime.evaluation.ablation.negatives = \"0\" must hold integers >= 1"))
            .anySatisfy(p -> assertThat(p).contains("unime.evaluation.ablation.negatives = \"x\" must be a list of integers"))
            .anySatisfy(p -> assertThat(p).contains("unime.evaluation.table = \"\" must name a folder")));
  }

  @Test
  void trainingCopiesChangeOnlyWhatTheyName() {
    TrainingSettings t = UnimeSettings.from(ConfigLoader.defaults().load()).training();

    TrainingSettings copy = t.withLoss(TrainingSettings.Loss.IN_BATCH).withSeed(43).withTemperature(0.01)
        .withNegatives(4).withOutputDirs("/m", "/r");

    assertThat(copy).isEqualTo(new TrainingSettings(t.baseModelUri(), "/m", t.hardNegativesVersion(),
        TrainingSettings.Loss.IN_BATCH, 0.01, 4, t.batchSize(), t.steps(), t.learningRate(), t.warmupSteps(),
        t.weightDecay(), t.maxGradNorm(), 43, t.partitions(), t.aggregationDepth(), t.synchronization(),
        t.localSteps(), "/r", t.checkpointEvery(), t.metricsTable(), t.logEvery(), t.heldOutSets()));
    assertThat(List.of(t.seed(), t.temperature())).containsExactly(42L, 0.02);
  }
}
