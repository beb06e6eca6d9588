package org.unime.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.Map;

/**
 * Flags keys under {@code unime} that reference.conf does not declare: almost always a typo
 * ({@code unime.retrieval.topk}) that would otherwise be silently ignored.
 */
final class UnknownKeys {
  /** Blocks whose keys are free-form by design. */
  private static final List<String> OPEN_BLOCKS = List.of("unime.spark.conf");

  private UnknownKeys() {}

  static void check(Config config, ConfigReader reader) {
    Config reference = ConfigFactory.defaultReference();
    if (!config.hasPath("unime")) {
      return;
    }
    for (Map.Entry<String, ConfigValue> entry : config.getConfig("unime").entrySet()) {
      String key = "unime." + entry.getKey();
      if (OPEN_BLOCKS.stream().anyMatch(block -> key.startsWith(block + "."))) {
        continue;
      }
      if (!reference.hasPathOrNull(key)) {
        reader.problem(key, entry.getValue().unwrapped(), "is not a known setting (typo?)");
      }
    }
  }
}
