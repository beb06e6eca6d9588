package org.unime.udfs.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.judge.JudgeModel;
import org.unime.udfs.judge.JudgeModels;
import org.unime.udfs.judge.PrefixHandle;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelCache;
import org.unime.udfs.model.ModelException;

/**
 * The TorchScript adapter against PyTorch's own numbers: fixtures made by scripts/make_torchscript_fixtures.py
 * (PyTorch 1.13), loaded here by libtorch 2.7.1. Each case fixes the padding side, the token ids the adapter must
 * build, and the pooled embeddings / P(Yes) PyTorch computed for them.
 */
class TorchScriptFixtureTest {
  private static final double TOLERANCE = 1e-5;

  @TempDir static Path work;
  static Path fixtures;
  static JsonObject expected;
  static TorchScriptEmbedder leftEmbedder;
  static TorchScriptEmbedder rightEmbedder;
  static TorchScriptJudge leftJudge;
  static TorchScriptJudge rightJudge;

  @BeforeAll
  static void load() throws IOException, URISyntaxException {
    fixtures = Path.of(TorchScriptFixtureTest.class.getResource("/torchscript/expected.json").toURI()).getParent();
    expected = JsonParser.parseString(Files.readString(fixtures.resolve("expected.json"))).getAsJsonObject();
    leftEmbedder = TorchScriptEmbedder.load(manifest("embedder.json", "left"), DeviceSpec.CPU, 8);
    rightEmbedder = TorchScriptEmbedder.load(manifest("embedder.json", "right"), DeviceSpec.CPU, 8);
    leftJudge = TorchScriptJudge.load(manifest("judge.json", "left"), DeviceSpec.CPU, 8);
    rightJudge = TorchScriptJudge.load(manifest("judge.json", "right"), DeviceSpec.CPU, 8);
  }

  @AfterAll
  static void close() {
    Stream.of(leftEmbedder, rightEmbedder).forEach(TorchScriptEmbedder::close);
    Stream.of(leftJudge, rightJudge).forEach(TorchScriptJudge::close);
  }

  /** A copy of the fixture folder whose manifest pads on {@code side}. */
  private static Path manifest(String name, String side) throws IOException {
    Path dir = Files.createDirectories(work.resolve(side));
    try (Stream<Path> files = Files.list(fixtures)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path manifest = dir.resolve(name);
    JsonObject json = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
    json.addProperty("padding-side", side);
    Files.writeString(manifest, json.toString(), StandardCharsets.UTF_8);
    return manifest;
  }

  static Stream<Arguments> embedderCases() {
    return cases("embedder");
  }

  static Stream<Arguments> judgeCases() {
    return cases("judge");
  }

  private static Stream<Arguments> cases(String role) {
    List<Arguments> out = new ArrayList<>();
    for (JsonElement e : expected.getAsJsonArray(role)) {
      out.add(Arguments.of(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("embedderCases")
  void embedderReproducesPyTorch(String name, JsonObject c) {
    TorchScriptEmbedder embedder = c.get("padding").getAsString().equals("left") ? leftEmbedder : rightEmbedder;
    List<EmbeddingInput> items = new ArrayList<>();
    for (JsonElement e : c.getAsJsonArray("items")) {
      items.add(item(name + "-" + items.size(), e.getAsJsonObject()).toEmbeddingInput());
    }

    TokenLayout.Padded padded = embedder.layout(items, new ArrayList<>());
    assertThat(padded.ids()).as("token ids").isDeepEqualTo(longs(c.getAsJsonArray("input_ids")));
    assertThat(padded.mask()).as("attention mask").isDeepEqualTo(longs(c.getAsJsonArray("attention_mask")));

    float[][] actual = embedder.embed(items);
    float[][] want = floats(c.getAsJsonArray("embeddings"));
    assertThat(actual.length).isEqualTo(want.length);
    for (int i = 0; i < want.length; i++) {
      assertClose(actual[i], want[i], "row " + i);
    }
    assertThat(embedder.dimension()).isEqualTo(want[0].length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("judgeCases")
  void judgeReproducesPyTorch(String name, JsonObject c) {
    TorchScriptJudge judge = c.get("padding").getAsString().equals("left") ? leftJudge : rightJudge;
    JudgeItem query = item(name + "-q", c.getAsJsonObject("query"));
    List<JudgeItem> candidates = new ArrayList<>();
    for (JsonElement e : c.getAsJsonArray("candidates")) {
      candidates.add(item(name + "-c" + candidates.size(), e.getAsJsonObject()));
    }

    try (PrefixHandle prefix = judge.encodeQuery(query)) {
      TokenLayout.Padded padded = judge.layout(prefix, candidates, new ArrayList<>());
      assertThat(padded.ids()).as("token ids").isDeepEqualTo(longs(c.getAsJsonArray("input_ids")));
      assertThat(padded.mask()).as("attention mask").isDeepEqualTo(longs(c.getAsJsonArray("attention_mask")));
      float[] scores = judge.scoreCandidates(prefix, candidates);
      assertClose(scores, floats(c.getAsJsonArray("p_yes")), "P(Yes)");
      for (float s : scores) {
        assertThat(s).isBetween(0f, 1f);
      }
    }
  }

  @Test
  void anImportedExportOpensByUriThroughTheJudgeFactory() throws IOException {
    String uri = work.resolve("artifact-judge").toString();
    ModelArtifact artifact = TorchScriptArtifacts.importExport(manifest("judge.json", "left"), uri, "tiny-judge");
    assertThat(artifact.manifest().architecture())
        .containsEntry("type", "torchscript").containsEntry("role", "judge");
    JudgeItem query = JudgeItem.text("q", "bell-off icon");
    List<JudgeItem> candidates = List.of(JudgeItem.image("c0", png("img1.png")), JudgeItem.text("c1", "man"));
    try {
      JudgeModel judge = JudgeModels.open(uri, DeviceSpec.CPU, 4);
      assertThat(judge.version()).isEqualTo(artifact.manifest().version());
      assertThat(judge.score(query, candidates)).containsExactly(leftJudge.score(query, candidates));
      judge.close(); // shared handle: must not close the cached model
      assertThat(judge.score(query, candidates)).hasSize(2);
    } finally {
      ModelCache.clear();
    }
  }

  @Test
  void yesNoIdsComeFromTheTokenizer() {
    assertThat(leftJudge.yesNoIds())
        .containsExactly(expected.get("yes_id").getAsLong(), expected.get("no_id").getAsLong());
  }

  @Test
  void paddingSideDoesNotChangeResults() {
    List<EmbeddingInput> items =
        List.of(EmbeddingInput.text("a", "waving hand"), new EmbeddingInput("b", "red square", png("img2.png")));
    float[][] left = leftEmbedder.embed(items);
    float[][] right = rightEmbedder.embed(items);
    for (int i = 0; i < items.size(); i++) {
      assertClose(left[i], right[i], "row " + i);
    }
  }

  @Test
  void failureNamesModelBatchSizeAndFirstRow() {
    List<EmbeddingInput> items =
        List.of(
            EmbeddingInput.image("emoji:google:1f44b:image", new byte[] {1, 2, 3}), EmbeddingInput.text("t", "red"));
    assertThatThrownBy(() -> leftEmbedder.embed(items))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("embedder")
        .hasMessageContaining("batch of 2")
        .hasMessageContaining("emoji:google:1f44b:image");
  }

  @Test
  void aManifestWithTheWrongRoleIsRejected() {
    assertThatThrownBy(() -> TorchScriptJudge.load(fixtures.resolve("embedder.json"), DeviceSpec.CPU, 4))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("its role is embedder");
  }

  @Test
  void aBrokenManifestListsEveryProblem() throws IOException {
    Path bad = work.resolve("bad.json");
    Files.writeString(bad, "{\"contract\": \"v0\", \"role\": \"ranker\", \"image\": {\"size\": 16}}");
    assertThatThrownBy(() -> TorchScriptSpec.read(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("role must be one of [embedder, judge] (got ranker)")
        .hasMessageContaining("missing key module")
        .hasMessageContaining("missing key image.token")
        .hasMessageContaining("contract must be unime-torchscript-v1 (got v0)");
  }

  private static JudgeItem item(String id, JsonObject json) {
    String text = json.has("text") ? json.get("text").getAsString() : null;
    byte[] image = json.has("image") ? png(json.get("image").getAsString()) : null;
    return new JudgeItem(id, text, image);
  }

  private static byte[] png(String name) {
    try {
      return Files.readAllBytes(fixtures.resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long[][] longs(JsonArray rows) {
    long[][] out = new long[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      JsonArray r = rows.get(i).getAsJsonArray();
      out[i] = new long[r.size()];
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = r.get(j).getAsLong();
      }
    }
    return out;
  }

  private static float[][] floats(JsonArray rows) {
    float[][] out = new float[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      JsonElement r = rows.get(i);
      out[i] = r.isJsonArray() ? floats1(r.getAsJsonArray()) : new float[] {r.getAsFloat()};
    }
    return out;
  }

  private static float[] floats1(JsonArray a) {
    float[] out = new float[a.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = a.get(j).getAsFloat();
    }
    return out;
  }

  private static void assertClose(float[] actual, float[][] want, String what) {
    float[] flat = new float[want.length];
    for (int i = 0; i < want.length; i++) {
      flat[i] = want[i][0];
    }
    assertClose(actual, flat, what);
  }

  private static void assertClose(float[] actual, float[] want, String what) {
    assertThat(actual).as(what).hasSameSizeAs(want);
    for (int i = 0; i < want.length; i++) {
      assertThat((double) actual[i]).as(what + "[" + i + "]").isCloseTo(want[i], within(TOLERANCE));
    }
  }
}
