package org.unime.udfs.embed;

import java.io.Serializable;

/**
 * One item to embed: text, an image, or both (an image with an instruction, as the i2t queries carry). The id is
 * only used to name the item in errors. Arrays are not copied: do not modify the image after handing it over.
 *
 * @param id row id (e.g. the Delta table's {@code id})
 * @param text the text, or null for an image-only item
 * @param image PNG (or any ImageIO-readable) bytes, or null for a text-only item
 */
public record EmbeddingInput(String id, String text, byte[] image) implements Serializable {

  public EmbeddingInput {
    if (text == null && image == null) {
      throw new IllegalArgumentException("Cannot embed item " + id + ": it has neither text nor image");
    }
  }

  public static EmbeddingInput text(String id, String text) {
    return new EmbeddingInput(id, text, null);
  }

  public static EmbeddingInput image(String id, byte[] image) {
    return new EmbeddingInput(id, null, image);
  }

  public boolean hasText() {
    return text != null;
  }

  public boolean hasImage() {
    return image != null;
  }
}
