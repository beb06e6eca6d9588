package org.unime.conf;

import java.util.List;

/**
 * Every problem found while building settings, reported at once so a user fixes their config in one pass. Each
 * problem names the key, the offending value and where it was set (file:line).
 */
public final class SettingsException extends RuntimeException {
  private final List<String> problems;

  SettingsException(List<String> problems) {
    super(
        "Cannot build settings: "
            + problems.size()
            + " problem(s) in the configuration\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** The individual problems, one line each. */
  public List<String> problems() {
    return problems;
  }
}
