package org.unime.udfs.evaluate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.unime.udfs.embed.EmbeddingInput;

/**
 * One image↔text recall@k set: images, texts, and which go together. Two shapes, since our labels and Flickr's
 * captions relate to images the other way round:
 *
 * <ul>
 *   <li>{@link Shape#CAPTIONS_PER_IMAGE} (Flickr30K, COCO): each text describes exactly one image, an image has one
 *       or more texts; {@code map[t]} is text t's image.
 *   <li>{@link Shape#IMAGES_PER_LABEL} (our held-out concepts): each image has exactly one label, a label has one or
 *       more images (an emoji drawn by two vendors, an icon in two styles); {@code map[i]} is image i's label.
 * </ul>
 *
 * In both, text→image is a hit when any image of the text is in its top k, and image→text when any text of the
 * image is; {@link RecallScoring} maps each shape onto {@link org.unime.pipeline.eval.RecallAtK}.
 *
 * @param name set name, e.g. {@code emoji/eval-unseen-concept}
 * @param images image items (with whatever instruction the set gives images)
 * @param texts caption or label items
 * @param shape which way {@code map} points
 * @param map text → image index ({@code CAPTIONS_PER_IMAGE}) or image → text index ({@code IMAGES_PER_LABEL})
 */
public record RecallSet(String name, List<EmbeddingInput> images, List<EmbeddingInput> texts, Shape shape, int[] map) {

  /** Which side has one partner each. */
  public enum Shape {
    CAPTIONS_PER_IMAGE,
    IMAGES_PER_LABEL
  }

  public RecallSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    images = List.copyOf(images);
    texts = List.copyOf(texts);
    map = map.clone();
    int expected = shape == Shape.CAPTIONS_PER_IMAGE ? texts.size() : images.size();
    if (map.length != expected) {
      throw new IllegalArgumentException("Cannot make recall set " + name + ": the " + shape + " map needs "
          + expected + " entries (got " + map.length + ")");
    }
  }

  @Override
  public int[] map() {
    return map.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecallSet r && name.equals(r.name) && images.equals(r.images) && texts.equals(r.texts)
        && shape == r.shape && Arrays.equals(map, r.map);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, images, texts, shape, Arrays.hashCode(map));
  }

  @Override
  public String toString() {
    return "RecallSet[" + name + ", " + images.size() + " images, " + texts.size() + " texts, " + shape + "]";
  }
}
