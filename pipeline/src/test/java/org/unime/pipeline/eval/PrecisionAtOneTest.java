package org.unime.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrecisionAtOneTest {
  @Test
  void groundTruthAtIndexZeroMustNotBeBeaten() {
    assertThat(PrecisionAtOne.isHit(new double[] {0.8, 0.2, 0.5})).isTrue();
    assertThat(PrecisionAtOne.isHit(new double[] {0.4, 0.2, 0.5})).isFalse();
  }

  @Test
  void aTieWithIndexZeroCountsAsCorrectBecauseTheFirstMaximumWins() {
    assertThat(PrecisionAtOne.isHit(new double[] {0.5, 0.5, 0.1})).isTrue();
    assertThat(PrecisionAtOne.isHit(new double[] {0.5, 0.6, 0.6})).isFalse();
  }

  @Test
  void vectorsAreScoredByCosine() {
    float[] query = {1, 0};
    // The ground truth points the same way but is short; the long distractor is less aligned.
    assertThat(PrecisionAtOne.isHit(query, new float[][] {{0.1f, 0}, {10, 5}})).isTrue();
    assertThat(PrecisionAtOne.isHit(query, new float[][] {{1, 1}, {10, 5}})).isFalse();
  }

  @Test
  void taskAccuracyCountsEveryRow() {
    TaskAccuracy acc = PrecisionAtOne.score("VOC2007",
        List.of(new double[] {1, 0}, new double[] {0, 1}, new double[] {0.5, 0.5}, new double[] {0.2, 0.3}));
    assertThat(acc).isEqualTo(new TaskAccuracy("VOC2007", 2, 4));
    assertThat(acc.accuracy()).isEqualTo(0.5);
  }

  @Test
  void anEmptyTaskHasNoAccuracy() {
    assertThatThrownBy(() -> PrecisionAtOne.score("N24News", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot score task N24News: it has no rows (got total 0)");
  }

  @Test
  void metaTaskMeansAreUnweightedOverDatasets() {
    // 1000 rows at 0.9 and 10 rows at 0.1 average to 0.5, not to the pooled 0.89.
    List<TaskAccuracy> tasks = List.of(
        new TaskAccuracy("ImageNet-1K", 900, 1000), new TaskAccuracy("N24News", 1, 10),
        new TaskAccuracy("OK-VQA", 3, 4), new TaskAccuracy("MSCOCO", 1, 2), new TaskAccuracy("my-task", 0, 1));
    Map<String, Double> scores = TaskAccuracy.accuracies(tasks);

    List<GroupScore> meta = TaskGroups.mmebMetaTasks().means(scores);

    assertThat(meta).extracting(GroupScore::group).containsExactly("Classification", "VQA", "Grounding");
    assertThat(meta.get(0).mean()).isCloseTo(0.5, offset(1e-12));
    assertThat(meta.get(0).tasks()).containsExactly("ImageNet-1K", "N24News");
    assertThat(meta.get(0).missing()).hasSize(8).contains("Country211");
    assertThat(meta.get(0).complete()).isFalse();
    assertThat(meta.get(1).mean()).isEqualTo(0.75);
    assertThat(TaskGroups.mmebDistribution().means(scores)).extracting(GroupScore::group).containsExactly("IND");
    assertThat(TaskGroups.overall(scores)).isCloseTo((0.9 + 0.1 + 0.75 + 0.5 + 0.0) / 5, offset(1e-12));
  }

  @Test
  void theMmebGroupingsCoverThe36DatasetsOnce() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    TaskGroups.mmebMetaTasks().groups().forEach((g, tasks) -> sizes.put(g, tasks.size()));
    TaskGroups.mmebDistribution().groups().forEach((g, tasks) -> sizes.put(g, tasks.size()));
    assertThat(sizes).containsExactly(Map.entry("Classification", 10), Map.entry("VQA", 10),
        Map.entry("Retrieval", 12), Map.entry("Grounding", 4), Map.entry("IND", 20), Map.entry("OOD", 16));
    assertThat(TaskGroups.mmebMetaTasks().groups().values().stream().flatMap(List::stream).sorted().toList())
        .isEqualTo(TaskGroups.mmebDistribution().groups().values().stream().flatMap(List::stream).sorted().toList());
  }

  @Test
  void groupsAreValidated() {
    assertThatThrownBy(() -> TaskGroups.builder().group("A", "x").group("B", "y", "x").build())
        .hasMessage("Cannot build task groups: task x is in both A and B (got x)");
    assertThatThrownBy(() -> TaskGroups.builder().group("A", List.of()))
        .hasMessage("Cannot add task group A: it has no tasks (got [])");
    assertThatThrownBy(() -> TaskGroups.overall(Map.of()))
        .hasMessage("Cannot average task scores: there are none (got {})");
    assertThatThrownBy(() -> TaskAccuracy.accuracies(List.of(new TaskAccuracy("a", 1, 1), new TaskAccuracy("a", 0, 1))))
        .hasMessage("Cannot collect accuracies: task a appears twice (got a)");
  }
}
