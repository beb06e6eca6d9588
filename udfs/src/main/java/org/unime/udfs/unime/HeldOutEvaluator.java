package org.unime.udfs.unime;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.embed.ItemTables;
import org.unime.udfs.embed.LabeledQuery;
import org.unime.udfs.embed.RetrievalEvaluator;

/**
 * Held-out P@1 of embedding models, the metric the UniME-V2 run is judged by. For every query of a held-out set,
 * the model embeds the query and every item of the set's pool; the query scores a hit when its top-1 pool item by
 * cosine is one of its positives. P@1 = hits / queries. Sets and pools (the same as the stage-1 report's):
 *
 * <ul>
 *   <li>{@code eval-unseen-concept}: image queries of concepts never trained on → the label pool of those concepts;
 *   <li>{@code eval-unseen-vendor}: Twitter emoji images (training saw Google's) → the labels of their concepts;
 *   <li>{@code fashion-mnist-test}: Fashion-MNIST test images → the ten class names.
 * </ul>
 *
 * {@code held-out} pools the sets (hits and queries summed). Queries and pools are read once and shared by all
 * models compared, so the numbers differ only by the model. Driver-only (reads through {@link ItemTables}).
 */
final class HeldOutEvaluator {
  static final String ALL = "held-out";

  private HeldOutEvaluator() {}

  /** Model name → one result per set in {@code sets} order, then {@value #ALL}. Empty sets are skipped. */
  static Map<String, List<RetrievalEvaluator.Result>> compare(
      ItemTables tables, List<String> sets, Map<String, EmbeddingModel> models) {
    Map<String, List<RetrievalEvaluator.Result>> out = new LinkedHashMap<>();
    models.keySet().forEach(name -> out.put(name, new ArrayList<>()));
    for (String set : sets) {
      List<LabeledQuery> queries = tables.queries(filter(set), 0);
      if (queries.isEmpty()) {
        continue;
      }
      ItemTables.Pool pool = tables.textPool(queries);
      models.forEach(
          (name, model) ->
              out.get(name).add(RetrievalEvaluator.recallAt1("p1/" + set, model, queries, pool.items(), pool.description())));
    }
    out.values().forEach(results -> results.add(pooled(results)));
    return out;
  }

  /** The results as manifest metrics: {@code <prefix>p1/<set>} → P@1. */
  static Map<String, Double> metrics(String prefix, List<RetrievalEvaluator.Result> results) {
    Map<String, Double> m = new LinkedHashMap<>();
    results.forEach(r -> m.put(prefix + r.name(), r.recallAt1()));
    return m;
  }

  private static RetrievalEvaluator.Result pooled(List<RetrievalEvaluator.Result> results) {
    int queries = results.stream().mapToInt(RetrievalEvaluator.Result::queries).sum();
    int hits = results.stream().mapToInt(RetrievalEvaluator.Result::hits).sum();
    int skipped = results.stream().mapToInt(RetrievalEvaluator.Result::skipped).sum();
    return new RetrievalEvaluator.Result("p1/" + ALL, queries, hits, 0, "every set above", skipped);
  }

  private static Column filter(String set) {
    return switch (set) {
      case "eval-unseen-concept", "eval-unseen-vendor" ->
          col(ItemSchema.SPLIT).equalTo(set).and(col(ItemSchema.MODALITY).equalTo("image-text"));
      case "fashion-mnist-test" -> col(ItemSchema.SPLIT).equalTo("test").and(col(ItemSchema.DATASET).equalTo("fashion-mnist"));
      default -> throw new IllegalArgumentException(
          "Cannot evaluate held-out set " + set + ": expected one of eval-unseen-concept, eval-unseen-vendor,"
              + " fashion-mnist-test");
    };
  }
}
