package org.unime.udfs.evaluate;

import org.apache.spark.sql.SparkSession;
import org.unime.pipeline.eval.CrossModalScores;
import org.unime.pipeline.eval.RecallAtK;
import org.unime.pipeline.eval.RetrievalRecall;
import org.unime.udfs.eval.MllibRetrievalMetrics;

/**
 * Recall@k of a {@link RecallSet} in both shapes through {@link RecallAtK} (and, for the cross-check,
 * {@link MllibRetrievalMetrics}), both of which take a caption→image map where each caption has one image.
 *
 * <p>{@link RecallSet.Shape#CAPTIONS_PER_IMAGE} is that shape. {@link RecallSet.Shape#IMAGES_PER_LABEL} is its
 * mirror, so the roles are swapped: the images play RecallAtK's captions and the labels its images, with the
 * image→label map as its caption→image map. RecallAtK's "text→image" (each of its captions ranks its images, a hit
 * when its one partner is in the top k) is then our image→text (an image ranks the labels; a hit when its label is
 * in the top k), and its "image→text" (each of its images ranks its captions, a hit when any partner is in the top
 * k) is our text→image (a label ranks the images; a hit when any image of the label is in the top k). The result
 * is mapped back, so callers always get text→image and image→text by their plain meaning. Stateless.
 */
final class RecallScoring {
  private RecallScoring() {}

  /** Recall@k counted by the pipeline. */
  static RetrievalRecall pipeline(RecallSet.Shape shape, float[][] images, float[][] texts, int[] map, int[] ks) {
    if (shape == RecallSet.Shape.CAPTIONS_PER_IMAGE) {
      return RecallAtK.evaluate(CrossModalScores.cosine(texts, images), map, ks);
    }
    return mirrored(RecallAtK.evaluate(CrossModalScores.cosine(images, texts), map, ks));
  }

  /** Recall@k counted by Spark MLlib's RankingMetrics. */
  static RetrievalRecall mllib(
      SparkSession spark, RecallSet.Shape shape, float[][] images, float[][] texts, int[] map, int[] ks) {
    if (shape == RecallSet.Shape.CAPTIONS_PER_IMAGE) {
      return MllibRetrievalMetrics.recallAtK(spark, CrossModalScores.cosine(texts, images), map, ks);
    }
    return mirrored(MllibRetrievalMetrics.recallAtK(spark, CrossModalScores.cosine(images, texts), map, ks));
  }

  /** A result computed with images as captions and labels as images, read back in plain directions. */
  private static RetrievalRecall mirrored(RetrievalRecall swapped) {
    return new RetrievalRecall(
        swapped.imageToText(), swapped.textToImage(), swapped.images(), swapped.captions());
  }
}
