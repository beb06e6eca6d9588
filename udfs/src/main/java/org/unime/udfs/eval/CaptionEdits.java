package org.unime.udfs.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one-detail caption edits behind {@link CompositionalSubset}. Each returns candidate negatives; whether one is
 * a real caption is for {@link CompositionalSets} to check. Words are matched on word boundaries, and {@code -}
 * counts as one, so "left-facing fist" edits to "right-facing fist".
 */
final class CaptionEdits {
  // Longer names first, so that "medium-light" is never read as "light".
  private static final Pattern TONE = Pattern.compile("\\b(medium-light|medium-dark|medium|light|dark) skin tone\\b");
  private static final Map<String, String> GENDER = Map.of(
      "man", "woman", "woman", "man", "men", "women", "women", "men",
      "boy", "girl", "girl", "boy", "male", "female", "female", "male");
  private static final Map<String, String> DIRECTION = Map.of(
      "left", "right", "right", "left", "up", "down", "down", "up",
      "leftwards", "rightwards", "rightwards", "leftwards", "upwards", "downwards", "downwards", "upwards");
  private static final Pattern GENDER_WORD = words(GENDER);
  private static final Pattern DIRECTION_WORD = words(DIRECTION);
  private static final Pattern FACING_RIGHT = Pattern.compile("(, |: )facing right\\b");

  private CaptionEdits() {}

  /** The caption with its two different skin tones swapped; empty unless it names exactly two that differ. */
  static Optional<String> swapSkinTones(String caption) {
    Matcher m = TONE.matcher(caption);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.size() != 2) {
      return Optional.empty();
    }
    String first = caption.substring(spans.get(0)[0], spans.get(0)[1]);
    String second = caption.substring(spans.get(1)[0], spans.get(1)[1]);
    if (first.equals(second)) {
      return Optional.empty();
    }
    return Optional.of(caption.substring(0, spans.get(0)[0]) + second
        + caption.substring(spans.get(0)[1], spans.get(1)[0]) + first + caption.substring(spans.get(1)[1]));
  }

  /** One caption per gender word, with that one word replaced ("kiss: woman, man" → "kiss: man, man", ...). */
  static List<String> replaceGender(String caption) {
    return replaceEach(caption, GENDER_WORD, GENDER);
  }

  /** One caption per direction word, with that one word replaced. */
  static List<String> replaceDirection(String caption) {
    return replaceEach(caption, DIRECTION_WORD, DIRECTION);
  }

  /** The caption without its "facing right" qualifier; the caption itself when it has none. */
  static String withoutFacingRight(String caption) {
    return FACING_RIGHT.matcher(caption).replaceAll("");
  }

  /** The caption without its "off" words; the caption itself when it has none. */
  static String withoutOff(String caption) {
    return Arrays.stream(caption.split(" ")).filter(w -> !w.equals("off")).collect(Collectors.joining(" "));
  }

  private static List<String> replaceEach(String caption, Pattern pattern, Map<String, String> swaps) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(caption);
    while (m.find()) {
      out.add(caption.substring(0, m.start()) + swaps.get(m.group()) + caption.substring(m.end()));
    }
    return out;
  }

  private static Pattern words(Map<String, String> swaps) {
    return Pattern.compile("\\b(" + String.join("|", swaps.keySet()) + ")\\b");
  }
}
