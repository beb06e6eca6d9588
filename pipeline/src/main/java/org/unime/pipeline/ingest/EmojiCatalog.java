package org.unime.pipeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Joins {@code emoji-datasource/emoji.json} (code points, image files, vendor coverage, skin variants) with
 * {@code emojibase-data/en/data.json} (CLDR labels and tags) into {@link EmojiEntry} items, in {@code sort_order}.
 * The two packages spell code points differently (case, optional FE0F variation selectors), so both are normalised
 * before joining.
 */
final class EmojiCatalog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Label(String label, List<String> tags) {}

  private EmojiCatalog() {}

  /** Items of the first {@code maxConcepts} base emoji (0 = all), each base followed by its skin variants. */
  static List<EmojiEntry> load(Path nodeModules, int maxConcepts) throws IOException {
    Path emojiJson = nodeModules.resolve("emoji-datasource").resolve("emoji.json");
    Path emojibase = nodeModules.resolve("emojibase-data").resolve("en").resolve("data.json");
    Map<String, Label> labels = readLabels(emojibase);
    List<JsonNode> bases = readBases(emojiJson);
    int limit = maxConcepts == 0 ? bases.size() : Math.min(maxConcepts, bases.size());
    List<EmojiEntry> entries = new ArrayList<>();
    for (JsonNode base : bases.subList(0, limit)) {
      String baseUnified = requireText(base, "unified", emojiJson);
      Label baseLabel = labels.get(normalize(baseUnified));
      List<String> tags = baseLabel == null ? List.of() : baseLabel.tags();
      entries.add(entry(base, base, null, baseLabel, tags, emojiJson));
      // TreeMap: variant order must not depend on the JSON object's key order.
      Map<String, JsonNode> skins = new TreeMap<>();
      base.path("skin_variations").fields().forEachRemaining(e -> skins.put(e.getKey(), e.getValue()));
      for (Map.Entry<String, JsonNode> skin : skins.entrySet()) {
        String unified = requireText(skin.getValue(), "unified", emojiJson);
        Label skinLabel = labels.get(normalize(unified));
        entries.add(entry(base, skin.getValue(), skin.getKey(), skinLabel, tags, emojiJson));
      }
    }
    return entries;
  }

  private static EmojiEntry entry(
      JsonNode base, JsonNode item, String skinTone, Label label, List<String> tags, Path file) throws IOException {
    Set<EmojiVendor> vendors = EnumSet.noneOf(EmojiVendor.class);
    for (EmojiVendor v : EmojiVendor.values()) {
      if (item.path(v.hasImageField()).asBoolean(false)) {
        vendors.add(v);
      }
    }
    return new EmojiEntry(
        requireText(item, "unified", file),
        requireText(base, "unified", file),
        textOrNull(base, "short_name"),
        textOrNull(base, "category"),
        textOrNull(base, "subcategory"),
        label == null ? null : label.label(),
        tags,
        skinTone,
        requireText(item, "image", file),
        vendors);
  }

  private static List<JsonNode> readBases(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (!root.isArray()) {
      throw new IOException("Cannot read emoji metadata " + file + ": expected a JSON array (got " + root.getNodeType()
          + ")");
    }
    List<JsonNode> bases = new ArrayList<>();
    root.forEach(bases::add);
    for (JsonNode base : bases) {
      if (!base.path("sort_order").canConvertToInt()) {
        throw new IOException("Cannot read emoji metadata " + file + ": entry lacks an integer sort_order (got "
            + base.path("unified") + ")");
      }
    }
    // Stable sort: ties (none in practice) keep file order, so ids stay deterministic.
    bases.sort(Comparator.comparingInt(b -> b.path("sort_order").asInt()));
    return bases;
  }

  private static Map<String, Label> readLabels(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (!root.isArray()) {
      throw new IOException("Cannot read emoji labels " + file + ": expected a JSON array (got " + root.getNodeType()
          + ")");
    }
    Map<String, Label> labels = new HashMap<>();
    for (JsonNode e : root) {
      List<String> tags = new ArrayList<>();
      e.path("tags").forEach(t -> tags.add(t.asText()));
      labels.put(normalize(requireText(e, "hexcode", file)), new Label(textOrNull(e, "label"), List.copyOf(tags)));
      // Skin variants carry their own tone-specific label but no tags: they share the base emoji's tags.
      for (Iterator<JsonNode> it = e.path("skins").elements(); it.hasNext(); ) {
        JsonNode skin = it.next();
        labels.put(normalize(requireText(skin, "hexcode", file)), new Label(textOrNull(skin, "label"), List.of()));
      }
    }
    return labels;
  }

  /** Upper-case code points without FE0F, the form in which both packages agree. */
  static String normalize(String hexcode) {
    StringJoiner joined = new StringJoiner("-");
    for (String part : hexcode.toUpperCase(Locale.ROOT).split("-")) {
      if (!part.equals("FE0F")) {
        joined.add(part);
      }
    }
    return joined.toString();
  }

  private static String requireText(JsonNode node, String field, Path file) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IOException("Cannot read emoji metadata " + file + ": field '" + field + "' is missing or blank (got "
          + abbreviate(node) + ")");
    }
    return value.asText();
  }

  /** Entries can hold whole skin-variant maps; a message needs only enough to find the entry. */
  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 160 ? text : text.substring(0, 160) + "...";
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
