package org.unime.pipeline.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over an item's content (text and image bytes). Incremental refresh uses it to tell changed rows from
 * unchanged ones, and ingest uses it to spot duplicate images.
 */
public final class ContentHash {
  private ContentHash() {}

  /** Hash of text and image; either may be null. The separator keeps ("ab", null) apart from ("a", "b"). */
  public static String of(String text, byte[] image) {
    MessageDigest digest = sha256();
    if (text != null) {
      digest.update(text.getBytes(StandardCharsets.UTF_8));
    }
    digest.update((byte) 0);
    if (image != null) {
      digest.update(image);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Hash of raw bytes, e.g. an image file. */
  public static String ofBytes(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash content: SHA-256 is missing from this JVM", e);
    }
  }
}
