package org.unime.pipeline.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which part of the data an item belongs to. Held-out splits exist so evaluation can measure generalisation to
 * concepts never trained on and to an image style (emoji vendor) never trained on.
 */
public enum Split {
  TRAIN("train"),
  /** Concepts (emoji, icons) whose every variant is withheld from training. */
  EVAL_UNSEEN_CONCEPT("eval-unseen-concept"),
  /** Images from a vendor whose artwork is never used in training (Twitter emoji). */
  EVAL_UNSEEN_VENDOR("eval-unseen-vendor"),
  /** The source's own test partition (Fashion-MNIST t10k). */
  TEST("test");

  private final String wireName;

  Split(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Split fromWireName(String name) {
    for (Split s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "Cannot parse split: expected one of "
            + Arrays.stream(values()).map(Split::wireName).collect(Collectors.joining(", "))
            + " (got " + name + ")");
  }
}
