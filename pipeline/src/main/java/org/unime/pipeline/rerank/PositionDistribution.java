package org.unime.pipeline.rerank;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.unime.pipeline.mining.SplitMix64;

/**
 * Where the positive goes in a training list of m negatives (1-based, so 1..m+1).
 *
 * <p>The reference draws {@code n = randint(1, 4)} and then {@code ans = randint(1, n + 1)} (Python, inclusive), so
 * for x = 5 the positive lands at 1..5 with probabilities .321, .321, .196, .1125, .05 and never last; a reranker
 * trained that way learns a bias towards early positions. {@link #UNIFORM} is what the paper describes.
 */
public enum PositionDistribution {
  /** Every position 1..m+1 equally likely. */
  UNIFORM("uniform"),
  /**
   * The released code, generalised to list size x as {@code n = randint(1, x - 1)}, {@code ans = randint(1, n + 1)};
   * a list shorter than x (too few negatives) gets {@code min(ans, m + 1)}, which is where Python's
   * {@code list.insert} puts an index past the end.
   */
  REFERENCE("reference");

  private final String wireName;

  PositionDistribution(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * Draws the positive's 1-based position.
   *
   * @param negatives m, the negatives in this list (at least 1)
   * @param listSize x, the configured number of negatives per list (used by {@link #REFERENCE} only)
   */
  int draw(SplitMix64 random, int negatives, int listSize) {
    if (this == UNIFORM) {
      return 1 + random.nextInt(negatives + 1);
    }
    int n = 1 + random.nextInt(Math.max(1, listSize - 1));
    int answer = 1 + random.nextInt(n + 1);
    return Math.min(answer, negatives + 1);
  }

  public static PositionDistribution parse(String value) {
    for (PositionDistribution d : values()) {
      if (d.wireName.equals(value)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "Cannot parse the reranker's position distribution: expected one of "
            + Arrays.stream(values()).map(PositionDistribution::wireName).collect(Collectors.joining(", "))
            + " (got " + value + ")");
  }
}
