package org.unime.udfs.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unime.pipeline.rerank.RerankLoss;
import org.unime.pipeline.rerank.RerankMode;
import org.unime.pipeline.rerank.RerankSettings;
import org.unime.pipeline.rerank.Reranking;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.judge.MiniJudgeVocabulary;

/** The reranker's network, objective and inference on synthetic items, untrained (seeded) weights. */
class RerankerModelTest {
  static NDManager root;
  static MiniJudgeVocabulary vocabulary;
  static RerankerConfig config;
  static RerankerNet net;
  static RerankerEncoder encoder;
  static RerankerModel model;

  @BeforeAll
  static void setUp() {
    root = NDManager.newBaseManager("PyTorch");
    vocabulary = TestItems.vocabulary();
    config = TestItems.config(vocabulary.size(), 0);
    net = RerankerNet.initialise(config, root, 5);
    encoder = new RerankerEncoder(config, vocabulary, null);
    model = RerankerModel.borrowing("test-reranker", net, encoder, 4);
  }

  @AfterAll
  static void tearDown() {
    model.close();
    encoder.close();
    net.close();
    root.close();
  }

  @Test
  void objectiveMatchesTheDoubleReferenceLoss() {
    SplittableRandom random = new SplittableRandom(3);
    int queries = 3;
    int width = config.headWidth();
    int[] sizes = {6, 4, 2};
    int[] answers = {6, 1, 2};
    float[] pair = new float[2 * queries * width];
    float[] list = new float[queries * width];
    float[] mask = new float[queries * config.maxCandidates()];
    for (int i = 0; i < pair.length; i++) {
      pair[i] = (float) random.nextDouble(-4, 4);
    }
    for (int i = 0; i < list.length; i++) {
      list[i] = (float) random.nextDouble(-4, 4);
    }
    List<RerankLoss.QueryLogits> reference = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      for (int j = sizes[q]; j < config.maxCandidates(); j++) {
        mask[q * config.maxCandidates() + j] = RerankBatch.MASKED;
      }
      double[] positions = new double[sizes[q]];
      for (int j = 0; j < sizes[q]; j++) {
        positions[j] = list[q * width + 2 + j];
      }
      reference.add(new RerankLoss.QueryLogits(
          new double[] {pair[2 * q * width], pair[2 * q * width + 1]},
          new double[] {pair[(2 * q + 1) * width], pair[(2 * q + 1) * width + 1]}, positions, answers[q]));
    }
    RerankSettings weights = RerankSettings.reference().withLossWeights(0.7, 1.3);

    try (NDManager m = root.newSubManager()) {
      NDArray loss = RerankerObjective.loss(m, m.create(pair, new Shape(2L * queries, width)),
          m.create(list, new Shape(queries, width)), m.create(mask, new Shape(queries, config.maxCandidates())),
          answers, weights);

      double expected = RerankLoss.batchMean(reference, weights);
      assertThat((double) loss.getFloat()).isCloseTo(expected, within(1e-5 * Math.max(1, expected)));
    }
  }

  @Test
  void everyRerankingIsAPermutationOfTheInput() {
    for (int k : new int[] {5, 10}) {
      for (RerankMode mode : RerankMode.values()) {
        for (int q = 0; q < 3; q++) {
          Reranking r = model.rerank(TestItems.item("q", q + 7), TestItems.items("c" + q + "-", k), mode);

          assertThat(r.size()).isEqualTo(k);
          assertThat(Arrays.stream(r.order()).sorted().toArray()).as("k=%d %s", k, mode)
              .isEqualTo(IntStream.range(0, k).toArray());
        }
      }
    }
  }

  @Test
  void paddingAndBatchingDoNotChangeLogits() {
    JudgeItem query = TestItems.item("q", 2);
    List<JudgeItem> candidates = TestItems.items("c", 7);
    double[][] batched = model.pairLogits(query, candidates);
    try (RerankerModel oneByOne = RerankerModel.borrowing("one-by-one", net, encoder, 1)) {
      double[][] single = oneByOne.pairLogits(query, candidates);
      for (int i = 0; i < candidates.size(); i++) {
        assertThat(batched[i]).as("candidate %d", i).containsExactly(single[i], within(1e-4));
      }
    }
    // A list packed next to a longer one (so left-padded) gives the same position logits as alone.
    RerankSequence shortList = encoder.list(query, candidates.subList(0, 3));
    RerankSequence longList = encoder.list(query, candidates);
    try (NDManager m = root.newSubManager()) {
      float[] alone = net.logits(RerankBatch.of(m, config, List.of(shortList))).toFloatArray();
      float[] padded = net.logits(RerankBatch.of(m, config, List.of(shortList, longList))).toFloatArray();
      for (int j = 0; j < 2 + 3; j++) {
        assertThat(padded[j]).isCloseTo(alone[j], within(1e-4f));
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameOrder() {
    JudgeItem query = TestItems.item("q", 4);
    List<JudgeItem> candidates = TestItems.items("c", 10);
    try (RerankerNet twin = RerankerNet.initialise(config, root, 5);
        RerankerModel other = RerankerModel.borrowing("twin", twin, encoder, 4)) {
      for (RerankMode mode : RerankMode.values()) {
        assertThat(other.rerank(query, candidates, mode).order())
            .isEqualTo(model.rerank(query, candidates, mode).order());
        assertThat(other.rerank(query, candidates, mode).scores())
            .isEqualTo(model.rerank(query, candidates, mode).scores());
      }
    }
  }

  @Test
  void anUntrainedRerankerWithAnEmbedderKeepsTheEmbeddersOrder() {
    RerankerConfig withEmbedder = TestItems.config(vocabulary.size(), ScriptedEmbedder.DIMENSION);
    double[] cosines = {0.31, 0.92, 0.05, 0.66, 0.48};
    List<JudgeItem> candidates = new ArrayList<>();
    for (int i = 0; i < cosines.length; i++) {
      candidates.add(JudgeItem.text("c" + i + "@" + cosines[i], TestItems.WORDS[i]));
    }
    try (ScriptedEmbedder embedder = new ScriptedEmbedder();
        RerankerNet n = RerankerNet.initialise(withEmbedder, root, 9);
        RerankerEncoder e = new RerankerEncoder(withEmbedder, vocabulary, embedder);
        RerankerModel m = RerankerModel.borrowing("with-embedder", n, e, 8)) {
      for (RerankMode mode : RerankMode.values()) {
        assertThat(m.rerank(JudgeItem.text("q", "waving hand"), candidates, mode).order()).as(mode.wireName())
            .containsExactly(1, 3, 4, 0, 2);
      }
    }
  }

  @Test
  void promptsAreTheSpecsAndCarryQueryAndCandidateText() {
    JudgeItem query =
        new JudgeItem("q", "<|image_1|> Find the emoji name that describes the given image.", new byte[1]);
    List<JudgeItem> candidates = List.of(JudgeItem.text("a", "waving hand"), JudgeItem.text("b", "ok hand"));

    assertThat(RerankerPrompt.renderList(query, candidates)).isEqualTo(
        "I will provide you with a query followed by multiple candidates in the format: (1) cand1 (2) cand2, etc."
            + " Each candidate is independent of the others. Evaluate each candidate against the query, and respond"
            + " with the number corresponding to the candidate that best meets the requirements of the query. Query:"
            + "<image>Find the emoji name that describes the given image. Candidates: (1) waving hand (2) ok hand");
    assertThat(RerankerPrompt.renderPair(query, candidates.get(0))).isEqualTo(
        "I will provide you with a query and a candidate. Please evaluate whether the candidate meets the"
            + " requirements of the query. If it does, respond with 'Yes'; if it doesn't, respond with 'No'. Query:"
            + "<image>Find the emoji name that describes the given image. Candidate:waving hand.");
  }

  @Test
  void aListCandidateIsItsMarkerAndItsItemOnly() {
    JudgeItem candidate = JudgeItem.text("a", "waving hand");
    int marker = encoder.listCandidate(3, JudgeItem.text("x", "red"), null).length() - 1; // "red" is one token
    int item = encoder.pairCandidate(candidate, null).length() - 1; // without the "."

    assertThat(encoder.listCandidate(3, candidate, null).length()).isEqualTo(marker + item);
    assertThat(marker).as("\" (3)\" as tokens").isEqualTo(3);
  }

  @Test
  void listsLongerThanTheHeadAreRejected() {
    assertThatThrownBy(() -> model.listLogits(TestItems.item("q", 1), TestItems.items("c", 11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rerank listwise with model test-reranker: it answers over 1..10 candidates (got 11 for"
            + " query q1)");
  }
}
