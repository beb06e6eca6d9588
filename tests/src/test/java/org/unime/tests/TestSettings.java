package org.unime.tests;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.unime.conf.ConfigLoader;
import org.unime.conf.UnimeSettings;

/** Settings for integration tests: reference.conf plus per-test overrides, storage in a temp folder. */
public final class TestSettings {
  private TestSettings() {}

  public static UnimeSettings with(Path storageRoot, Map<String, String> overrides) {
    return UnimeSettings.from(ConfigLoader.defaults().withOverrides(overrides(storageRoot, overrides)).load());
  }

  /**
   * {@code overrides} plus the storage and report folders under {@code storageRoot} and the test data home: what
   * {@link #with} loads, and what a test passes as {@code --conf} to a job it submits.
   */
  public static Map<String, String> overrides(Path storageRoot, Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(overrides);
    all.put("unime.storage.root", storageRoot.resolve("tables").toString());
    all.put("unime.reports-dir", storageRoot.resolve("reports").toString());
    String dataHome = System.getProperty("test.data.home");
    if (dataHome != null) {
      all.putIfAbsent("unime.data-home", dataHome);
    }
    return all;
  }

  /**
   * {@link #with} plus tiny training budgets for the built-in embedder and judge (real training, a few steps), models
   * under {@code <root>/models}: enough for the pipeline's contracts, not for quality.
   */
  public static UnimeSettings withQuickModels(Path root, Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(quickModels(root));
    all.putAll(overrides);
    return with(root, all);
  }

  public static Map<String, String> quickModels(Path root) {
    return Map.ofEntries(
        Map.entry("unime.models.dir", root.resolve("models").toString()),
        Map.entry("unime.models.embedder.steps", "20"),
        Map.entry("unime.models.embedder.warmup-steps", "2"),
        Map.entry("unime.models.embedder.batch-size", "64"),
        Map.entry("unime.judge.training.steps", "12"),
        Map.entry("unime.judge.training.warmup-steps", "2"),
        Map.entry("unime.judge.training.groups-per-step", "8"),
        Map.entry("unime.judge.training.report-triples-per-kind", "20"));
  }
}
