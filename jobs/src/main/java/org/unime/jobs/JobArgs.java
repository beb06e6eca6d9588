package org.unime.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unime.conf.ConfigLoader;

/**
 * Command-line arguments common to every job: {@code [--quick | --profile NAME]... [--conf key=value]... command}.
 * Anything after the command is passed to it untouched.
 */
record JobArgs(String command, List<String> profiles, Map<String, String> overrides, List<String> rest) {

  static JobArgs parse(String[] args) {
    List<String> profiles = new ArrayList<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    String command = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (command != null) {
        rest.add(arg);
      } else if (arg.equals("--quick")) {
        profiles.add("quick");
      } else if (arg.equals("--profile") || arg.equals("--conf")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("Cannot parse arguments: " + arg + " needs a value");
        }
        String value = args[++i];
        if (arg.equals("--profile")) {
          profiles.add(value);
        } else {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("Cannot parse --conf: expected key=value (got " + value + ")");
          }
          overrides.put(value.substring(0, eq).trim(), value.substring(eq + 1));
        }
      } else if (arg.startsWith("--")) {
        throw new IllegalArgumentException("Cannot parse arguments: unknown option (got " + arg + ")");
      } else {
        command = arg;
      }
    }
    return new JobArgs(command, profiles, overrides, rest);
  }

  ConfigLoader loader() {
    ConfigLoader loader = ConfigLoader.defaults().withOverrides(overrides);
    for (String profile : profiles) {
      loader = loader.withProfile(profile);
    }
    return loader;
  }
}
