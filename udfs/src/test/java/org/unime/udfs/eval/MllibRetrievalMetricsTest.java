package org.unime.udfs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unime.pipeline.eval.CrossModalScores;
import org.unime.pipeline.eval.PrecisionAtOne;
import org.unime.pipeline.eval.RecallAtK;
import org.unime.pipeline.eval.RetrievalDirection;
import org.unime.pipeline.eval.RetrievalRecall;

/** Our pipeline metrics against Spark MLlib's RankingMetrics on seeded random data. */
class MllibRetrievalMetricsTest {
  private static final int[] KS = {1, 5, 10};
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder()
        .master("local[1]")
        .appName("mllib-metrics-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void recallAtKAgreesWithMllibInBothDirections() {
    Random random = new Random(11);
    int images = 30;
    float[][] imageVectors = vectors(random, images, 6);
    float[][] captionVectors = vectors(random, images * 5, 6);
    int[] captionImage = new int[images * 5];
    for (int c = 0; c < captionImage.length; c++) {
      captionImage[c] = c % images; // interleaved, so an image's captions are not neighbours
    }
    CrossModalScores scores = CrossModalScores.cosine(captionVectors, imageVectors);

    RetrievalRecall ours = RecallAtK.evaluate(scores, captionImage, KS);
    RetrievalRecall mllib = MllibRetrievalMetrics.recallAtK(spark, scores, captionImage, KS);

    for (int k : KS) {
      for (RetrievalDirection direction : RetrievalDirection.values()) {
        assertThat(mllib.recall(direction, k)).as(direction + " R@" + k)
            .isCloseTo(ours.recall(direction, k), offset(1e-12));
      }
    }
    // Random vectors put the truth in the top 1 only sometimes: the check is not vacuous.
    assertThat(ours.recall(RetrievalDirection.TEXT_TO_IMAGE, 1)).isBetween(0.01, 0.99);
    assertThat(ours.recall(RetrievalDirection.IMAGE_TO_TEXT, 5)).isBetween(0.01, 0.99);
  }

  @Test
  void mllibsOwnRecallIsAFractionOfCaptionsNotAHitRate() {
    Random random = new Random(3);
    List<MllibRetrievalMetrics.RankedList> imageToText = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      double[] scores = random.doubles(50).toArray();
      imageToText.add(MllibRetrievalMetrics.RankedList.fromScores(scores, Set.of(0, 1, 2, 3, 4), 10));
    }

    double raw = MllibRetrievalMetrics.metrics(spark, imageToText).recallAt(5);
    SortedMap<Integer, Double> hit = MllibRetrievalMetrics.hitRate(spark, imageToText, 5);

    assertThat(raw).isLessThan(hit.get(5));
  }

  @Test
  void precisionAtOneAgreesWithMllibIncludingTies() {
    Random random = new Random(5);
    List<double[]> rows = new ArrayList<>();
    for (int r = 0; r < 200; r++) {
      double[] scores = new double[8];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = Math.round(random.nextDouble() * 4) / 4.0; // coarse, so index 0 often ties the maximum
      }
      rows.add(scores);
    }

    double ours = PrecisionAtOne.score("random", rows).accuracy();

    assertThat(MllibRetrievalMetrics.precisionAtOne(spark, rows)).isCloseTo(ours, offset(1e-12));
    assertThat(ours).isBetween(0.05, 0.95);
  }

  @Test
  void collapsingKeepsEverythingBeforeTheFirstHit() {
    MllibRetrievalMetrics.RankedList list =
        new MllibRetrievalMetrics.RankedList(List.of("7", "3", "9", "4", "1"), Set.of("9", "1"));

    assertThat(list.collapsed().ranking()).containsExactly("7", "3", MllibRetrievalMetrics.HIT, "4");
    assertThat(list.collapsed().relevant()).containsExactly(MllibRetrievalMetrics.HIT);
  }

  private static float[][] vectors(Random random, int n, int dim) {
    float[][] out = new float[n][dim];
    for (float[] v : out) {
      for (int d = 0; d < dim; d++) {
        v[d] = (float) random.nextGaussian();
      }
    }
    return out;
  }
}
