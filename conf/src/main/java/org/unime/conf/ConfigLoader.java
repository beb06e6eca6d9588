package org.unime.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the configuration the way Typesafe Config users expect, plus named profiles and per-run overrides.
 *
 * <p>Precedence, highest first: {@code --conf key=value} overrides; JVM system properties ({@code -Dkey=value});
 * environment variables when {@code -Dconfig.override_with_env_vars=true} ({@code CONFIG_FORCE_unime_...}); the
 * selected profile ({@code unime-profiles.<name>}); the application file ({@code -Dconfig.file},
 * {@code -Dconfig.resource}, or {@code application.conf}); {@code reference.conf}. Keys that name an environment
 * variable in reference.conf ({@code ${?UNIME_STORAGE_ROOT}}) pick it up as well.
 */
public final class ConfigLoader {
  private final Map<String, String> overrides;
  private final List<String> profiles;

  private ConfigLoader(Map<String, String> overrides, List<String> profiles) {
    this.overrides = Map.copyOf(overrides);
    this.profiles = List.copyOf(profiles);
  }

  /** A loader with no overrides or profiles: what a job gets with no flags. */
  public static ConfigLoader defaults() {
    return new ConfigLoader(Map.of(), List.of());
  }

  /** Returns a loader that also applies the given {@code key=value} overrides (highest precedence). */
  public ConfigLoader withOverrides(Map<String, String> more) {
    Map<String, String> merged = new LinkedHashMap<>(overrides);
    merged.putAll(more);
    return new ConfigLoader(merged, profiles);
  }

  /** Returns a loader that also applies the named profile from {@code unime-profiles}. */
  public ConfigLoader withProfile(String profile) {
    List<String> more = new java.util.ArrayList<>(profiles);
    more.add(profile);
    return new ConfigLoader(overrides, more);
  }

  /** Loads and resolves the configuration. Throws {@link SettingsException} for an unknown profile. */
  public Config load() {
    ConfigFactory.invalidateCaches();
    Config base =
        ConfigFactory.defaultApplication().withFallback(ConfigFactory.defaultReferenceUnresolved());
    Config profileLayer = ConfigFactory.empty();
    for (String profile : profiles) {
      String path = "unime-profiles." + profile;
      if (!base.hasPath(path)) {
        throw new SettingsException(
            List.of("profile \"" + profile + "\" is not defined under unime-profiles (see reference.conf)"));
      }
      profileLayer = base.getConfig(path).withFallback(profileLayer);
    }
    Config cli = commandLineLayer();
    return cli.withFallback(ConfigFactory.defaultOverrides())
        .withFallback(profileLayer)
        .withFallback(base)
        .resolve(ConfigResolveOptions.defaults());
  }

  /**
   * Values that look like a HOCON list or object ({@code [a, b]}, {@code {...}}) are parsed as HOCON; everything
   * else stays a literal string, so paths such as {@code s3a://bucket/x} need no quoting on the command line.
   */
  private Config commandLineLayer() {
    Config layer = ConfigFactory.empty();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String value = e.getValue().trim();
      Config one =
          value.startsWith("[") || value.startsWith("{")
              ? ConfigFactory.parseString(
                  e.getKey() + " = " + value,
                  ConfigParseOptions.defaults().setOriginDescription("command-line --conf " + e.getKey()))
              : ConfigFactory.parseMap(Map.of(e.getKey(), e.getValue()), "command-line --conf " + e.getKey());
      layer = one.withFallback(layer);
    }
    return layer;
  }

  /** Parses HOCON text, for tests and notebooks that build a config inline. */
  public static Config parse(String hocon) {
    return ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription("inline"));
  }
}
