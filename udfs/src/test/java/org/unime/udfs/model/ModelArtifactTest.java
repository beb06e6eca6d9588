package org.unime.udfs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactTest {
  private static final Map<String, String> ARCHITECTURE = Map.of("type", "toy", "width", "4");

  @Test
  void writesAndReopensWithAContentVersion(@TempDir Path dir) {
    String uri = dir.resolve("toy").toString();

    ModelArtifact written = write(uri, new byte[] {1, 2, 3});
    ModelArtifact opened = ModelArtifact.open(dir.resolve("toy").toUri().toString());

    assertThat(written.manifest().version()).hasSize(64).isEqualTo(opened.manifest().version());
    assertThat(opened.manifest().id()).isEqualTo("toy-model");
    assertThat(opened.manifest().architecture()).isEqualTo(ARCHITECTURE);
    assertThat(opened.manifest().trainingData()).containsEntry("/tables/queries", 7L);
    assertThat(opened.manifest().createdAt()).isNotBlank();
    assertThat(opened.verify().key()).isEqualTo(new ModelCache.Key(dir.resolve("toy").toUri().toString(), written.manifest().version()));
  }

  @Test
  void theVersionDependsOnWeightsAndArchitectureOnly(@TempDir Path dir) {
    String a = write(dir.resolve("a").toString(), new byte[] {1, 2, 3}).manifest().version();
    String same = write(dir.resolve("b").toString(), new byte[] {1, 2, 3}).manifest().version();
    String other = write(dir.resolve("c").toString(), new byte[] {1, 2, 4}).manifest().version();

    ModelArtifact measured = ModelArtifact.open(dir.resolve("a").toString()).withMetrics(Map.of("r1", 0.5));

    assertThat(same).isEqualTo(a);
    assertThat(other).isNotEqualTo(a);
    assertThat(measured.manifest().version()).isEqualTo(a);
    assertThat(ModelArtifact.open(dir.resolve("a").toString()).manifest().metrics()).containsEntry("r1", 0.5);
  }

  @Test
  void rewritingReplacesTheWholeDirectory(@TempDir Path dir) throws Exception {
    String uri = dir.resolve("m").toString();
    write(uri, new byte[] {1});
    Files.writeString(dir.resolve("m").resolve("stale.txt"), "old");

    ModelArtifact second = write(uri, new byte[] {2});

    assertThat(dir.resolve("m").resolve("stale.txt")).doesNotExist();
    assertThat(second.verify().manifest().version()).isEqualTo(ModelArtifact.open(uri).manifest().version());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m");
    }
  }

  @Test
  void verifyNoticesModifiedWeights(@TempDir Path dir) throws Exception {
    String uri = dir.resolve("m").toString();
    write(uri, new byte[] {1, 2, 3});
    Files.write(dir.resolve("m").resolve("weights.bin"), new byte[] {9});

    assertThatThrownBy(() -> ModelArtifact.open(uri).verify())
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("Cannot use model toy-model at " + uri + ": its files hash to ")
        .hasMessageEndingWith("the artifact was modified or partially copied");
  }

  @Test
  void rejectsRemoteUrisAndMissingArtifactsWithTheFix(@TempDir Path dir) {
    assertThatThrownBy(() -> ModelArtifact.open("s3a://bucket/models/embedder"))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("Cannot resolve model URI s3a://bucket/models/embedder: only local paths and file: URIs");
    assertThatThrownBy(() -> ModelArtifact.open(dir.resolve("nothing").toString()))
        .isInstanceOf(ModelException.class)
        .hasMessageEndingWith("run the `models` command first or fix the configured URI");
  }

  private static ModelArtifact write(String uri, byte[] weights) {
    return ModelArtifact.write(
        uri,
        ModelManifest.draft("toy-model", ARCHITECTURE, Map.of("/tables/queries", 7L)),
        d -> Files.write(d.resolve("weights.bin"), weights));
  }
}
