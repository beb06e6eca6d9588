package org.unime.pipeline.ingest;

/** Shared validation of the instruction strings that prefix query texts. */
final class Instructions {
  private Instructions() {}

  static void requireNonBlank(String source, String which, String instruction) {
    if (instruction == null || instruction.isBlank()) {
      throw new IllegalArgumentException(
          "Cannot configure " + source + " source: the " + which + " instruction must not be blank (got "
              + (instruction == null ? "null" : "\"" + instruction + "\"") + ")");
    }
  }
}
