package org.unime.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFeatureStoreTest {

  @Test
  void roundTripsFeaturesForTheSameTowerOnly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cache/text-features.bin");
    float[] v = new float[MiniLmEncoder.DIMENSION];
    v[0] = 0.25f;
    v[383] = -1f;

    TextFeatureStore.write(file, "tower-a", Map.of("a dog", v));

    assertThat(TextFeatureStore.read(file, "tower-a").get("a dog")).containsExactly(v);
    assertThat(TextFeatureStore.read(file, "tower-b")).isEmpty();
    Files.write(file, new byte[] {1, 2, 3});
    assertThat(TextFeatureStore.read(file, "tower-a")).isEmpty();
    assertThat(TextFeatureStore.read(dir.resolve("missing.bin"), "tower-a")).isEmpty();
  }
}
