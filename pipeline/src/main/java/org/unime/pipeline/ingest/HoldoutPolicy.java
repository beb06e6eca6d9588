package org.unime.pipeline.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Decides which concepts are withheld from training. The decision hashes the concept key with a salt, so it is
 * stable across runs and machines and independent of reading order, and every variant of a concept (skin tones,
 * styles, vendors) lands on the same side.
 *
 * @param unseenConceptFraction share of concepts withheld, in [0, 1)
 * @param salt changes the draw without changing the fraction
 */
public record HoldoutPolicy(double unseenConceptFraction, String salt) {

  public HoldoutPolicy {
    if (!(unseenConceptFraction >= 0.0 && unseenConceptFraction < 1.0)) {
      throw new IllegalArgumentException(
          "Cannot build a hold-out policy: unseen-concept fraction must be in [0, 1) (got "
              + unseenConceptFraction + ")");
    }
    salt = salt == null ? "" : salt;
  }

  /** True if the concept is withheld from training. */
  public boolean isHeldOut(String conceptKey) {
    return unitInterval(salt + "\u0000" + conceptKey) < unseenConceptFraction;
  }

  /** A uniform value in [0, 1) derived from SHA-256, identical on every JVM. */
  static double unitInterval(String key) {
    byte[] digest = sha256(key.getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 0; i < 7; i++) {
      bits = (bits << 8) | (digest[i] & 0xFF);
    }
    return (bits >>> 3) / (double) (1L << 53);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash: SHA-256 is missing from this JVM", e);
    }
  }
}
