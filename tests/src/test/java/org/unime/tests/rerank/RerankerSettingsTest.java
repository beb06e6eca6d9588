package org.unime.tests.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unime.conf.ConfigLoader;
import org.unime.conf.RerankerSettings;
import org.unime.conf.SettingsException;
import org.unime.conf.TrainingSettings;
import org.unime.conf.UnimeSettings;
import org.unime.pipeline.rerank.NegativeChoice;
import org.unime.pipeline.rerank.PositionDistribution;
import org.unime.pipeline.rerank.RerankMode;

/** {@code unime.reranker}: docs/reranker.md §7's values by default, the quick profile, every bad value reported. */
class RerankerSettingsTest {

  @Test
  void defaultsAreTheProposedBlock() {
    UnimeSettings all = UnimeSettings.from(ConfigLoader.defaults().load());
    RerankerSettings r = all.reranker();

    assertThat(r.uri()).isEqualTo(all.models().dir() + "/reranker");
    assertThat(r.table()).isEqualTo(all.storage().root() + "/reranked");
    assertThat(r.topK()).containsExactly(5, 10);
    assertThat(r.modes()).containsExactly(RerankMode.LISTWISE, RerankMode.PAIRWISE);
    assertThat(r.heldOutSets()).containsExactlyElementsOf(TrainingSettings.HELD_OUT_SETS);
    assertThat(r.architecture().maxCandidates()).isEqualTo(10);
    assertThat(r.architecture().embedderFeatures()).isTrue();
    assertThat(r.data().negativeChoice()).isEqualTo(NegativeChoice.HIGHEST_SCORE);
    assertThat(r.data().positions()).isEqualTo(PositionDistribution.UNIFORM);
    assertThat(r.data().listSize()).isEqualTo(5);
    assertThat(r.training().hardNegativesVersion()).isEqualTo(-1);

    RerankerSettings quick = UnimeSettings.from(ConfigLoader.defaults().withProfile("quick").load()).reranker();
    assertThat(quick.training().steps()).isLessThan(r.training().steps());
    assertThat(quick.architecture()).isEqualTo(r.architecture());
  }

  @Test
  void reportsEveryBadRerankerValue() {
    Map<String, String> bad = Map.of(
        "unime.reranker.modes", "[listwise, greedy]",
        "unime.reranker.top-k", "[10, 12]",
        "unime.reranker.data.list-size", "10",
        "unime.reranker.data.negative-choice", "random",
        "unime.reranker.architecture.heads", "3",
        "unime.reranker.training.warmup-steps", "1000",
        "unime.reranker.held-out-sets", "[imagenet]");

    assertThatThrownBy(() -> UnimeSettings.from(ConfigLoader.defaults().withOverrides(bad).load()))
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).contains("unime.reranker.modes = \"greedy\" must hold only listwise or"))
            .anySatisfy(p -> assertThat(p).contains("unime.reranker.top-k = [10, 12] must not exceed"
                + " architecture.max-candidates (10)"))
            .anySatisfy(p -> assertThat(p).contains("unime.reranker.data.list-size = 10 must be less than"))
            .anySatisfy(p -> assertThat(p).contains("unime.reranker.data.negative-choice = \"random\" must be one of"
                + " first-stored, highest-score"))
            .anySatisfy(p -> assertThat(p).contains("unime.reranker.architecture.dim = 128 must be divisible by"))
            .anySatisfy(p -> assertThat(p).contains("unime.reranker.training.warmup-steps = 1000 must not exceed"))
            .anySatisfy(p -> assertThat(p).contains("unime.reranker.held-out-sets = \"imagenet\" is not a known")));
  }
}
