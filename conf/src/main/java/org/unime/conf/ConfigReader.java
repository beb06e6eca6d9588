package org.unime.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads typed values from a resolved {@link Config} and collects problems instead of throwing at the first one.
 * Getters return a placeholder when a value is bad so building can continue; {@link #throwIfProblems()} then
 * reports everything. Not thread-safe: one reader per settings build, on the driver.
 */
final class ConfigReader {
  private final Config config;
  private final List<String> problems = new ArrayList<>();

  ConfigReader(Config config) {
    this.config = config;
  }

  String string(String key) {
    return read(key, config::getString, "");
  }

  boolean bool(String key) {
    return read(key, config::getBoolean, false);
  }

  /** A string that may be empty, meaning "not configured". */
  String optionalString(String key) {
    return string(key).trim();
  }

  List<String> stringList(String key) {
    return read(key, config::getStringList, List.of());
  }

  int intAtLeast(String key, int min) {
    int value = read(key, config::getInt, min);
    if (value < min) {
      problem(key, value, "must be >= " + min);
      return min;
    }
    return value;
  }

  long longAtLeast(String key, long min) {
    long value = read(key, config::getLong, min);
    if (value < min) {
      problem(key, value, "must be >= " + min);
      return min;
    }
    return value;
  }

  long longValue(String key) {
    return read(key, config::getLong, 0L);
  }

  /** A double in the half-open interval [min, max). */
  double doubleIn(String key, double min, double max) {
    double value = read(key, config::getDouble, min);
    if (!(value >= min && value < max)) {
      problem(key, value, "must be in [" + min + ", " + max + ")");
      return min;
    }
    return value;
  }

  <E extends Enum<E>> E enumValue(String key, Class<E> type, Function<E, String> wireName) {
    String raw = string(key);
    for (E constant : type.getEnumConstants()) {
      if (wireName.apply(constant).equals(raw)) {
        return constant;
      }
    }
    if (config.hasPath(key)) {
      String allowed =
          Arrays.stream(type.getEnumConstants()).map(wireName).collect(Collectors.joining(", "));
      problem(key, raw, "must be one of " + allowed);
    }
    return type.getEnumConstants()[0];
  }

  /** An object of string values, e.g. a block of Spark settings. */
  Map<String, String> stringMap(String key) {
    Map<String, String> out = new TreeMap<>();
    Config block = read(key, config::getConfig, null);
    if (block == null) {
      return out;
    }
    for (Map.Entry<String, ConfigValue> e : block.entrySet()) {
      // Spark keys contain dots; entrySet quotes such paths, so strip the quotes back off.
      out.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
    }
    return out;
  }

  void problem(String key, Object value, String why) {
    problems.add(key + " = " + render(value) + " " + why + " (set at " + origin(key) + ")");
  }

  void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
  }

  private <T> T read(String key, Function<String, T> getter, T placeholder) {
    try {
      return getter.apply(key);
    } catch (ConfigException.Missing e) {
      problems.add(key + " is missing (every key needs a default in reference.conf)");
    } catch (ConfigException e) {
      Object raw = config.hasPathOrNull(key) ? config.getValue(key).unwrapped() : null;
      problems.add(key + " = " + render(raw) + " has the wrong type: " + e.getMessage());
    }
    return placeholder;
  }

  private String origin(String key) {
    if (!config.hasPathOrNull(key)) {
      return "unknown origin";
    }
    return describe(config.getValue(key).origin());
  }

  static String describe(ConfigOrigin origin) {
    String where = origin.filename() != null ? origin.filename() : origin.resource();
    if (where == null) {
      where = origin.description();
    }
    return origin.lineNumber() > 0 ? where + ":" + origin.lineNumber() : where;
  }

  private static String render(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
