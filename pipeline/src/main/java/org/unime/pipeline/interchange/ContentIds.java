package org.unime.pipeline.interchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids derived from content alone, so the same file gives the same ids on every run and reading order does not
 * matter. 64 bits of SHA-256 make a collision unlikely even across tens of millions of rows.
 */
final class ContentIds {
  private static final int HEX_CHARS = 16;

  private ContentIds() {}

  /** {@code <prefix>:q:<hash of text NUL image>} for a query. */
  static String query(String prefix, Candidate query) {
    return prefix + ":q:" + hash(query);
  }

  /** {@code <prefix>:c:<hash of text NUL image>} for a candidate. */
  static String candidate(String prefix, Candidate candidate) {
    return prefix + ":c:" + hash(candidate);
  }

  private static String hash(Candidate content) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // NUL cannot occur in either part in practice, so ("ab", "c") and ("a", "bc") hash differently.
      byte[] digest = sha.digest((content.text() + "\u0000" + content.imagePath()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash content: SHA-256 is unavailable in this JVM (got "
          + e.getMessage() + ")", e);
    }
  }
}
