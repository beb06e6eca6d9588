package org.unime.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hand case: images 0..2, captions c0,c1 → image 0, c2 → image 1, c3,c4 → image 2. Rows are captions, columns
 * images. Text→image ranks: c0 0, c1 2, c2 1 (ties image 0, which comes first), c3 0, c4 1. Image→text best ranks:
 * image 0 → 0 (c0), image 1 → 2 (c1 and c4 of other images score higher), image 2 → 0 (c3).
 */
class RecallAtKTest {
  static final double[][] SCORES = {
    {0.9, 0.1, 0.2},
    {0.3, 0.5, 0.4},
    {0.2, 0.2, 0.1},
    {0.1, 0.1, 0.7},
    {0.6, 0.3, 0.5},
  };
  static final int[] CAPTION_IMAGE = {0, 0, 1, 2, 2};

  @Test
  void directionsAreLabelledByQueryAndTarget() {
    RetrievalRecall r = RecallAtK.evaluate(CrossModalScores.ofMatrix(SCORES), CAPTION_IMAGE, 1, 2, 3);

    assertThat(r.recall(RetrievalDirection.TEXT_TO_IMAGE, 1)).isEqualTo(2.0 / 5);
    assertThat(r.recall(RetrievalDirection.TEXT_TO_IMAGE, 2)).isEqualTo(4.0 / 5);
    assertThat(r.recall(RetrievalDirection.TEXT_TO_IMAGE, 3)).isEqualTo(1.0);
    assertThat(r.recall(RetrievalDirection.IMAGE_TO_TEXT, 1)).isEqualTo(2.0 / 3);
    assertThat(r.recall(RetrievalDirection.IMAGE_TO_TEXT, 2)).isEqualTo(2.0 / 3);
    assertThat(r.recall(RetrievalDirection.IMAGE_TO_TEXT, 3)).isEqualTo(1.0);
    assertThat(r.captions()).isEqualTo(5);
    assertThat(r.images()).isEqualTo(3);
    assertThat(r.metrics("flickr/")).containsKeys("flickr/t2i-r@1", "flickr/i2t-r@3").hasSize(6);
  }

  @Test
  void imageToTextCountsAnyOwnCaptionAndNoOtherImagesCaption() {
    CrossModalScores scores = CrossModalScores.ofMatrix(SCORES);
    assertThat(RecallAtK.imageToTextRank(scores, 0, List.of(0, 1))).isZero();
    assertThat(RecallAtK.imageToTextRank(scores, 0, List.of(1))).isEqualTo(2);
    assertThat(RecallAtK.imageToTextRank(scores, 1, List.of(2))).isEqualTo(2);
    assertThat(RecallAtK.textToImageRank(scores, 2, 1)).isEqualTo(1);
  }

  @Test
  void kLargerThanThePoolIsRejected() {
    assertThatThrownBy(() -> RecallAtK.evaluate(CrossModalScores.ofMatrix(SCORES), CAPTION_IMAGE, 1, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute recall@4: k must be within 1..3, the smaller of 3 images and 5 captions (got 4)");
    assertThatThrownBy(() -> RecallAtK.evaluate(CrossModalScores.ofMatrix(SCORES), CAPTION_IMAGE))
        .hasMessage("Cannot compute recall: no k was asked for (got [])");
  }

  @Test
  void malformedInputsAreRejected() {
    assertThatThrownBy(() -> RecallAtK.evaluate(CrossModalScores.ofMatrix(SCORES), new int[] {0, 0, 1, 1, 1}, 1))
        .hasMessage("Cannot compute image→text recall: image 2 has no caption (got 0 captions)");
    assertThatThrownBy(() -> RecallAtK.evaluate(CrossModalScores.ofMatrix(SCORES), new int[] {0, 1, 2}, 1))
        .hasMessage("Cannot compute recall: the caption→image map has 3 entries for 5 captions (got 3)");
    assertThatThrownBy(() -> RecallAtK.evaluate(CrossModalScores.ofMatrix(SCORES), new int[] {0, 0, 1, 2, 3}, 1))
        .hasMessage("Cannot compute recall: caption 4 maps to image 3, outside the 3 images (got 3)");
    assertThatThrownBy(() -> RecallAtK.evaluate(new float[0][], new float[][] {{1}}, new int[] {0}, 1))
        .hasMessage("Cannot score image: there are none (got 0 vectors)");
    assertThatThrownBy(() -> CrossModalScores.ofMatrix(new double[0][]))
        .hasMessage("Cannot use score matrix: it is empty (got 0 rows)");
  }

  @Test
  void vectorsAgreeWithABruteForceSortOnSeededRandomData() {
    Random random = new Random(7);
    int images = 40;
    float[][] imageVectors = randomVectors(random, images, 8);
    float[][] captionVectors = randomVectors(random, images * 3, 8);
    int[] captionImage = new int[images * 3];
    for (int c = 0; c < captionImage.length; c++) {
      captionImage[c] = c / 3;
    }

    RetrievalRecall r = RecallAtK.evaluate(imageVectors, captionVectors, captionImage, 1, 5, 10, 40);

    for (int k : new int[] {1, 5, 10, 40}) {
      assertThat(r.recall(RetrievalDirection.TEXT_TO_IMAGE, k))
          .isCloseTo(bruteTextToImage(imageVectors, captionVectors, captionImage, k), offset(1e-12));
      assertThat(r.recall(RetrievalDirection.IMAGE_TO_TEXT, k))
          .isCloseTo(bruteImageToText(imageVectors, captionVectors, captionImage, k), offset(1e-12));
    }
    assertThat(r.recall(RetrievalDirection.TEXT_TO_IMAGE, 40)).isEqualTo(1.0);
  }

  static float[][] randomVectors(Random random, int n, int dim) {
    float[][] out = new float[n][dim];
    for (float[] v : out) {
      for (int d = 0; d < dim; d++) {
        v[d] = (float) random.nextGaussian();
      }
    }
    return out;
  }

  private static double bruteTextToImage(float[][] images, float[][] captions, int[] captionImage, int k) {
    int hits = 0;
    for (int c = 0; c < captions.length; c++) {
      if (topK(captions[c], images, k).contains(captionImage[c])) {
        hits++;
      }
    }
    return (double) hits / captions.length;
  }

  private static double bruteImageToText(float[][] images, float[][] captions, int[] captionImage, int k) {
    int hits = 0;
    for (int i = 0; i < images.length; i++) {
      int image = i;
      if (topK(images[i], captions, k).stream().anyMatch(c -> captionImage[c] == image)) {
        hits++;
      }
    }
    return (double) hits / images.length;
  }

  private static List<Integer> topK(float[] query, float[][] pool, int k) {
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < pool.length; j++) {
      order.add(j);
    }
    order.sort(Comparator.comparingDouble((Integer j) -> -Cosine.of(query, pool[j])));
    return order.subList(0, k);
  }
}
