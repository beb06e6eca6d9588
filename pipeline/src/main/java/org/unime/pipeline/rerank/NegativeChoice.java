package org.unime.pipeline.rerank;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which of a query's mined negatives the reranker trains on, for the pair− example and for the list.
 *
 * <p>The released dataset code ({@code datasets_MMEB_rerank.py}) takes the first stored negatives ({@code hn[0]},
 * {@code hn[0..4]}), whose order comes from the sampler's traversal, not from the judge; the paper calls the pair−
 * candidate the hardest negative, i.e. the one the judge scored highest.
 */
public enum NegativeChoice {
  /** The reference code: negatives in stored order, repeats kept. */
  FIRST_STORED("first-stored"),
  /** The paper: highest judge score first (ties in stored order), each candidate once. */
  HIGHEST_SCORE("highest-score");

  private final String wireName;

  NegativeChoice(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in configuration. */
  public String wireName() {
    return wireName;
  }

  /** Parses a configuration value, naming the allowed ones on error. */
  public static NegativeChoice parse(String value) {
    for (NegativeChoice c : values()) {
      if (c.wireName.equals(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "Cannot parse the reranker's negative choice: expected one of "
            + Arrays.stream(values()).map(NegativeChoice::wireName).collect(Collectors.joining(", "))
            + " (got " + value + ")");
  }
}
