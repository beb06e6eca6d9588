package org.unime.udfs.judge;

import java.util.Objects;
import org.unime.udfs.embed.EmbeddingInput;

/**
 * One side of a judged pair: a query or a candidate, as text, a PNG image, or both.
 *
 * <p>The text is passed as stored; {@link JudgePrompt} strips the Phi-3-V placeholder {@code <|image_1|>} when it
 * builds the prompt, because the image travels separately. The image array is not copied: callers must not mutate
 * it after handing it over.
 *
 * @param id the row id, used only to name the row in error messages (may be null for ad-hoc calls)
 * @param text the text part, or null
 * @param png the image as PNG (or any format {@link javax.imageio.ImageIO} reads) bytes, or null
 */
public record JudgeItem(String id, String text, byte[] png) {

  public JudgeItem {
    if (text == null && png == null) {
      throw new IllegalArgumentException(
          "Cannot build a judge item: it needs a text, an image or both (got neither for id " + id + ")");
    }
  }

  /** A text-only item. */
  public static JudgeItem text(String id, String text) {
    return new JudgeItem(id, Objects.requireNonNull(text, "text"), null);
  }

  /** An image-only item. */
  public static JudgeItem image(String id, byte[] png) {
    return new JudgeItem(id, null, Objects.requireNonNull(png, "png"));
  }

  /** The same item as the embedders see it. */
  public static JudgeItem of(EmbeddingInput input) {
    return new JudgeItem(input.id(), input.text(), input.image());
  }

  /** This item as an embedder input. */
  public EmbeddingInput toEmbeddingInput() {
    return new EmbeddingInput(id, text, png);
  }

  public boolean hasImage() {
    return png != null;
  }

  @Override
  public String toString() {
    return "JudgeItem[id=" + id + ", text=" + text + ", png=" + (png == null ? "null" : png.length + " bytes") + "]";
  }
}
