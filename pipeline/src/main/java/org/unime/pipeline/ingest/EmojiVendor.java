package org.unime.pipeline.ingest;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Emoji artwork vendors this project may use. Apple and Facebook artwork is deliberately absent: their licences do
 * not allow use as training data, so they cannot even be named in options.
 */
public enum EmojiVendor {
  GOOGLE("google"),
  TWITTER("twitter");

  private final String wireName;

  EmojiVendor(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in ids, metadata and configs. */
  public String wireName() {
    return wireName;
  }

  /** The field of {@code emoji.json} telling whether this vendor draws the emoji. */
  String hasImageField() {
    return "has_img_" + wireName;
  }

  /** The 64 px PNG of an emoji, as laid out by the {@code emoji-datasource-<vendor>} npm package. */
  Path imagePath(Path nodeModules, String imageFileName) {
    return nodeModules
        .resolve("emoji-datasource-" + wireName)
        .resolve("img")
        .resolve(wireName)
        .resolve("64")
        .resolve(imageFileName);
  }

  /** Parses a vendor name; apple and facebook get a message saying why they are refused. */
  public static EmojiVendor fromWireName(String name) {
    String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (EmojiVendor v : values()) {
      if (v.wireName.equals(lower)) {
        return v;
      }
    }
    if (lower.equals("apple") || lower.equals("facebook")) {
      throw new IllegalArgumentException(
          "Cannot use emoji vendor: its artwork licence forbids use as training data; expected google or twitter (got "
              + name + ")");
    }
    throw new IllegalArgumentException("Cannot parse emoji vendor: expected google or twitter (got " + name + ")");
  }
}
