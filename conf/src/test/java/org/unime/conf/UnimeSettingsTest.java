package org.unime.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnimeSettingsTest {

  @AfterEach
  void clearSystemProperties() {
    System.clearProperty("config.file");
    System.clearProperty("unime.retrieval.top-k");
    ConfigFactory.invalidateCaches();
  }

  @Test
  void referenceDefaultsCarryThePaperConstants() {
    UnimeSettings settings = UnimeSettings.from(ConfigLoader.defaults().load());

    assertThat(settings.retrieval().topK()).isEqualTo(50);
    assertThat(settings.retrieval().maxSimilarity()).isEqualTo(0.95);
    assertThat(settings.ingest().sources())
        .containsExactly(SourceName.EMOJI, SourceName.TABLER, SourceName.MDI, SourceName.FASHION_MNIST);
    assertThat(settings.ingest().emoji().npmDir()).endsWith("/npm/node_modules");
    assertThat(settings.spark().conf()).containsEntry("spark.databricks.delta.snapshotPartitions", "2");
    assertThat(settings.storage().candidatesPath()).isEqualTo("work-dir/tables/candidates");
  }

  @Test
  void reportsEveryBadKeyAtOnceWithValueAndOrigin(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(
        file,
        String.join(
            "\n",
            "unime.retrieval.top-k = 0",
            "unime.retrieval.max-similarity = 3.5",
            "unime.ingest.sources = [emoji, pokemon]",
            "unime.ingest.emoji.unseen-vendor = apple",
            "unime.ingest.icons.tabler.styles = [outline, neon]",
            "unime.ingest.rows-per-partition = lots",
            "unime.retrieval.topk = 10",
            ""));
    System.setProperty("config.file", file.toString());

    assertThatThrownBy(() -> UnimeSettings.from(ConfigLoader.defaults().load()))
        .isInstanceOfSatisfying(
            SettingsException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(7)
                    .anySatisfy(p -> assertThat(p).startsWith("unime.retrieval.top-k = 0 must be >= 1 (set at ")
                        .endsWith("bad.conf:1)"))
                    .anySatisfy(p -> assertThat(p).contains("unime.retrieval.max-similarity = 3.5").contains("bad.conf:2"))
                    .anySatisfy(p -> assertThat(p).contains("unime.ingest.sources = \"pokemon\" is not a known source"))
                    .anySatisfy(p -> assertThat(p).contains("unime.ingest.emoji.unseen-vendor = \"apple\"").contains("bad.conf:4"))
                    .anySatisfy(p -> assertThat(p).contains("unime.ingest.icons.tabler.styles = \"neon\""))
                    .anySatisfy(p -> assertThat(p).contains("unime.ingest.rows-per-partition = \"lots\" has the wrong type"))
                    .anySatisfy(p -> assertThat(p).contains("unime.retrieval.topk = 10 is not a known setting")))
        .hasMessageStartingWith("Cannot build settings: 7 problem(s) in the configuration");
  }

  @Test
  void missingExternalFileIsReportedWhenTheSourceIsSelected() {
    Config config =
        ConfigLoader.defaults()
            .withOverrides(Map.of("unime.ingest.sources", "[mmeb-train]"))
            .load();

    assertThatThrownBy(() -> UnimeSettings.from(config))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("unime.ingest.mmeb-train.path = \"\" must name a file because unime.ingest.sources lists mmeb-train");
  }

  @Test
  void precedenceIsCliThenSystemPropertyThenProfileThenFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.conf");
    Files.writeString(file, "unime.ingest.emoji.max-concepts = 7\nunime.retrieval.top-k = 11\n");
    System.setProperty("config.file", file.toString());

    Config fileOnly = ConfigLoader.defaults().load();
    assertThat(UnimeSettings.from(fileOnly).ingest().emoji().maxConcepts()).isEqualTo(7);

    Config profiled = ConfigLoader.defaults().withProfile("quick").load();
    assertThat(UnimeSettings.from(profiled).ingest().emoji().maxConcepts()).isEqualTo(120);

    System.setProperty("unime.retrieval.top-k", "12");
    assertThat(UnimeSettings.from(ConfigLoader.defaults().load()).retrieval().topK()).isEqualTo(12);

    Config cli = ConfigLoader.defaults().withOverrides(Map.of("unime.retrieval.top-k", "13")).load();
    assertThat(UnimeSettings.from(cli).retrieval().topK()).isEqualTo(13);
  }

  @Test
  void overridingDataHomeMovesEveryPathDerivedFromIt() {
    Config config =
        ConfigLoader.defaults().withOverrides(Map.of("unime.data-home", "/srv/unime-data")).load();

    UnimeSettings settings = UnimeSettings.from(config);

    assertThat(settings.ingest().emoji().npmDir()).isEqualTo("/srv/unime-data/npm/node_modules");
    assertThat(settings.ingest().icons().npmDir()).isEqualTo("/srv/unime-data/npm/node_modules");
  }

  @Test
  void miningDefaultsAreThePapersAndOpenQuestionsAreSwitches() {
    UnimeSettings defaults = UnimeSettings.from(ConfigLoader.defaults().load());
    assertThat(defaults.mining().sampling())
        .isEqualTo(
            org.unime.pipeline.mining.SamplingSettings.paperDefaults());

    Config alternative =
        ConfigLoader.defaults()
            .withOverrides(
                Map.of(
                    "unime.mining.traversal", "stride-only",
                    "unime.mining.low-positive-policy", "clamp-alpha-to-positive"))
            .load();
    UnimeSettings alt = UnimeSettings.from(alternative);
    assertThat(alt.mining().sampling().traversal())
        .isEqualTo(org.unime.pipeline.mining.CyclicTraversal.STRIDE_ONLY);
    assertThat(alt.mining().sampling().lowPositivePolicy())
        .isEqualTo(org.unime.pipeline.mining.LowPositivePolicy.CLAMP_ALPHA_TO_POSITIVE);

    Config bad = ConfigLoader.defaults().withOverrides(Map.of("unime.mining.traversal", "zigzag")).load();
    assertThatThrownBy(() -> UnimeSettings.from(bad))
        .hasMessageContaining("unime.mining.traversal = \"zigzag\" must be one of wrap-around, stride-only");
  }

  @Test
  void unknownProfileIsAClearError() {
    assertThatThrownBy(() -> ConfigLoader.defaults().withProfile("turbo").load())
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("profile \"turbo\" is not defined under unime-profiles");
  }

  @Test
  void shippedOverlaysAreValid() {
    for (String overlay : new String[] {"local.conf", "cluster.conf"}) {
      Path path = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "conf", overlay);
      if (!Files.exists(path)) {
        path = Path.of("..", "conf", overlay);
      }
      System.setProperty("config.file", path.toString());
      UnimeSettings settings = UnimeSettings.from(ConfigLoader.defaults().load());
      assertThat(settings.spark().appName()).isEqualTo("unime-v2");
    }
  }
}
