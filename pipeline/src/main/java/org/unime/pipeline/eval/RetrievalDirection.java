package org.unime.pipeline.eval;

/**
 * Which side is the query in Flickr/COCO-style retrieval. Named by what is queried with and what is found, the way
 * the paper's Table 2 reads ({@code qt→ci / qi→ct}).
 *
 * <p>The reference script labels these the other way round: its {@code image_retrieval_recall} is text→image and
 * its table prints that in the row "Image->Text" (spec §7). Our names are the directions themselves.
 */
public enum RetrievalDirection {
  /** A caption queries the images; a hit when the caption's own image is in the top k. */
  TEXT_TO_IMAGE("t2i"),
  /** An image queries the captions; a hit when any caption of that image is in the top k. */
  IMAGE_TO_TEXT("i2t");

  private final String wireName;

  RetrievalDirection(String wireName) {
    this.wireName = wireName;
  }

  /** Short name for metric keys: {@code t2i} or {@code i2t}. */
  public String wireName() {
    return wireName;
  }
}
