package org.unime.pipeline.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The images and captions of one retrieval split, captions grouped by image in file order.
 *
 * @param split the split read, e.g. {@code test}
 * @param images image references: {@code filepath/filename} when the file gives a {@code filepath} (COCO), else the
 *     {@code filename} (Flickr30K)
 * @param captions caption texts ({@code raw})
 * @param captionImage caption index → image index; copied in and out
 */
public record CaptionCorpus(String split, List<String> images, List<String> captions, int[] captionImage) {

  public CaptionCorpus {
    Objects.requireNonNull(split, "split");
    images = List.copyOf(images);
    captions = List.copyOf(captions);
    captionImage = captionImage.clone();
    if (captionImage.length != captions.size()) {
      throw new IllegalArgumentException("Cannot make caption corpus: " + captions.size() + " captions but "
          + captionImage.length + " caption→image entries (got " + captionImage.length + ")");
    }
  }

  @Override
  public int[] captionImage() {
    return captionImage.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CaptionCorpus c && split.equals(c.split) && images.equals(c.images)
        && captions.equals(c.captions) && Arrays.equals(captionImage, c.captionImage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(split, images, captions, Arrays.hashCode(captionImage));
  }

  @Override
  public String toString() {
    return "CaptionCorpus[" + split + ", " + images.size() + " images, " + captions.size() + " captions]";
  }
}
