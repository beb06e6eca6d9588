package org.unime.tests;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.unime.conf.ConfigLoader;
import org.unime.conf.UnimeSettings;

/** Settings for integration tests: reference.conf plus per-test overrides, storage in a temp folder. */
final class TestSettings {
  private TestSettings() {}

  static UnimeSettings with(Path storageRoot, Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(overrides);
    all.put("unime.storage.root", storageRoot.resolve("tables").toString());
    all.put("unime.reports-dir", storageRoot.resolve("reports").toString());
    String dataHome = System.getProperty("test.data.home");
    if (dataHome != null) {
      all.putIfAbsent("unime.data-home", dataHome);
    }
    return UnimeSettings.from(ConfigLoader.defaults().withOverrides(all).load());
  }
}
