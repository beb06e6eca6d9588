package org.unime.udfs.evaluate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.pipeline.eval.CompositionalAccuracy;
import org.unime.pipeline.eval.CompositionalItem;
import org.unime.pipeline.eval.Cosine;
import org.unime.pipeline.eval.GroupScore;
import org.unime.pipeline.eval.PairScore;
import org.unime.pipeline.eval.PrecisionAtOne;
import org.unime.pipeline.eval.RankedQuery;
import org.unime.pipeline.eval.Ranking;
import org.unime.pipeline.eval.RerankGain;
import org.unime.pipeline.eval.RetrievalDirection;
import org.unime.pipeline.eval.RetrievalRecall;
import org.unime.pipeline.eval.TaskAccuracy;
import org.unime.pipeline.eval.TaskGroups;
import org.unime.udfs.eval.MllibRetrievalMetrics;
import org.unime.udfs.embed.EmbeddingInput;

/**
 * Scores one model on prepared sets: MMEB-style P@1 with meta-task, distribution and overall means, recall@k in
 * both directions, compositional pair accuracy, and the rerank gain when a reranker is given. Counting is done by
 * the pipeline's metric classes; with a session for MLlib, P@1 and recall@k are counted again by
 * {@link MllibRetrievalMetrics} (Spark's RankingMetrics) and the evaluation fails unless both counts agree. The
 * reported value is the pipeline's exact hits / queries (MLlib's running mean can differ in the last bits).
 * Driver-only; one instance per model evaluation.
 */
final class ModelScorer {
  private static final Logger LOG = LoggerFactory.getLogger(ModelScorer.class);
  static final String P_AT_1 = "p@1";
  static final String ACCURACY = "accuracy";

  private final ItemEmbeddings embeddings;
  private final SparkSession mllib;
  private final int[] ks;
  private final Reranker reranker;
  private final int rerankDepth;

  /**
   * @param mllib the session MLlib counts on, or null for the pipeline's count alone
   * @param reranker the reranker, or null for none
   */
  ModelScorer(ItemEmbeddings embeddings, SparkSession mllib, List<Integer> ks, Reranker reranker, int rerankDepth) {
    this.embeddings = embeddings;
    this.mllib = mllib;
    this.ks = ks.stream().mapToInt(Integer::intValue).toArray();
    this.reranker = reranker;
    this.rerankDepth = rerankDepth;
  }

  /** P@1 per task, then per meta-task and distribution group, then overall; rerank rows when a reranker is set. */
  List<MetricValue> tasks(TaskSuite suite) throws IOException {
    List<MetricValue> out = new ArrayList<>();
    List<MetricValue> rerank = new ArrayList<>();
    List<TaskAccuracy> accuracies = new ArrayList<>();
    for (TaskSuite.TaskLoader loader : suite.tasks()) {
      RetrievalTask task = loader.load();
      List<EmbeddingInput> items = new ArrayList<>();
      task.rows().forEach(r -> {
        items.add(r.query());
        items.addAll(r.candidates());
      });
      embeddings.prefetch(items);
      TaskAccuracy.Tally tally = new TaskAccuracy.Tally(task.name());
      List<double[]> rows = new ArrayList<>();
      List<RankedQuery> ranked = new ArrayList<>();
      for (RetrievalTask.Row row : task.rows()) {
        double[] scores = Cosine.scores(embeddings.of(row.query()), embeddings.of(row.candidates()));
        rows.add(scores);
        if (PrecisionAtOne.isHit(scores)) {
          tally.hit();
        } else {
          tally.miss();
        }
        if (reranker != null) {
          ranked.add(rerank(task.name(), row, scores));
        }
      }
      TaskAccuracy accuracy = tally.build();
      accuracies.add(accuracy);
      double value = accuracy.accuracy();
      if (mllib != null) {
        value = checked(suite.suite() + "/" + task.name() + " P@1", value,
            MllibRetrievalMetrics.precisionAtOne(mllib, rows));
      }
      out.add(new MetricValue(suite.suite(), task.name(), P_AT_1, value, accuracy.total()));
      if (reranker != null) {
        rerank.addAll(rerankRows(suite.suite(), task.name(), RerankGain.of(ranked)));
      }
      LOG.info("{} {}: P@1 {} over {} rows ({} candidates per row at most, {} skipped)", suite.suite(), task.name(),
          String.format("%.4f", value), accuracy.total(),
          task.rows().stream().mapToInt(r -> r.candidates().size()).max().orElse(0), task.skipped());
    }
    out.addAll(groups(suite.suite(), suite.metaTasks(), "meta/", accuracies));
    out.addAll(groups(suite.suite(), suite.distribution(), "dist/", accuracies));
    Map<String, Double> byTask = TaskAccuracy.accuracies(accuracies);
    out.add(new MetricValue(suite.suite(), Suites.OVERALL, P_AT_1, TaskGroups.overall(byTask),
        accuracies.stream().mapToLong(TaskAccuracy::total).sum()));
    if (reranker != null) {
      out.addAll(rerank);
      out.addAll(rerankOverall(suite.suite(), rerank));
    }
    return out;
  }

  /** Recall@k in both directions per set, and their means over the sets. */
  List<MetricValue> recall(String suite, List<RecallSet> sets) {
    List<MetricValue> out = new ArrayList<>();
    Map<String, List<Double>> perMetric = new LinkedHashMap<>();
    Map<String, Long> queries = new HashMap<>();
    for (RecallSet set : sets) {
      int[] usable = Arrays.stream(ks).filter(k -> k <= Math.min(set.images().size(), set.texts().size())).toArray();
      if (usable.length < ks.length) {
        LOG.warn("{} {}: recall@k skipped for k > {} (the smaller side of {} images and {} texts)", suite, set.name(),
            Math.min(set.images().size(), set.texts().size()), set.images().size(), set.texts().size());
      }
      if (usable.length == 0) {
        continue;
      }
      float[][] images = embeddings.of(set.images());
      float[][] texts = embeddings.of(set.texts());
      RetrievalRecall recall = RecallScoring.pipeline(set.shape(), images, texts, set.map(), usable);
      if (mllib != null) {
        RetrievalRecall counted = RecallScoring.mllib(mllib, set.shape(), images, texts, set.map(), usable);
        recall.metrics("").forEach((metric, v) ->
            checked(suite + "/" + set.name() + " " + metric, v, counted.metrics("").get(metric)));
      }
      for (int k : usable) {
        for (RetrievalDirection d : RetrievalDirection.values()) {
          String metric = d.wireName() + "-r@" + k;
          long n = d == RetrievalDirection.TEXT_TO_IMAGE ? recall.captions() : recall.images();
          double v = recall.recall(d, k);
          out.add(new MetricValue(suite, set.name(), metric, v, n));
          perMetric.computeIfAbsent(metric, m -> new ArrayList<>()).add(v);
          queries.merge(metric, n, Long::sum);
        }
        for (RetrievalDirection d : RetrievalDirection.values()) {
          perMetric.computeIfAbsent("r@" + k, m -> new ArrayList<>()).add(recall.recall(d, k));
          queries.merge("r@" + k, d == RetrievalDirection.TEXT_TO_IMAGE ? (long) recall.captions() : recall.images(),
              Long::sum);
        }
      }
      LOG.info("{} {}: {}", suite, set.name(), recall.metrics(""));
    }
    perMetric.forEach((metric, values) -> out.add(new MetricValue(suite, Suites.OVERALL, metric,
        values.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), queries.get(metric))));
    return out;
  }

  /** Accuracy per subset, per group (Replace / Swap / Add) and the mean of the groups. */
  List<MetricValue> compositional(CompositionalSet set) {
    List<EmbeddingInput> items = new ArrayList<>(set.images().values());
    set.items().forEach(i -> {
      items.add(caption(i.caption()));
      items.add(caption(i.negativeCaption()));
    });
    embeddings.prefetch(items);
    List<PairScore> scores = new ArrayList<>();
    for (CompositionalItem item : set.items()) {
      scores.add(PairScore.cosine(item.subset(), embeddings.of(set.images().get(item.image())),
          embeddings.of(caption(item.caption())), embeddings.of(caption(item.negativeCaption()))));
    }
    CompositionalAccuracy.Result result = CompositionalAccuracy.score(scores, set.groups());
    List<MetricValue> out = new ArrayList<>();
    Map<String, Long> totals = new HashMap<>();
    for (TaskAccuracy subset : result.subsets()) {
      out.add(new MetricValue(set.suite(), subset.task(), ACCURACY, subset.accuracy(), subset.total()));
      totals.put(subset.task(), subset.total());
    }
    for (GroupScore group : result.groups()) {
      out.add(new MetricValue(set.suite(), "group/" + group.group(), ACCURACY, group.mean(),
          group.tasks().stream().mapToLong(totals::get).sum()));
    }
    if (!result.groups().isEmpty()) {
      long grouped = result.groups().stream().flatMap(g -> g.tasks().stream()).mapToLong(totals::get).sum();
      out.add(new MetricValue(set.suite(), Suites.OVERALL, ACCURACY, result.meanOfGroups(), grouped));
    }
    LOG.info("{}: {} items, mean of groups {}", set.suite(), set.items().size(),
        result.groups().isEmpty() ? "n/a" : String.format("%.4f", result.meanOfGroups()));
    return out;
  }

  /** Items embedded so far by this scorer's model. */
  long embedded() {
    return embeddings.embedded();
  }

  /** A caption as a text item; the id is the text, so every caption is embedded once whatever its set. */
  static EmbeddingInput caption(String text) {
    return EmbeddingInput.text("caption:" + text, text);
  }

  private RankedQuery rerank(String task, RetrievalTask.Row row, double[] scores) {
    int[] order = Ranking.topK(scores, scores.length);
    List<String> before = Arrays.stream(order).mapToObj(i -> row.candidates().get(i).id()).toList();
    int depth = Math.min(rerankDepth, order.length);
    List<EmbeddingInput> top = Arrays.stream(order, 0, depth).mapToObj(i -> row.candidates().get(i)).toList();
    List<String> reordered = reranker.rerank(row.query(), top);
    List<String> expected = new ArrayList<>(before.subList(0, depth));
    List<String> got = new ArrayList<>(reordered);
    expected.sort(null);
    got.sort(null);
    if (!expected.equals(got)) {
      throw new IllegalStateException("Cannot use reranker " + reranker.id() + " on " + task + " query " + row.id()
          + ": it must return a permutation of the " + depth + " candidates it was given (got " + reordered + ")");
    }
    List<String> after = new ArrayList<>(reordered);
    after.addAll(before.subList(depth, before.size()));
    return new RankedQuery(row.id(), before, after, Set.of(row.candidates().get(0).id()));
  }

  private static List<MetricValue> rerankRows(String suite, String task, RerankGain gain) {
    String name = suite + ":" + task;
    return List.of(
        new MetricValue(Suites.RERANK, name, "p@1-before", gain.precisionBefore(), gain.queries()),
        new MetricValue(Suites.RERANK, name, "p@1-after", gain.precisionAfter(), gain.queries()),
        new MetricValue(Suites.RERANK, name, "gain", gain.gain(), gain.queries()));
  }

  /** Unweighted means over the suite's tasks, as the suite's P@1 overall is. */
  private static List<MetricValue> rerankOverall(String suite, List<MetricValue> rows) {
    List<MetricValue> out = new ArrayList<>();
    for (String metric : List.of("p@1-before", "p@1-after", "gain")) {
      List<MetricValue> of = rows.stream().filter(r -> r.metric().equals(metric)).toList();
      out.add(new MetricValue(Suites.RERANK, suite + ":" + Suites.OVERALL, metric,
          of.stream().mapToDouble(MetricValue::value).average().orElseThrow(),
          of.stream().mapToLong(MetricValue::queries).sum()));
    }
    return out;
  }

  private static List<MetricValue> groups(
      String suite, TaskGroups groups, String prefix, List<TaskAccuracy> accuracies) {
    Map<String, Long> totals = new HashMap<>();
    accuracies.forEach(a -> totals.put(a.task(), a.total()));
    List<MetricValue> out = new ArrayList<>();
    for (GroupScore g : groups.means(TaskAccuracy.accuracies(accuracies))) {
      out.add(new MetricValue(suite, prefix + g.group(), P_AT_1, g.mean(),
          g.tasks().stream().mapToLong(totals::get).sum()));
    }
    return out;
  }

  /** The pipeline's count, after checking it against MLlib's (they count the same rankings). */
  private static double checked(String what, double pipeline, double mllib) {
    if (Math.abs(pipeline - mllib) > 1e-9) {
      throw new IllegalStateException("Cannot trust " + what + ": Spark MLlib counts " + mllib
          + " but the pipeline counts " + pipeline + "; the two ranking paths disagree (a bug in one of them)");
    }
    return pipeline;
  }
}
