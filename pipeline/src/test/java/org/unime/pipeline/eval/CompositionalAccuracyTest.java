package org.unime.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompositionalAccuracyTest {
  @Test
  void aPairIsCorrectOnlyWhenTheTrueCaptionScoresStrictlyHigher() {
    assertThat(new PairScore("swap_obj", 0.6, 0.5).correct()).isTrue();
    assertThat(new PairScore("swap_obj", 0.5, 0.5).correct()).isFalse();
    assertThat(new PairScore("swap_obj", 0.4, 0.5).correct()).isFalse();
    assertThat(PairScore.cosine("add_obj", new float[] {1, 0}, new float[] {2, 0}, new float[] {1, 1}).correct())
        .isTrue();
  }

  @Test
  void subsetsAreCountedAndGroupsAveragedWithoutWeights() {
    List<PairScore> scores = List.of(
        new PairScore("replace_obj", 0.9, 0.1),
        new PairScore("replace_obj", 0.5, 0.5),
        new PairScore("replace_obj", 0.2, 0.3),
        new PairScore("replace_att", 0.7, 0.1),
        new PairScore("swap_obj", 0.7, 0.1),
        new PairScore("swap_obj", 0.1, 0.7),
        new PairScore("add_att", 0.3, 0.2));

    CompositionalAccuracy.Result result = CompositionalAccuracy.score(scores, TaskGroups.sugarCrepe());

    assertThat(result.subsets()).containsExactly(
        new TaskAccuracy("replace_obj", 1, 3), new TaskAccuracy("replace_att", 1, 1),
        new TaskAccuracy("swap_obj", 1, 2), new TaskAccuracy("add_att", 1, 1));
    assertThat(result.groups()).extracting(GroupScore::group).containsExactly("Replace", "Swap", "Add");
    // (1/3 + 1) / 2, not the pooled 2/4.
    assertThat(result.groups().get(0).mean()).isCloseTo(2.0 / 3, offset(1e-12));
    assertThat(result.groups().get(0).missing()).containsExactly("replace_rel");
    assertThat(result.groups().get(1).mean()).isEqualTo(0.5);
    assertThat(result.groups().get(2).mean()).isEqualTo(1.0);
    assertThat(result.meanOfGroups()).isCloseTo((2.0 / 3 + 0.5 + 1.0) / 3, offset(1e-12));
  }

  @Test
  void emptyAndNanInputsAreRejected() {
    assertThatThrownBy(() -> CompositionalAccuracy.score(List.of(), TaskGroups.sugarCrepe()))
        .hasMessage("Cannot score compositional pairs: there are none (got 0 items)");
    assertThatThrownBy(() -> new PairScore("add_obj", Double.NaN, 0.1))
        .hasMessage("Cannot score compositional pair in add_obj: a similarity is NaN (got positive NaN, negative 0.1)");
    assertThatThrownBy(() -> new CompositionalItem("1", "a.jpg", "A cat.", "A cat.", "swap_att"))
        .hasMessage("Cannot make compositional item 1: the negative caption equals the true one (got \"A cat.\")");
  }
}
