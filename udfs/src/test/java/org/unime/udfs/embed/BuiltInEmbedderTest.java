package org.unime.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelCache;
import org.unime.udfs.model.ModelException;
import org.unime.udfs.train.TrainingConfig;

/** One small real training run (300 Google emoji, image query → name), shared by the tests below. */
class BuiltInEmbedderTest {
  private static final int STEPS = 60;
  @TempDir static Path dir;
  static EmojiFixture emoji;
  static EmbedderTrainer.Result trained;

  @BeforeAll
  static void trainOnRealEmoji() throws Exception {
    emoji = EmojiFixture.load(300);
    TrainingConfig config =
        TrainingConfig.builder(32, STEPS, 3e-3).withWarmupSteps(5).withWeightDecay(0.01).withLogEvery(20).build();
    EmbedderTrainingOptions options =
        new EmbedderTrainingOptions(new EmbedderArchitecture(64, 32, 8, 16, 32, 64, 64), 0.05, config, false);
    trained = EmbedderTrainer.train(emoji.imageQueries, emoji.labels, options, DeviceSpec.CPU, 50);
  }

  @AfterAll
  static void close() {
    if (trained != null) {
      trained.model().close();
    }
    ModelCache.clear();
  }

  @Test
  void trainingOnRealEmojiLowersTheLoss() {
    float[] losses = trained.summary().losses();
    assertThat(losses).hasSize(STEPS);
    assertThat(trained.examples()).isEqualTo(300);
    assertThat(mean(losses, STEPS - 10, STEPS)).isLessThan(mean(losses, 0, 10) * 0.7);
  }

  @Test
  void embeddingsAreUnitNormWithTheConfiguredDimension() {
    List<EmbeddingInput> items = new ArrayList<>(emoji.labels.subList(0, 7));
    items.add(emoji.imageQueries.get(0).query());
    items.add(EmbeddingInput.image("bare-image", emoji.imageQueries.get(1).query().image()));

    float[][] vectors = trained.model().embed(items);

    assertThat(vectors.length).isEqualTo(9);
    for (float[] v : vectors) {
      assertThat(v).hasSize(64);
      assertThat(MiniLmEncoderTest.dot(v, v)).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void anArtifactRoundTripKeepsTheVersionAndGivesIdenticalEmbeddings() {
    String uri = dir.resolve("embedder").toString();
    ModelArtifact artifact = trained.model().save(uri, Map.of("/tables/queries", 3L));
    List<EmbeddingInput> items = List.of(emoji.labels.get(5), emoji.imageQueries.get(5).query());

    try (BuiltInEmbedder loaded = BuiltInEmbedder.load(ModelArtifact.open(uri), DeviceSpec.CPU, 50)) {
      assertThat(loaded.version()).isEqualTo(artifact.manifest().version()).hasSize(64);
      assertThat(loaded.architecture()).isEqualTo(trained.model().architecture());
      float[][] before = trained.model().embed(items);
      float[][] after = loaded.embed(items);
      for (int i = 0; i < before.length; i++) {
        assertThat(after[i]).containsExactly(before[i]);
      }
    }
    assertThat(ModelArtifact.open(uri).manifest().trainingData()).containsEntry("/tables/queries", 3L);
    EmbeddingModel shared = EmbeddingModels.open(uri, DeviceSpec.CPU, 8);
    assertThat(ModelCache.open(uri, BuiltInEmbedder.class, a -> { throw new AssertionError("reloaded"); }))
        .isNotNull();
    assertThat(shared.version()).isEqualTo(artifact.manifest().version());
    assertThat(shared.embed(items)[1]).containsExactly(trained.model().embed(items)[1]);
  }

  @Test
  void theTrainedModelRetrievesTrainingEmojiFarAboveChance() {
    RetrievalEvaluator.Result r =
        RetrievalEvaluator.recallAt1("i2t-r1/train", trained.model(), emoji.imageQueries, emoji.labels, "300 labels");
    assertThat(r.queries()).isEqualTo(300);
    assertThat(r.recallAt1()).isGreaterThan(10 * r.chance());
  }

  @Test
  void aBadImageFailsNamingTheModelTheBatchSizeAndTheFirstRow() {
    List<EmbeddingInput> items =
        List.of(emoji.labels.get(0), EmbeddingInput.image("emoji:broken", new byte[] {1, 2, 3}));

    assertThatThrownBy(() -> trained.model().embed(items))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("Cannot embed with model builtin-embedder@unsaved: batch of 2 starting at row "
            + emoji.labels.get(0).id() + " failed (Cannot decode the image of item emoji:broken");
  }

  private static double mean(float[] values, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += values[i];
    }
    return s / (to - from);
  }
}
