package org.unime.pipeline.mining;

import java.util.ArrayList;
import java.util.List;

/** The two list steps of spec §4: the stride traversal (step 4) and cyclic duplication (step 5). Stateless. */
final class CyclicSelector {

  private CyclicSelector() {}

  /**
   * Walks {@code survivors} with the given stride, in retrieval order within each pass, and stops after {@code
   * limit} picks. Picks are distinct; fewer than {@code limit} come back when the traversal runs out.
   */
  static <T> List<T> traverse(List<T> survivors, CyclicTraversal traversal, int interval, int limit) {
    int offsets = traversal == CyclicTraversal.WRAP_AROUND ? interval : 1;
    List<T> picks = new ArrayList<>(Math.min(limit, survivors.size()));
    for (int offset = 0; offset < offsets && picks.size() < limit; offset++) {
      for (int j = offset; j < survivors.size() && picks.size() < limit; j += interval) {
        picks.add(survivors.get(j));
      }
    }

    return picks;
  }

  /** {@code picks[i % picks.size()]} for i in [0, count): c0..c6, c0, c1, c2 for 7 picks and count 10. */
  static <T> List<T> repeatCyclically(List<T> picks, int count) {
    if (picks.isEmpty()) {
      throw new IllegalArgumentException("Cannot repeat picks cyclically: there are none (got an empty list)");
    }

    List<T> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(picks.get(i % picks.size()));
    }

    return out;
  }
}
