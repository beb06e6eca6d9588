package org.unime.pipeline.mining;

import java.nio.charset.StandardCharsets;

/**
 * Derives a per-key seed from a global seed with 64-bit FNV-1a over the seed's big-endian bytes and then the key's
 * UTF-8 bytes. Unlike {@link String#hashCode} (32 bits, so colliding often over 662K queries) the result is 64 bits
 * and fixed by this code, so it is the same on every JVM. FNV-1a mixes its last bytes weakly; {@link SplitMix64}
 * finalises its state on every output, so near-equal seeds still give unrelated streams.
 */
final class StableSeed {
  static final long FNV_OFFSET_BASIS = 0xCBF29CE484222325L;
  static final long FNV_PRIME = 0x100000001B3L;

  private StableSeed() {}

  static long forKey(long globalSeed, String key) {
    long hash = FNV_OFFSET_BASIS;
    for (int shift = 56; shift >= 0; shift -= 8) {
      hash = (hash ^ ((globalSeed >>> shift) & 0xFF)) * FNV_PRIME;
    }

    return fnv1a(hash, key.getBytes(StandardCharsets.UTF_8));
  }

  static long fnv1a(long start, byte[] bytes) {
    long hash = start;
    for (byte b : bytes) {
      hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
    }

    return hash;
  }
}
