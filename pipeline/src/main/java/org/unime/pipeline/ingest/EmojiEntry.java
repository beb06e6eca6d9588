package org.unime.pipeline.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One emoji image item (a base emoji or one of its skin-tone variants) with its English label, before rows are
 * planned from it.
 *
 * @param unified code points as in {@code emoji.json}, e.g. {@code 1F44B-1F3FB}
 * @param baseUnified the base emoji's code points; equal to {@code unified} for a base emoji
 * @param label CLDR English label from emojibase, or null when emojibase has none
 * @param tags emojibase tags of the base emoji (variants inherit them)
 * @param skinTone the variant key in {@code emoji.json} (e.g. {@code 1F3FB} or {@code 1F3FB-1F3FC}), or null
 * @param imageFileName file name shared by all vendor packages, e.g. {@code 1f44b-1f3fb.png}
 * @param vendorsWithImage vendors whose package is declared to contain the image
 */
record EmojiEntry(
    String unified,
    String baseUnified,
    String shortName,
    String category,
    String subcategory,
    String label,
    List<String> tags,
    String skinTone,
    String imageFileName,
    Set<EmojiVendor> vendorsWithImage) {

  EmojiEntry {
    tags = List.copyOf(tags);
    vendorsWithImage = Set.copyOf(vendorsWithImage);
  }

  /** The id part, lower-case like the image file names. */
  String code() {
    return unified.toLowerCase(Locale.ROOT);
  }

  /** Hold-out key: every tone of one emoji shares it, so they land on the same side of the split. */
  String conceptKey() {
    return baseUnified.toLowerCase(Locale.ROOT);
  }

  boolean hasImage(EmojiVendor vendor) {
    return vendorsWithImage.contains(vendor);
  }

  boolean hasLabel() {
    return label != null && !label.isBlank();
  }

  /** Provenance common to all rows of this item; image rows add vendor and path. */
  Map<String, String> metadata() {
    Map<String, String> m = new HashMap<>();
    m.put("unified", unified);
    m.put("base_unified", baseUnified);
    putIfPresent(m, "short_name", shortName);
    putIfPresent(m, "category", category);
    putIfPresent(m, "subcategory", subcategory);
    m.put("tags", String.join("|", tags));
    putIfPresent(m, "skin_tone", skinTone);
    return m;
  }

  private static void putIfPresent(Map<String, String> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
