package org.unime.tests.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading the log files the cluster processes write, for assertions and failure messages. */
final class Logs {
  private Logs() {}

  /** The whole file, or an empty string when it does not exist yet. Undecodable bytes are replaced. */
  static String read(Path file) {
    try {
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read log " + file, e);
    }
  }

  /** The last {@code lines} lines, prefixed with the file name, for failure messages. */
  static String tail(Path file, int lines) {
    List<String> all = read(file).lines().toList();
    return "--- last " + Math.min(lines, all.size()) + " lines of " + file + " ---\n"
        + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
