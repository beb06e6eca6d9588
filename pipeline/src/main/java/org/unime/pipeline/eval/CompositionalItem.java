package org.unime.pipeline.eval;

import java.util.Objects;

/**
 * One SugarCrepe-style item: an image, the caption that describes it, and a hard negative caption that differs in
 * one compositional detail (an object, attribute or relation replaced, swapped or added).
 *
 * @param id item id within its subset (SugarCrepe's JSON key; ours: the image id plus the negative)
 * @param image image reference: SugarCrepe's COCO file name, or our candidate id
 * @param caption the true caption
 * @param negativeCaption the negative caption
 * @param subset subset name, e.g. {@code replace_obj} or {@code swap_skin_tone}
 */
public record CompositionalItem(String id, String image, String caption, String negativeCaption, String subset) {

  public CompositionalItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(negativeCaption, "negativeCaption");
    Objects.requireNonNull(subset, "subset");
    if (caption.equals(negativeCaption)) {
      throw new IllegalArgumentException("Cannot make compositional item " + id + ": the negative caption equals the"
          + " true one (got \"" + caption + "\")");
    }
  }
}
