package org.unime.pipeline.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Flickr30K/COCO-style recall@k (spec §7) over a set where each image has one or more captions and each caption
 * belongs to exactly one image.
 *
 * <ul>
 *   <li>{@linkplain RetrievalDirection#TEXT_TO_IMAGE Text→image}: each caption ranks all images; a hit when its
 *       own image is in the top k. Divided by the number of captions.
 *   <li>{@linkplain RetrievalDirection#IMAGE_TO_TEXT Image→text}: each image ranks all captions; a hit when
 *       <em>any</em> of its captions is in the top k. Divided by the number of images. A caption of another image
 *       never counts (the rerank script's "texts idx..idx+4" shortcut is not reproduced).
 * </ul>
 *
 * <p>Ties rank the lower index first ({@link Ranking}). A k larger than the pool it ranks is rejected rather than
 * reported as a trivial 1.0, because that only happens when a run was configured for a different data size.
 */
public final class RecallAtK {
  private RecallAtK() {}

  /** Recall@k in both directions from embeddings; {@code captionImage[c]} is the image index of caption c. */
  public static RetrievalRecall evaluate(float[][] images, float[][] captions, int[] captionImage, int... ks) {
    return evaluate(CrossModalScores.cosine(captions, images), captionImage, ks);
  }

  /** Recall@k in both directions from a score matrix. */
  public static RetrievalRecall evaluate(CrossModalScores scores, int[] captionImage, int... ks) {
    List<List<Integer>> imageCaptions = captionsByImage(scores, captionImage);
    checkKs(ks, scores);
    return new RetrievalRecall(textToImage(scores, captionImage, ks), imageToText(scores, imageCaptions, ks),
        scores.captionCount(), scores.imageCount());
  }

  /** 0-based rank of caption c's image among all images (caption as query). */
  public static int textToImageRank(CrossModalScores scores, int caption, int image) {
    return Ranking.rank(scores.imagesFor(caption), image);
  }

  /** 0-based rank of the best-placed of an image's captions among all captions (image as query). */
  public static int imageToTextRank(CrossModalScores scores, int image, List<Integer> captions) {
    double[] row = scores.captionsFor(image);
    int best = Integer.MAX_VALUE;
    for (int c : captions) {
      best = Math.min(best, Ranking.rank(row, c));
    }
    return best;
  }

  private static SortedMap<Integer, Double> textToImage(CrossModalScores scores, int[] captionImage, int[] ks) {
    long[] hits = new long[ks.length];
    for (int c = 0; c < captionImage.length; c++) {
      count(textToImageRank(scores, c, captionImage[c]), ks, hits);
    }
    return fractions(ks, hits, captionImage.length);
  }

  private static SortedMap<Integer, Double> imageToText(
      CrossModalScores scores, List<List<Integer>> imageCaptions, int[] ks) {
    long[] hits = new long[ks.length];
    for (int i = 0; i < imageCaptions.size(); i++) {
      count(imageToTextRank(scores, i, imageCaptions.get(i)), ks, hits);
    }
    return fractions(ks, hits, imageCaptions.size());
  }

  private static void count(int rank, int[] ks, long[] hits) {
    for (int j = 0; j < ks.length; j++) {
      if (rank < ks[j]) {
        hits[j]++;
      }
    }
  }

  private static SortedMap<Integer, Double> fractions(int[] ks, long[] hits, int queries) {
    SortedMap<Integer, Double> out = new TreeMap<>();
    for (int j = 0; j < ks.length; j++) {
      out.put(ks[j], (double) hits[j] / queries);
    }
    return out;
  }

  /** Image index → its caption indices; every image needs one, or image→text recall is undefined for it. */
  private static List<List<Integer>> captionsByImage(CrossModalScores scores, int[] captionImage) {
    if (captionImage.length != scores.captionCount()) {
      throw new IllegalArgumentException("Cannot compute recall: the caption→image map has " + captionImage.length
          + " entries for " + scores.captionCount() + " captions (got " + captionImage.length + ")");
    }
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < scores.imageCount(); i++) {
      out.add(new ArrayList<>());
    }
    for (int c = 0; c < captionImage.length; c++) {
      int image = captionImage[c];
      if (image < 0 || image >= scores.imageCount()) {
        throw new IllegalArgumentException("Cannot compute recall: caption " + c + " maps to image " + image
            + ", outside the " + scores.imageCount() + " images (got " + image + ")");
      }
      out.get(image).add(c);
    }
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).isEmpty()) {
        throw new IllegalArgumentException(
            "Cannot compute image→text recall: image " + i + " has no caption (got 0 captions)");
      }
    }
    return out;
  }

  private static void checkKs(int[] ks, CrossModalScores scores) {
    if (ks.length == 0) {
      throw new IllegalArgumentException("Cannot compute recall: no k was asked for (got [])");
    }
    int smallerPool = Math.min(scores.imageCount(), scores.captionCount());
    for (int k : ks) {
      if (k < 1 || k > smallerPool) {
        throw new IllegalArgumentException("Cannot compute recall@" + k + ": k must be within 1.." + smallerPool
            + ", the smaller of " + scores.imageCount() + " images and " + scores.captionCount() + " captions (got "
            + k + ")");
      }
    }
  }
}
