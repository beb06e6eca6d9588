package org.unime.udfs.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.unime.udfs.model.ModelException;

/**
 * Items with their inputs computed once: the preprocessed image bytes and the frozen MiniLM feature of the text.
 * Identical texts share one feature array and identical images one pixel array (the identity matters:
 * {@link RowBatch} deduplicates by it), so a training run encodes each distinct text and decodes each distinct
 * image exactly once however many epochs it runs. Immutable after {@link #prepare}.
 */
final class PreparedItems {
  private final String[] ids;
  private final byte[][] images;
  private final float[][] texts;

  private PreparedItems(String[] ids, byte[][] images, float[][] texts) {
    this.ids = ids;
    this.images = images;
    this.texts = texts;
  }

  /**
   * Encodes every text (through the encoder's cache) and preprocesses every distinct image, in parallel.
   * {@code modelId} names the model in errors.
   */
  static PreparedItems prepare(
      List<EmbeddingInput> items, ImagePreprocessor preprocessor, MiniLmEncoder encoder, String modelId) {
    int n = items.size();
    String[] ids = new String[n];
    List<String> textList = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids[i] = items.get(i).id();
      if (items.get(i).hasText()) {
        textList.add(items.get(i).text());
      }
    }
    float[][] encoded = encoder.features(textList);
    float[][] texts = new float[n][];
    for (int i = 0, t = 0; i < n; i++) {
      texts[i] = items.get(i).hasText() ? encoded[t++] : null;
    }

    // One representative item per distinct image content; equal images then share the preprocessed array.
    Map<ByteBuffer, Integer> firstWithImage = new HashMap<>();
    int[] source = new int[n];
    for (int i = 0; i < n; i++) {
      int index = i;
      source[i] =
          items.get(i).hasImage() ? firstWithImage.computeIfAbsent(ByteBuffer.wrap(items.get(i).image()), k -> index) : -1;
    }
    byte[][] images = new byte[n][];
    IntStream.range(0, n)
        .parallel()
        .filter(i -> source[i] == i)
        .forEach(i -> images[i] = preprocess(preprocessor, items.get(i), modelId));
    for (int i = 0; i < n; i++) {
      if (source[i] >= 0 && source[i] != i) {
        images[i] = images[source[i]];
      }
    }
    return new PreparedItems(ids, images, texts);
  }

  /** Wraps already prepared inputs (benchmarks and tests); arrays are used as given. */
  static PreparedItems of(String[] ids, byte[][] images, float[][] texts) {
    return new PreparedItems(ids, images, texts);
  }

  private static byte[] preprocess(ImagePreprocessor preprocessor, EmbeddingInput item, String modelId) {
    try {
      return preprocessor.preprocess(item.image());
    } catch (IOException | RuntimeException e) {
      throw new ModelException("Cannot prepare the image of item " + item.id() + " for model " + modelId, e);
    }
  }

  int size() {
    return ids.length;
  }

  String id(int index) {
    return ids[index];
  }

  byte[] image(int index) {
    return images[index];
  }

  float[] text(int index) {
    return texts[index];
  }
}
