package org.unime.pipeline.mining;

/**
 * Vigna's SplitMix64 generator, written out so that a seed gives the same stream on every JVM. {@link
 * java.util.SplittableRandom} uses the same core but only promises equal streams within one program execution, and
 * its bounded-int algorithm could change; reruns of mining must be byte-identical.
 *
 * <p>Mutable and not thread-safe: one instance per draw. Shared by every seeded draw of the pipeline (mining's
 * fallback, the reranker's list positions) so that their reproducibility rests on one implementation.
 */
public final class SplitMix64 {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  /** The stream of one key (e.g. a query id) under a global seed; see {@link StableSeed}. */
  public static SplitMix64 forKey(long globalSeed, String key) {
    return new SplitMix64(StableSeed.forKey(globalSeed, key));
  }

  public SplitMix64(long seed) {
    this.state = seed;
  }

  public long nextLong() {
    state += GOLDEN_GAMMA;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, bound), without modulo bias: draws falling in the incomplete last block are rejected. */
  public int nextInt(int bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("Cannot draw a random index: bound must be >= 1 (got " + bound + ")");
    }

    long bits = nextLong() >>> 1;
    long value = bits % bound;
    // bits - value is the start of bits' block; if that block runs past 2^63 it is incomplete, so draw again.
    while (bits - value + (bound - 1) < 0) {
      bits = nextLong() >>> 1;
      value = bits % bound;
    }

    return (int) value;
  }
}
