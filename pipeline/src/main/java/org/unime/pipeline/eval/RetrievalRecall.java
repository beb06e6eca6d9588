package org.unime.pipeline.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Recall@k in both directions for one caption/image set.
 *
 * @param textToImage k → fraction of captions whose image is in their top k
 * @param imageToText k → fraction of images with any of their captions in their top k
 * @param captions number of caption queries
 * @param images number of image queries
 */
public record RetrievalRecall(
    SortedMap<Integer, Double> textToImage, SortedMap<Integer, Double> imageToText, int captions, int images) {

  public RetrievalRecall {
    textToImage = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(textToImage));
    imageToText = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(imageToText));
  }

  /** Recall@k in one direction; fails for a k that was not computed. */
  public double recall(RetrievalDirection direction, int k) {
    Objects.requireNonNull(direction, "direction");
    Double value = (direction == RetrievalDirection.TEXT_TO_IMAGE ? textToImage : imageToText).get(k);
    if (value == null) {
      throw new IllegalArgumentException("Cannot report " + direction.wireName() + " recall@" + k
          + ": it was not computed (got ks " + textToImage.keySet() + ")");
    }
    return value;
  }

  /** Flat metric map: {@code <prefix>t2i-r@1}, ..., {@code <prefix>i2t-r@1}, ... */
  public Map<String, Double> metrics(String prefix) {
    Map<String, Double> out = new LinkedHashMap<>();
    textToImage.forEach((k, v) -> out.put(prefix + RetrievalDirection.TEXT_TO_IMAGE.wireName() + "-r@" + k, v));
    imageToText.forEach((k, v) -> out.put(prefix + RetrievalDirection.IMAGE_TO_TEXT.wireName() + "-r@" + k, v));
    return out;
  }
}
