package org.unime.udfs.judge;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kinds of "near variant": a different concept that differs from another in one fine-grained attribute. These are
 * the hard negatives the judge must tell apart from the positive (and that embedders tend to confuse).
 *
 * <p>Each kind maps a candidate's concept to a key; two candidates of the same dataset, modality and image style are
 * near variants of that kind when their keys are equal and their concepts differ.
 */
public enum NearVariant {
  /** Emoji of the same base in another skin tone (or the base without tone): same {@code base_unified}. */
  SKIN_TONE("skin-tone"),
  /** Emoji whose labels differ only in gender words: man/woman/men/women/boy/girl/person/people/male/female. */
  GENDER("gender"),
  /** Icons {@code x} vs {@code x-off}: names equal once the {@code off} token is removed. */
  OFF("off"),
  /** Icons {@code x} vs {@code x-outline} / {@code x-filled}: names equal once the style token is removed. */
  STYLE("style");

  private static final Set<String> GENDER_WORDS =
      Set.of("man", "woman", "men", "women", "boy", "girl", "person", "people", "male", "female");
  private static final Set<String> STYLE_WORDS = Set.of("outline", "filled", "fill");

  private final String wireName;

  NearVariant(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * This kind's key for a concept, or null when the kind does not apply to it.
   *
   * @param dataset the candidate's dataset
   * @param conceptName emoji: unified code points; icons: the icon name
   * @param label the concept's text label (emoji CLDR name), may be null
   * @param base emoji: {@code base_unified}; otherwise null
   */
  String key(String dataset, String conceptName, String label, String base) {
    boolean emoji = dataset.equals("emoji");
    boolean icon = dataset.equals("tabler") || dataset.equals("mdi");
    switch (this) {
      case SKIN_TONE:
        return emoji && base != null ? base : null;
      case GENDER:
        return emoji && label != null ? replaceWords(label.toLowerCase(Locale.ROOT), GENDER_WORDS, "<g>") : null;
      case OFF:
        return icon ? dropTokens(conceptName, Set.of("off")) : null;
      case STYLE:
        return icon ? dropTokens(conceptName, STYLE_WORDS) : null;
      default:
        throw new AssertionError(this);
    }
  }

  /** Words of a label with every listed word replaced; null when none was (so unrelated labels never collide). */
  private static String replaceWords(String label, Set<String> words, String marker) {
    String[] parts = label.split("(?<=[^a-z])|(?=[^a-z])");
    boolean any = false;
    for (int i = 0; i < parts.length; i++) {
      if (words.contains(parts[i])) {
        parts[i] = marker;
        any = true;
      }
    }
    return any ? String.join("", parts) : null;
  }

  /** The dash-separated name without the listed tokens; null when it has none of them. */
  private static String dropTokens(String name, Set<String> tokens) {
    List<String> parts = Arrays.asList(name.split("-"));
    if (parts.stream().noneMatch(tokens::contains)) {
      return name; // the plain concept keys to itself, so "bell" matches "bell-off"
    }
    return parts.stream().filter(p -> !tokens.contains(p)).collect(Collectors.joining("-"));
  }
}
