package org.unime.pipeline.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What an item carries: text only, an image only, or an image with text (e.g. an instruction). */
public enum Modality {
  TEXT("text"),
  IMAGE("image"),
  IMAGE_TEXT("image-text");

  private final String wireName;

  Modality(String wireName) {
    this.wireName = wireName;
  }

  /** The name stored in Delta tables and configs. */
  public String wireName() {
    return wireName;
  }

  /** Derives the modality from which parts are present. */
  public static Modality of(boolean hasText, boolean hasImage) {
    if (hasImage) {
      return hasText ? IMAGE_TEXT : IMAGE;
    }
    if (!hasText) {
      throw new IllegalArgumentException("Cannot derive a modality: the item has neither text nor image");
    }
    return TEXT;
  }

  public static Modality fromWireName(String name) {
    for (Modality m : values()) {
      if (m.wireName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "Cannot parse modality: expected one of "
            + Arrays.stream(values()).map(Modality::wireName).collect(Collectors.joining(", "))
            + " (got " + name + ")");
  }
}
