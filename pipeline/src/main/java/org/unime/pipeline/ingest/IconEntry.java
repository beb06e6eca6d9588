package org.unime.pipeline.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One icon concept from a set's metadata, before rows are planned from it.
 *
 * @param name the icon name, e.g. {@code accessible-off}
 * @param category Tabler's category, or null (MDI has none)
 * @param tags search tags, in metadata order
 * @param aliases MDI's alternative names (empty for Tabler)
 * @param styles the styles this icon is drawn in, in the set's order
 * @param deprecated MDI's deprecation flag; deprecated icons are still valid images and names
 */
record IconEntry(
    String name, String category, List<String> tags, List<String> aliases, List<String> styles, boolean deprecated) {

  IconEntry {
    name = name == null ? "" : name;
    tags = List.copyOf(tags);
    aliases = List.copyOf(aliases);
    styles = List.copyOf(styles);
  }

  /** The retrievable description: "accessible off; tags: a, b". The name alone when there are no tags. */
  String text() {
    String words = name.replace('-', ' ').trim();
    if (words.isEmpty() || tags.isEmpty()) {
      return words;
    }
    return words + "; tags: " + String.join(", ", tags);
  }

  Map<String, String> metadata(IconSet set) {
    Map<String, String> m = new HashMap<>();
    m.put("set", set.wireName());
    m.put("name", name);
    m.put("tags", String.join("|", tags));
    if (category != null) {
      m.put("category", category);
    }
    if (set == IconSet.MDI) {
      m.put("aliases", String.join("|", aliases));
      m.put("deprecated", Boolean.toString(deprecated));
    }
    return m;
  }
}
