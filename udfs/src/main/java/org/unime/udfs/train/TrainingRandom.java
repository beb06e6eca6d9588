package org.unime.udfs.train;

/**
 * The data-order random stream: Vigna's SplitMix64, written out so a seed gives the same stream on every JVM and
 * the whole state is one {@code long} that a checkpoint can store. Mutable, not thread-safe.
 */
final class TrainingRandom {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  TrainingRandom(long state) {
    this.state = state;
  }

  long state() {
    return state;
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in [0, bound) without modulo bias. */
  int nextInt(int bound) {
    long bits = nextLong() >>> 1;
    long value = bits % bound;
    while (bits - value + (bound - 1) < 0) {
      bits = nextLong() >>> 1;
      value = bits % bound;
    }
    return (int) value;
  }

  /** A fresh permutation of 0..n-1 (Fisher–Yates), advancing the stream. */
  int[] permutation(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** A seed derived from two values without touching any stream (per-step randomness). */
  static long derive(long seed, long salt) {
    return mix(mix(seed + GOLDEN_GAMMA) ^ (salt * GOLDEN_GAMMA));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
