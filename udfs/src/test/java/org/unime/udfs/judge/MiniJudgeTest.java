package org.unime.udfs.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelException;
import org.unime.udfs.model.ModelManifest;

/** The mini judge's contract: exact prefix cache, P(Yes) readout, determinism, artifact round trip, errors. */
class MiniJudgeTest {
  static final MiniJudgeConfig CONFIG =
      new MiniJudgeConfig(64, 4, 2, 128, 192, 32, 8, 24, 4, 0, MiniJudgeVocabulary.full().size());

  static NDManager manager;
  static MiniJudgeEncoder encoder;
  static MiniJudge judge;

  static final JudgeItem IMAGE_QUERY =
      new JudgeItem("emoji:google:1f44b-1f3fd:i2t", "Find the emoji name that describes the given image.",
          TestImages.disc(new Color(0xC6, 0x8E, 0x5A), false));
  static final List<JudgeItem> CANDIDATES =
      List.of(
          JudgeItem.text("emoji:text:1f44b-1f3fd", "waving hand: medium skin tone"),
          JudgeItem.text("emoji:text:1f44b-1f3ff", "waving hand: dark skin tone"),
          JudgeItem.image("tabler:outline:bell-off:image", TestImages.disc(Color.GRAY, true)),
          new JudgeItem("mixed", "a bell", TestImages.disc(Color.YELLOW, false)),
          JudgeItem.text("long", "word ".repeat(80)));

  @BeforeAll
  static void build() {
    manager = NDManager.newBaseManager("PyTorch");
    encoder = new MiniJudgeEncoder(CONFIG, MiniJudgeVocabulary.full());
    judge = MiniJudge.borrowing("test-judge", MiniJudgeNet.initialise(CONFIG, manager, 7), encoder, 3);
  }

  @AfterAll
  static void close() {
    judge.close();
    encoder.close();
    manager.close();
  }

  @Test
  void cachedPrefixScoringEqualsFullSequenceScoring() {
    for (JudgeItem query : List.of(IMAGE_QUERY, JudgeItem.text("t2i", "Find the icon that matches: bell off"))) {
      float[][] cached = judge.logitsCached(query, CANDIDATES);
      for (int i = 0; i < CANDIDATES.size(); i++) {
        float[] full = judge.logitsFull(query, CANDIDATES.get(i));
        assertThat(cached[i][0]).as("Yes logit of candidate %d", i).isCloseTo(full[0], within(1e-5f));
        assertThat(cached[i][1]).as("No logit of candidate %d", i).isCloseTo(full[1], within(1e-5f));
      }
    }
  }

  @Test
  void theEmbedderPathIsCachedExactlyToo() {
    withEmbedderJudge("with-embedder", 3, 2, judge -> {
      float[][] cached = judge.logitsCached(IMAGE_QUERY, CANDIDATES);
      float[] reused = judge.score(IMAGE_QUERY, CANDIDATES);
      float[] full = judge.scoreWithoutPrefixReuse(IMAGE_QUERY, CANDIDATES);
      for (int i = 0; i < CANDIDATES.size(); i++) {
        float[] single = judge.logitsFull(IMAGE_QUERY, CANDIDATES.get(i));
        assertThat(cached[i][0]).isCloseTo(single[0], within(1e-5f));
        assertThat(cached[i][1]).isCloseTo(single[1], within(1e-5f));
        assertThat(reused[i]).isCloseTo(full[i], within(1e-5f));
      }
    });
  }

  @Test
  void paddedBatchesWithAndWithoutReuseAgree() {
    float[] reused = judge.score(IMAGE_QUERY, CANDIDATES);
    float[] full = judge.scoreWithoutPrefixReuse(IMAGE_QUERY, CANDIDATES);
    for (int i = 0; i < reused.length; i++) {
      assertThat(reused[i]).isCloseTo(full[i], within(1e-5f));
    }
    assertThat(reused[1]).as("candidates must not all score the same").isNotEqualTo(reused[0]);
  }

  @Test
  void packedQueriesScoreAsTheyDoAlone() {
    withEmbedderJudge("packing", 5, 6, packing -> {
      JudgeItem textQuery = JudgeItem.text("t2i", "Find the icon that matches: bell off");
      JudgeItem longQuery = JudgeItem.text("long-query", "Find the text that matches: " + "many words ".repeat(20));
      // Sizes 1, 2, 3, 0, 7 and 2 with batch 6: the 7 runs alone, the others share packs of different widths, the
      // queries' prefixes have different lengths (one is an image), and the empty group gets an empty result.
      List<JudgeModel.QueryCandidates> groups = List.of(
          new JudgeModel.QueryCandidates(IMAGE_QUERY, CANDIDATES.subList(0, 1)),
          new JudgeModel.QueryCandidates(textQuery, CANDIDATES.subList(2, 4)),
          new JudgeModel.QueryCandidates(longQuery, CANDIDATES.subList(1, 4)),
          new JudgeModel.QueryCandidates(textQuery, List.of()),
          new JudgeModel.QueryCandidates(IMAGE_QUERY,
              List.of(CANDIDATES.get(4), CANDIDATES.get(3), CANDIDATES.get(2), CANDIDATES.get(1), CANDIDATES.get(0),
                  CANDIDATES.get(2), CANDIDATES.get(4))),
          new JudgeModel.QueryCandidates(IMAGE_QUERY, CANDIDATES.subList(3, 5)));
      List<float[]> packed = packing.scoreQueries(groups);
      assertThat(packed).hasSize(groups.size());
      for (int g = 0; g < groups.size(); g++) {
        JudgeModel.QueryCandidates group = groups.get(g);
        float[] alone = group.candidates().isEmpty() ? new float[0] : packing.score(group.query(), group.candidates());
        assertThat(packed.get(g)).as("group %d", g).hasSameSizeAs(alone);
        for (int i = 0; i < alone.length; i++) {
          assertThat(packed.get(g)[i]).as("group %d candidate %d", g, i).isCloseTo(alone[i], within(1e-5f));
        }
      }
      assertThat(packed.get(1)[1]).as("the same candidate under two queries of one pack")
          .isNotCloseTo(packed.get(5)[0], within(1e-4f));
    });
  }

  /** A judge with item-vector features over the fake embedder, closed after {@code body}. */
  private static void withEmbedderJudge(String id, long seed, int batch, Consumer<MiniJudge> body) {
    MiniJudgeConfig withEmbedder = CONFIG.withEmbedderDim(FakeEmbedder.DIMENSION);
    try (FakeEmbedder embedder = new FakeEmbedder();
        MiniJudgeEncoder encoder = new MiniJudgeEncoder(withEmbedder, MiniJudgeVocabulary.full(), embedder);
        MiniJudge judge =
            MiniJudge.borrowing(id, MiniJudgeNet.initialise(withEmbedder, manager, seed), encoder, batch)) {
      body.accept(judge);
    }
  }

  @Test
  void scoreIsTheSoftmaxOfYesAndNoLogits() {
    float[] scores = judge.score(IMAGE_QUERY, CANDIDATES);
    for (int i = 0; i < scores.length; i++) {
      float[] logits = judge.logitsFull(IMAGE_QUERY, CANDIDATES.get(i));
      double expected = Math.exp(logits[0]) / (Math.exp(logits[0]) + Math.exp(logits[1]));
      assertThat((double) scores[i]).isBetween(0.0, 1.0).isCloseTo(expected, within(1e-6));
    }
  }

  @Test
  void sameSeedSameScoresOtherSeedOtherScores() {
    try (MiniJudge again = MiniJudge.borrowing("again", MiniJudgeNet.initialise(CONFIG, manager, 7), encoder, 5);
        MiniJudge other = MiniJudge.borrowing("other", MiniJudgeNet.initialise(CONFIG, manager, 8), encoder, 5)) {
      assertThat(again.score(IMAGE_QUERY, CANDIDATES)).containsExactly(judge.score(IMAGE_QUERY, CANDIDATES));
      assertThat(other.score(IMAGE_QUERY, CANDIDATES)).isNotEqualTo(judge.score(IMAGE_QUERY, CANDIDATES));
    }
  }

  @Test
  void artifactRoundTripKeepsScoresAndVersion(@TempDir Path dir) {
    MiniJudgeNet net = MiniJudgeNet.initialise(CONFIG, manager, 7);
    String uri = dir.resolve("judge").toString();
    ModelArtifact written =
        ModelArtifact.write(uri, ModelManifest.draft("mini-judge", CONFIG.toArchitecture(), Map.of()),
            d -> MiniJudge.save(net, MiniJudgeVocabulary.full(), null, d));
    net.close();
    try (MiniJudge loaded = MiniJudge.load(ModelArtifact.open(uri), DeviceSpec.CPU, 4)) {
      assertThat(loaded.version()).isEqualTo(written.manifest().version()).hasSize(64);
      assertThat(loaded.id()).isEqualTo("mini-judge");
      float[] expected = judge.score(IMAGE_QUERY, CANDIDATES);
      float[] actual = loaded.score(IMAGE_QUERY, CANDIDATES);
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
      }
    }
  }

  @Test
  void aPrefixBelongsToItsJudgeAndDiesWhenClosed() {
    PrefixHandle prefix = judge.encodeQuery(IMAGE_QUERY);
    assertThat(prefix.length()).isGreaterThan(CONFIG.patchesPerImage() + 40);
    prefix.close();
    assertThatThrownBy(() -> judge.scoreCandidates(prefix, CANDIDATES))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("emoji:google:1f44b-1f3fd:i2t");
    try (MiniJudge other = MiniJudge.borrowing("other", MiniJudgeNet.initialise(CONFIG, manager, 8), encoder, 5);
        PrefixHandle foreign = other.encodeQuery(IMAGE_QUERY)) {
      assertThatThrownBy(() -> judge.scoreCandidates(foreign, CANDIDATES))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("another judge than test-judge");
    }
  }

  @Test
  void aFailureNamesModelBatchSizeAndFirstRow() {
    List<JudgeItem> broken =
        List.of(CANDIDATES.get(0), CANDIDATES.get(1), CANDIDATES.get(2),
            JudgeItem.image("emoji:google:broken:image", new byte[] {1, 2, 3}), CANDIDATES.get(0));
    assertThatThrownBy(() -> judge.score(IMAGE_QUERY, broken))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("test-judge")
        .hasMessageContaining("batch of 2")
        .hasMessageContaining("starting at row emoji:google:broken:image");
  }
}
