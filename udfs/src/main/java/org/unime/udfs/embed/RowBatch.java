package org.unime.udfs.embed;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Host-side assembly of one forward pass of {@link EmbedderNetwork}: the distinct images, text features and
 * context (instruction) features of a set of rows, and which of them each row sums. Parts are deduplicated by
 * identity, so an instruction shared by every query of a batch is projected once. Mutable while adding rows; not
 * thread-safe.
 */
final class RowBatch {
  private final int imageLength;
  private final List<byte[]> images = new ArrayList<>();
  private final List<float[]> texts = new ArrayList<>();
  private final List<float[]> contexts = new ArrayList<>();
  private final Map<Object, Integer> imageIndex = new IdentityHashMap<>();
  private final Map<Object, Integer> textIndex = new IdentityHashMap<>();
  private final Map<Object, Integer> contextIndex = new IdentityHashMap<>();
  private final List<int[]> rows = new ArrayList<>();

  RowBatch(int imageLength) {
    this.imageLength = imageLength;
  }

  /**
   * Adds a row: an image (preprocessed bytes) and/or a MiniLM text feature. Text alone goes through the text head;
   * text beside an image is that item's instruction and goes through the context head.
   */
  void add(byte[] image, float[] textFeature) {
    int i = image == null ? -1 : imageIndex.computeIfAbsent(image, k -> append(images, image));
    int t = -1;
    int c = -1;
    if (textFeature != null && image == null) {
      t = textIndex.computeIfAbsent(textFeature, k -> append(texts, textFeature));
    } else if (textFeature != null) {
      c = contextIndex.computeIfAbsent(textFeature, k -> append(contexts, textFeature));
    }
    rows.add(new int[] {i, t, c});
  }

  int size() {
    return rows.size();
  }

  /** The six network inputs, created in {@code manager}. */
  NDList toInputs(NDManager manager, int imageSize) {
    float[] pixels = new float[images.size() * imageLength];
    for (int i = 0; i < images.size(); i++) {
      ImagePreprocessor.toFloats(images.get(i), pixels, i * imageLength);
    }
    return new NDList(
        manager.create(FloatBuffer.wrap(pixels), new Shape(images.size(), 3, imageSize, imageSize)),
        features(manager, texts),
        features(manager, contexts),
        selection(manager, 0, images.size()),
        selection(manager, 1, texts.size()),
        selection(manager, 2, contexts.size()));
  }

  private ai.djl.ndarray.NDArray features(NDManager manager, List<float[]> list) {
    float[] flat = new float[list.size() * MiniLmEncoder.DIMENSION];
    for (int i = 0; i < list.size(); i++) {
      System.arraycopy(list.get(i), 0, flat, i * MiniLmEncoder.DIMENSION, MiniLmEncoder.DIMENSION);
    }
    return manager.create(FloatBuffer.wrap(flat), new Shape(list.size(), MiniLmEncoder.DIMENSION));
  }

  private ai.djl.ndarray.NDArray selection(NDManager manager, int part, int columns) {
    float[] matrix = new float[rows.size() * columns];
    for (int r = 0; r < rows.size(); r++) {
      int column = rows.get(r)[part];
      if (column >= 0) {
        matrix[r * columns + column] = 1f;
      }
    }
    return manager.create(FloatBuffer.wrap(matrix), new Shape(rows.size(), columns));
  }

  private static <T> int append(List<T> list, T value) {
    list.add(value);
    return list.size() - 1;
  }
}
