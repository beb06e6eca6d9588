package org.unime.udfs.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.evaluation.RankingMetrics;
import org.apache.spark.sql.SparkSession;
import org.unime.pipeline.eval.CrossModalScores;
import org.unime.pipeline.eval.Ranking;
import org.unime.pipeline.eval.RetrievalRecall;
import scala.Tuple2;

/**
 * Recall@k and P@1 computed by Spark MLlib's {@link RankingMetrics}, as an independent check of
 * {@link org.unime.pipeline.eval.RecallAtK} and {@link org.unime.pipeline.eval.PrecisionAtOne}. Rankings are made on
 * the driver with the pipeline's tie order ({@link Ranking}); MLlib only counts and averages them, on the cluster.
 *
 * <p><b>MLlib's recall is not our recall.</b> {@code RankingMetrics.recallAt(k)} is the fraction of a query's
 * relevant items found in its top k. That equals our hit-based recall@k only when each query has one relevant item
 * (text→image, MMEB). For image→text, where any of an image's five captions counts, each ranking is first
 * <em>collapsed</em>: its first relevant item becomes the single relevant token {@value #HIT} and later relevant
 * items are dropped. Nothing before the first hit moves, so the token is in the top k exactly when any relevant item
 * was, and MLlib's recall of the collapsed ranking is the hit rate. P@1 is {@code precisionAt(1)}, which is the hit
 * rate at 1 with or without collapsing.
 *
 * <p>Driver-only (uses the session's context). Each call runs one Spark job per k.
 */
public final class MllibRetrievalMetrics {
  /** The relevant token of a collapsed ranking; cannot clash with an item id, which are decimal indices here. */
  static final String HIT = "\u0000hit";

  private MllibRetrievalMetrics() {}

  /**
   * One query's ranking, best first, and its relevant items.
   *
   * @param ranking item ids, best first (at least as deep as the largest k asked for)
   * @param relevant ids that count as correct; not empty
   */
  public record RankedList(List<String> ranking, Set<String> relevant) implements Serializable {
    public RankedList {
      ranking = List.copyOf(ranking);
      relevant = Set.copyOf(relevant);
      if (relevant.isEmpty()) {
        throw new IllegalArgumentException("Cannot rank for MLlib: the query has no relevant item (got ranking "
            + ranking + ")");
      }
    }

    /** The top {@code depth} indices of the scores, as decimal ids, with the given relevant indices. */
    public static RankedList fromScores(double[] scores, Set<Integer> relevant, int depth) {
      List<String> ranking = Arrays.stream(Ranking.topK(scores, depth)).mapToObj(Integer::toString).toList();
      return new RankedList(ranking, relevant.stream().map(i -> Integer.toString(i)).collect(Collectors.toSet()));
    }

    /** The ranking with all relevant items collapsed into one token at the first one's place (see class doc). */
    RankedList collapsed() {
      List<String> out = new ArrayList<>(ranking.size());
      boolean hit = false;
      for (String id : ranking) {
        if (!relevant.contains(id)) {
          out.add(id);
        } else if (!hit) {
          out.add(HIT);
          hit = true;
        }
      }
      return new RankedList(out, Set.of(HIT));
    }
  }

  /** MLlib's metrics over the rankings as given (no collapsing). */
  public static RankingMetrics<String> metrics(SparkSession spark, List<RankedList> lists) {
    if (lists.isEmpty()) {
      throw new IllegalArgumentException("Cannot compute ranking metrics: there are no queries (got 0)");
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Tuple2<List<String>, List<String>>> pairs = context.parallelize(lists)
        .map(l -> new Tuple2<>(l.ranking(), List.copyOf(l.relevant())));
    return RankingMetrics.of(pairs);
  }

  /** Fraction of queries with any relevant item in the top k, through MLlib's recallAt on collapsed rankings. */
  public static SortedMap<Integer, Double> hitRate(SparkSession spark, List<RankedList> lists, int... ks) {
    RankingMetrics<String> metrics = metrics(spark, lists.stream().map(RankedList::collapsed).toList());
    SortedMap<Integer, Double> out = new TreeMap<>();
    for (int k : ks) {
      out.put(k, metrics.recallAt(k));
    }
    return out;
  }

  /** MMEB P@1: each row's candidate scores with the ground truth at index 0; MLlib's precisionAt(1). */
  public static double precisionAtOne(SparkSession spark, List<double[]> rows) {
    List<RankedList> lists = rows.stream().map(s -> RankedList.fromScores(s, Set.of(0), 1)).toList();
    return metrics(spark, lists).precisionAt(1);
  }

  /** Text→image and image→text recall@k of a caption/image set, counted by MLlib. */
  public static RetrievalRecall recallAtK(SparkSession spark, CrossModalScores scores, int[] captionImage, int... ks) {
    Objects.requireNonNull(scores, "scores");
    int depth = Arrays.stream(ks).max().orElseThrow(() ->
        new IllegalArgumentException("Cannot compute recall: no k was asked for (got [])"));
    List<RankedList> textToImage = new ArrayList<>();
    List<Set<Integer>> captionsOfImage = new ArrayList<>();
    for (int i = 0; i < scores.imageCount(); i++) {
      captionsOfImage.add(new HashSet<>());
    }
    for (int c = 0; c < captionImage.length; c++) {
      textToImage.add(RankedList.fromScores(scores.imagesFor(c), Set.of(captionImage[c]), depth));
      captionsOfImage.get(captionImage[c]).add(c);
    }
    List<RankedList> imageToText = new ArrayList<>();
    for (int i = 0; i < scores.imageCount(); i++) {
      imageToText.add(RankedList.fromScores(scores.captionsFor(i), captionsOfImage.get(i), depth));
    }
    return new RetrievalRecall(hitRate(spark, textToImage, ks), hitRate(spark, imageToText, ks),
        captionImage.length, scores.imageCount());
  }
}
