package org.unime.udfs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.unime.udfs.evaluate.FixedEmbedder.v;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.unime.pipeline.eval.CompositionalItem;
import org.unime.pipeline.eval.TaskGroups;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.eval.CompositionalSubset;

/** The metric plumbing on hand-made vectors whose answers are worked out by hand in each test. */
class ModelScorerTest {
  private static final Offset<Double> EXACT = within(1e-12);

  private final Map<String, float[]> vectors = new HashMap<>();

  private EmbeddingInput item(String id, float[] vector) {
    vectors.put(id, vector);
    return EmbeddingInput.text(id, id);
  }

  private ModelScorer scorer(List<Integer> ks, Reranker reranker) {
    return new ModelScorer(new ItemEmbeddings(new FixedEmbedder(vectors)), null, ks, reranker, 2);
  }

  private static Map<String, Double> byKey(List<MetricValue> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach(m -> out.put(m.key(), m.value()));
    return out;
  }

  /**
   * Task A: q1's ground truth is exact (hit), q2's is orthogonal while a distractor is exact (miss), q3's ties a
   * distractor (hit: index 0 wins a tie) → 2/3. Task B: one hit → 1. Groups and overall are unweighted means of
   * task accuracies, so overall is (2/3 + 1)/2, not 3/4.
   */
  private TaskSuite suite() {
    EmbeddingInput q = item("q", v(1, 0));
    RetrievalTask a = new RetrievalTask("A", List.of(
        new RetrievalTask.Row("q1", q, List.of(item("a1", v(1, 0)), item("x1", v(0, 1)))),
        new RetrievalTask.Row("q2", q, List.of(item("a2", v(0, 1)), item("x2", v(2, 0)))),
        new RetrievalTask.Row("q3", q, List.of(item("a3", v(1, 1)), item("x3", v(2, 2)), item("x4", v(0, 1))))), 0);
    RetrievalTask b = new RetrievalTask("B", List.of(
        new RetrievalTask.Row("q4", q, List.of(item("b1", v(3, 0.1)), item("y1", v(-1, 0))))), 1);
    return TaskSuite.of(Suites.MMEB_STYLE, List.of(a, b),
        TaskGroups.builder().group("Retrieval", "A").group("Classification", "B").build(),
        TaskGroups.builder().group("IND", "A", "B").build());
  }

  @Test
  void mmebStyleP1PerTaskGroupAndOverall() throws Exception {
    List<MetricValue> metrics = scorer(List.of(1), null).tasks(suite());

    Map<String, Double> m = byKey(metrics);
    assertThat(m.get("mmeb-style/A/p@1")).isCloseTo(2.0 / 3, EXACT);
    assertThat(m.get("mmeb-style/B/p@1")).isCloseTo(1.0, EXACT);
    assertThat(m.get("mmeb-style/meta/Retrieval/p@1")).isCloseTo(2.0 / 3, EXACT);
    assertThat(m.get("mmeb-style/meta/Classification/p@1")).isCloseTo(1.0, EXACT);
    assertThat(m.get("mmeb-style/dist/IND/p@1")).isCloseTo(5.0 / 6, EXACT);
    assertThat(m.get("mmeb-style/overall/p@1")).isCloseTo(5.0 / 6, EXACT);
    assertThat(metrics).filteredOn(x -> x.task().equals("overall")).extracting(MetricValue::queries).containsExactly(4L);
    assertThat(metrics).noneMatch(x -> x.suite().equals(Suites.RERANK));
  }

  @Test
  void everyItemIsEmbeddedOnceAcrossRowsAndTasks() throws Exception {
    FixedEmbedder model = new FixedEmbedder(vectors);
    TaskSuite suite = suite();
    new ModelScorer(new ItemEmbeddings(model), null, List.of(1), null, 2).tasks(suite);

    assertThat(model.embedded).doesNotHaveDuplicates().contains("q", "a1", "x4", "b1");
  }

  /**
   * Labels L0 = (1,0), L1 = (0,1), L2 = (-1,0); images I0 (1, .1) and I1 (.2, 1) of L0, I2 (0, 1) of L1,
   * I3 (-1, 0) of L2. Image→text: I1 is nearer L1 than L0, so R@1 = 3/4 and R@2 = 1. Text→image: each label's top
   * image is one of its own (L0 → I0), so R@1 = 1. k = 10 exceeds the 3 labels and is skipped.
   */
  @Test
  void recallWithSeveralImagesPerLabelCountsAnyImageOfTheLabel() {
    RecallSet set = new RecallSet("toy/eval-unseen-concept",
        List.of(item("I0", v(1, .1)), item("I1", v(.2, 1)), item("I2", v(0, 1)), item("I3", v(-1, 0))),
        List.of(item("L0", v(1, 0)), item("L1", v(0, 1)), item("L2", v(-1, 0))),
        RecallSet.Shape.IMAGES_PER_LABEL, new int[] {0, 0, 1, 2});

    Map<String, Double> m = byKey(scorer(List.of(1, 2, 10), null).recall(Suites.RECALL, List.of(set)));

    assertThat(m.get("recall/toy/eval-unseen-concept/i2t-r@1")).isCloseTo(0.75, EXACT);
    assertThat(m.get("recall/toy/eval-unseen-concept/i2t-r@2")).isCloseTo(1.0, EXACT);
    assertThat(m.get("recall/toy/eval-unseen-concept/t2i-r@1")).isCloseTo(1.0, EXACT);
    assertThat(m).doesNotContainKey("recall/toy/eval-unseen-concept/t2i-r@10");
    assertThat(m.get("recall/overall/r@1")).isCloseTo(0.875, EXACT);
  }

  /** A label whose first image is far but whose second is its nearest still counts for text→image. */
  @Test
  void textToImageHitsOnTheLabelsSecondImage() {
    RecallSet set = new RecallSet("s",
        List.of(item("J0", v(-1, 0)), item("J1", v(1, 0)), item("J2", v(0, 1))),
        List.of(item("M0", v(1, 0)), item("M1", v(0, 1))),
        RecallSet.Shape.IMAGES_PER_LABEL, new int[] {0, 0, 1});

    Map<String, Double> m = byKey(scorer(List.of(1), null).recall(Suites.RECALL, List.of(set)));

    assertThat(m.get("recall/s/t2i-r@1")).isCloseTo(1.0, EXACT);
    assertThat(m.get("recall/s/i2t-r@1")).as("J0 points away from its label").isCloseTo(2.0 / 3, EXACT);
  }

  /**
   * Flickr shape: captions C0, C1 of image I0 = (1,0), C2 of I1 = (0,1), and C3 = (1,0) of I1. Text→image: C3
   * finds I0 → 3/4. Image→text: I0's top caption is C3 (exact), not its own → miss; I1's is C2 → 1/2.
   */
  @Test
  void recallWithSeveralCaptionsPerImage() {
    RecallSet set = new RecallSet("flickr",
        List.of(item("I0", v(1, 0)), item("I1", v(0, 1))),
        List.of(item("C0", v(1, .2)), item("C1", v(.9, .3)), item("C2", v(.1, 1)), item("C3", v(1, 0))),
        RecallSet.Shape.CAPTIONS_PER_IMAGE, new int[] {0, 0, 1, 1});

    Map<String, Double> m = byKey(scorer(List.of(1), null).recall(Suites.KARPATHY, List.of(set)));

    assertThat(m.get("karpathy/flickr/t2i-r@1")).isCloseTo(0.75, EXACT);
    assertThat(m.get("karpathy/flickr/i2t-r@1")).isCloseTo(0.5, EXACT);
  }

  /** One clear win and one tie in replace_gender (a tie is wrong) → 1/2; swap 1/1; Add has no subset scored. */
  @Test
  void compositionalAccuracyIsStrictAndAveragesGroups() {
    vectors.put("img", v(1, 0));
    vectors.put("caption:man cook", v(1, 0));
    vectors.put("caption:woman cook", v(0, 1));
    vectors.put("caption:man judge", v(1, 1));
    vectors.put("caption:woman judge", v(2, 2));
    vectors.put("caption:a, b", v(1, .1));
    vectors.put("caption:b, a", v(.1, 1));
    CompositionalSet set = new CompositionalSet(Suites.COMPOSITIONAL, List.of(
        new CompositionalItem("1", "i", "man cook", "woman cook", "replace_gender"),
        new CompositionalItem("2", "i", "man judge", "woman judge", "replace_gender"),
        new CompositionalItem("3", "i", "a, b", "b, a", "swap_skin_tone")),
        Map.of("i", EmbeddingInput.image("img", new byte[] {1})), CompositionalSubset.groups());

    Map<String, Double> m = byKey(scorer(List.of(1), null).compositional(set));

    assertThat(m.get("compositional/replace_gender/accuracy")).isCloseTo(0.5, EXACT);
    assertThat(m.get("compositional/group/Replace/accuracy")).isCloseTo(0.5, EXACT);
    assertThat(m.get("compositional/group/Swap/accuracy")).isCloseTo(1.0, EXACT);
    assertThat(m).doesNotContainKey("compositional/group/Add/accuracy");
    assertThat(m.get("compositional/overall/accuracy")).isCloseTo(0.75, EXACT);
  }

  /**
   * An oracle reranker over the top 2 (depth 2): row 1 already has its ground truth first, row 2 has it second
   * (fixed by reranking), row 3 third (out of the reranker's reach). P@1 1/3 → 2/3, gain 1/3.
   */
  @Test
  void rerankGainOverTheTopCandidates() throws Exception {
    EmbeddingInput q = item("q", v(1, 0));
    RetrievalTask task = new RetrievalTask("T", List.of(
        new RetrievalTask.Row("r1", q, List.of(item("gt1", v(1, 0)), item("d1", v(0, 1)), item("d2", v(-1, 0)))),
        new RetrievalTask.Row("r2", q, List.of(item("gt2", v(1, 1)), item("d3", v(1, 0)), item("d4", v(-1, 0)))),
        new RetrievalTask.Row("r3", q, List.of(item("gt3", v(-1, 0)), item("d5", v(1, 0)), item("d6", v(0, 1))))),
        0);
    Reranker oracle = new Reranker() {
      public String id() {
        return "oracle";
      }

      public List<String> rerank(EmbeddingInput query, List<EmbeddingInput> candidates) {
        return candidates.stream().map(EmbeddingInput::id).sorted((a, b) ->
            Boolean.compare(b.startsWith("gt"), a.startsWith("gt"))).toList();
      }
    };
    TaskSuite suite = TaskSuite.of(Suites.MMEB_STYLE, List.of(task),
        TaskGroups.builder().group("Retrieval", "T").build(), TaskGroups.builder().group("IND", "T").build());

    Map<String, Double> m = byKey(scorer(List.of(1), oracle).tasks(suite));

    assertThat(m.get("rerank/mmeb-style:T/p@1-before")).isCloseTo(1.0 / 3, EXACT);
    assertThat(m.get("rerank/mmeb-style:T/p@1-after")).isCloseTo(2.0 / 3, EXACT);
    assertThat(m.get("rerank/mmeb-style:T/gain")).isCloseTo(1.0 / 3, EXACT);
    assertThat(m.get("rerank/mmeb-style:overall/gain")).isCloseTo(1.0 / 3, EXACT);
    assertThat(m.get("mmeb-style/T/p@1")).isCloseTo(1.0 / 3, EXACT);
  }

  @Test
  void aRerankerThatDropsACandidateFailsWithTheQuery() {
    Reranker dropping = new Reranker() {
      public String id() {
        return "dropping";
      }

      public List<String> rerank(EmbeddingInput query, List<EmbeddingInput> candidates) {
        return List.of(candidates.get(0).id());
      }
    };

    assertThatThrownBy(() -> scorer(List.of(1), dropping).tasks(suite()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot use reranker dropping on A query q1")
        .hasMessageContaining("permutation of the 2 candidates");
  }
}
