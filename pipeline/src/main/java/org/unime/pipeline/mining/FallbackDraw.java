package org.unime.pipeline.mining;

import java.util.ArrayList;
import java.util.List;

/**
 * The fallback of spec §4 step 3: draws candidates uniformly without replacement from the pool and gives each the
 * fallback score. Stateless; the randomness comes from the caller's seeded generator.
 */
final class FallbackDraw {

  private FallbackDraw() {}

  /**
   * Draws {@code min(count, pool size)} distinct candidates in draw order (like Python's {@code random.sample},
   * so any prefix is itself a uniform sample), then repeats them cyclically up to {@code count} when the pool is
   * smaller than that. The pool must not be empty.
   */
  static List<JudgedCandidate> draw(List<JudgedCandidate> pool, int count, double score, SplitMix64 random) {
    int n = pool.size();
    int picks = Math.min(count, n);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }

    // Partial Fisher-Yates: after step i, order[0..i] is a uniform sample of i + 1 distinct indices.
    List<JudgedCandidate> drawn = new ArrayList<>(picks);
    for (int i = 0; i < picks; i++) {
      int j = i + random.nextInt(n - i);
      int chosen = order[j];
      order[j] = order[i];
      order[i] = chosen;
      drawn.add(new JudgedCandidate(pool.get(chosen).candidateId(), score));
    }

    return CyclicSelector.repeatCyclically(drawn, count);
  }
}
