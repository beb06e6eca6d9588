package org.unime.pipeline.interchange;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the Phi-3-V image placeholder that MMEB/VLM2Vec texts carry ({@code "<|image_1|>\nRepresent the given
 * image..."}). The image travels as an {@code ImageRef}, and each backbone inserts its own image token later, so the
 * stored text must not name one. Everything else of the raw text is kept as is.
 */
final class PromptText {
  /** The placeholder as it appears in the reference files. */
  static final String IMAGE_PLACEHOLDER = "<|image_1|>";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\n?" + Pattern.quote(IMAGE_PLACEHOLDER) + "\\n?");

  private PromptText() {}

  /**
   * Strips every placeholder with the newline on either side of it. At the start or end of the text nothing is left
   * behind; in the middle one newline is kept if there was one, so that the lines it separated stay separate.
   */
  static String strip(String raw) {
    if (!raw.contains(IMAGE_PLACEHOLDER)) {
      return raw;
    }
    Matcher matcher = PLACEHOLDER.matcher(raw);
    StringBuilder out = new StringBuilder(raw.length());
    while (matcher.find()) {
      boolean atEdge = matcher.start() == 0 || matcher.end() == raw.length();
      boolean hadNewline = matcher.group().length() > IMAGE_PLACEHOLDER.length();
      matcher.appendReplacement(out, atEdge || !hadNewline ? "" : "\n");
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
