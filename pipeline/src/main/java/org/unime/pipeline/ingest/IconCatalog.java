package org.unime.pipeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Parses an icon set's metadata file into {@link IconEntry} items sorted by name. */
final class IconCatalog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IconCatalog() {}

  /** The first {@code maxConcepts} icons by name (0 = all). */
  static List<IconEntry> load(IconSet set, Path nodeModules, int maxConcepts) throws IOException {
    Path file = set.metadataPath(nodeModules);
    JsonNode root = JSON.readTree(file.toFile());
    List<IconEntry> entries = set == IconSet.TABLER ? tabler(root, file) : mdi(root, file);
    // Sorted by name so "the first N" and the row order do not depend on the metadata file's order.
    entries.sort(Comparator.comparing(IconEntry::name));
    int limit = maxConcepts == 0 ? entries.size() : Math.min(maxConcepts, entries.size());
    return entries.subList(0, limit);
  }

  /** {@code icons.json}: an object keyed by name; each value has name, category, tags and a styles object. */
  private static List<IconEntry> tabler(JsonNode root, Path file) throws IOException {
    if (!root.isObject()) {
      throw new IOException(
          "Cannot read Tabler metadata " + file + ": expected a JSON object keyed by icon name (got "
              + root.getNodeType() + ")");
    }
    List<IconEntry> entries = new ArrayList<>();
    root.fields().forEachRemaining(field -> {
      JsonNode icon = field.getValue();
      List<String> styles = new ArrayList<>();
      for (String style : IconSet.TABLER.styles()) {
        if (icon.path("styles").has(style)) {
          styles.add(style);
        }
      }
      String name = icon.path("name").asText(field.getKey());
      String category = icon.hasNonNull("category") ? icon.get("category").asText() : null;
      entries.add(new IconEntry(name, category, strings(icon.path("tags")), List.of(), styles, false));
    });
    return entries;
  }

  /** {@code meta.json}: an array of objects with name, aliases, tags and deprecated. */
  private static List<IconEntry> mdi(JsonNode root, Path file) throws IOException {
    if (!root.isArray()) {
      throw new IOException(
          "Cannot read MDI metadata " + file + ": expected a JSON array of icons (got " + root.getNodeType() + ")");
    }
    List<IconEntry> entries = new ArrayList<>();
    for (JsonNode icon : root) {
      entries.add(new IconEntry(
          icon.path("name").asText(""),
          null,
          strings(icon.path("tags")),
          strings(icon.path("aliases")),
          IconSet.MDI.styles(),
          icon.path("deprecated").asBoolean(false)));
    }
    return entries;
  }

  /**
   * Text of an array's scalar elements. Tabler tags contain numbers (e.g. 911, 0) and the odd null, which are
   * kept as text and dropped respectively.
   */
  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode value : array) {
      if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
        out.add(value.asText().trim());
      }
    }
    return out;
  }
}
