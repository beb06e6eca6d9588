package org.unime.conf;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The datasets the ingest job knows how to read, by their config name. */
public enum SourceName {
  EMOJI("emoji"),
  TABLER("tabler"),
  MDI("mdi"),
  FASHION_MNIST("fashion-mnist"),
  REFERENCE_JSON("reference-json"),
  MMEB_TRAIN("mmeb-train");

  private final String wireName;

  SourceName(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  static String allowed() {
    return Arrays.stream(values()).map(SourceName::wireName).collect(Collectors.joining(", "));
  }
}
