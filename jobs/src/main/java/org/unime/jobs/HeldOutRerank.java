package org.unime.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.unime.conf.RerankerSettings;
import org.unime.conf.UnimeSettings;
import org.unime.pipeline.eval.Cosine;
import org.unime.pipeline.eval.RankedQuery;
import org.unime.pipeline.eval.Ranking;
import org.unime.pipeline.eval.RerankGain;
import org.unime.pipeline.rerank.RerankMode;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.embed.EmbeddingModels;
import org.unime.udfs.embed.ItemTables;
import org.unime.udfs.embed.LabeledQuery;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.rerank.RerankStage;
import org.unime.udfs.stages.ModelRef;

/**
 * The {@code rerank} command's work. For each held-out set it takes the stage-1 embedder's exact top-k (cosine) of
 * each query over the set's text pool ({@link ItemTables#textPool}, the pool the training report's held-out P@1
 * uses), reranks it with {@link RerankStage} in every configured (mode, k), writes the slices to
 * {@code unime.reranker.table}, then reads the table back and counts P@1 before and after ({@link RerankGain}).
 * Queries none of whose positives is in the pool are left out (as in the held-out P@1) and counted. Driver-side
 * reads (the held-out queries and pools are collected); the reranking runs on executors.
 */
final class HeldOutRerank {
  /** Name of the row that pools every set of a (mode, k). */
  static final String ALL = "held-out";
  private static final StructType TOP_K = createStructType(List.of(
      createStructField("query_id", StringType, false),
      createStructField("rank", IntegerType, false),
      createStructField("candidate_id", StringType, false)));

  private HeldOutRerank() {}

  /** A held-out set as reranked: queries scored, queries left out, pool size and what the pool is. */
  record HeldOutSet(String name, int queries, int skipped, int poolSize, String pool) {}

  /** P@1 before and after reranking the top {@code k} with {@code mode}, on one set or {@value #ALL}. */
  record Gain(String set, RerankMode mode, int k, RerankGain gain) {}

  /** What a run measured; {@link #markdown()} is its report section. */
  record Report(String embedder, String reranker, String table, List<HeldOutSet> sets, List<Gain> gains) {
    String markdown() {
      StringBuilder md = new StringBuilder("## Rerank gain on the held-out queries\n\n");
      md.append("P@1 of the stage-1 embedder's top-k before and after the reranker reorders it (a query is a hit"
              + " when its first candidate is a positive).\n\n- embedder: ").append(embedder)
          .append("\n- reranker: ").append(reranker).append("\n- table: ").append(table).append('\n');
      for (HeldOutSet s : sets) {
        md.append(String.format(Locale.ROOT, "- %s: %d queries (%d without a positive in the pool left out), pool"
            + " of %d: %s%n", s.name(), s.queries(), s.skipped(), s.poolSize(), s.pool()));
      }
      md.append("\n| set | k | mode | queries | hits before | hits after | P@1 before | P@1 after | gain |\n"
          + "|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
      for (Gain g : gains) {
        RerankGain n = g.gain();
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %d | %d | %.3f | %.3f | %+.3f |%n", g.set(),
            g.k(), g.mode().wireName(), n.queries(), n.hitsBefore(), n.hitsAfter(), n.precisionBefore(),
            n.precisionAfter(), n.gain()));
      }
      return md.toString();
    }
  }

  static Report run(SparkSession spark, UnimeSettings settings) {
    RerankerSettings r = settings.reranker();
    ItemTables tables = ItemTables.pin(spark, settings.storage());
    EmbeddingModel embedder = EmbeddingModels.open(settings.models().embedder().uri(),
        DeviceSpec.parse(settings.models().device()), settings.models().embedder().inferenceBatchSize());
    Map<String, String> setOfQuery = new HashMap<>();
    Map<String, Set<String>> positives = new HashMap<>();
    List<HeldOutSet> sets = new ArrayList<>();
    List<Row> topK = new ArrayList<>();
    int depth = r.topK().get(r.topK().size() - 1);
    for (String set : r.heldOutSets()) {
      List<LabeledQuery> queries = tables.queries(filter(set), r.maxQueriesPerDataset());
      ItemTables.Pool pool = queries.isEmpty() ? new ItemTables.Pool(List.of(), "none") : tables.textPool(queries);
      Set<String> poolIds = new HashSet<>();
      pool.items().forEach(item -> poolIds.add(item.id()));
      List<LabeledQuery> scored =
          queries.stream().filter(q -> q.positiveIds().stream().anyMatch(poolIds::contains)).toList();
      sets.add(new HeldOutSet(set, scored.size(), queries.size() - scored.size(), poolIds.size(), pool.description()));
      if (scored.isEmpty()) {
        continue;
      }
      float[][] poolVectors = embedder.embed(pool.items());
      float[][] queryVectors = embedder.embed(scored.stream().map(LabeledQuery::query).toList());
      for (int q = 0; q < scored.size(); q++) {
        String id = scored.get(q).query().id();
        int[] top = Ranking.topK(Cosine.scores(queryVectors[q], poolVectors), depth);
        for (int rank = 0; rank < top.length; rank++) {
          topK.add(RowFactory.create(id, rank + 1, pool.items().get(top[rank]).id()));
        }
        setOfQuery.put(id, set);
        positives.put(id, Set.copyOf(scored.get(q).positiveIds()));
      }
    }
    if (topK.isEmpty()) {
      throw new IllegalStateException("Cannot rerank: no query of the held-out sets " + r.heldOutSets() + " has a"
          + " positive in its pool (got " + sets + "); ingest the held-out splits or fix unime.reranker.held-out-sets");
    }
    ModelRef reranker = new ModelRef(r.uri(), settings.models().device(), r.batchSize());
    Dataset<Row> retrieved = spark.createDataFrame(topK, TOP_K);
    for (int k : r.topK()) {
      for (RerankMode mode : r.modes()) {
        RerankStage stage = RerankStage.of(reranker, mode, k).withPartitions(r.partitions());
        stage.write(spark, stage.rerank(retrieved, tables.queryRows(), tables.candidateRows()), r.table());
      }
    }
    List<Gain> gains = gains(spark, r, setOfQuery, positives);
    return new Report(settings.models().embedder().uri() + " (version " + shortVersion(embedder.version()) + ")",
        r.uri() + " (version " + shortVersion(reranker.version()) + ")", r.table(), sets, gains);
  }

  /** Reads each (mode, k) slice back from the table and counts hits per set, then pooled. */
  private static List<Gain> gains(
      SparkSession spark, RerankerSettings r, Map<String, String> setOfQuery, Map<String, Set<String>> positives) {
    List<Gain> out = new ArrayList<>();
    for (int k : r.topK()) {
      for (RerankMode mode : r.modes()) {
        Map<String, List<Row>> byQuery = new LinkedHashMap<>();
        spark.read().format("delta").load(r.table())
            .filter(col("mode").equalTo(mode.wireName()).and(col("top_k").equalTo(k)))
            .select("query_id", "candidate_id", "rank_before", "rank_after").orderBy("query_id").collectAsList()
            .stream().filter(row -> setOfQuery.containsKey(row.getString(0)))
            .forEach(row -> byQuery.computeIfAbsent(row.getString(0), id -> new ArrayList<>()).add(row));
        Map<String, List<RankedQuery>> bySet = new LinkedHashMap<>();
        r.heldOutSets().forEach(set -> bySet.put(set, new ArrayList<>()));
        byQuery.forEach((id, rows) -> bySet.get(setOfQuery.get(id))
            .add(new RankedQuery(id, order(rows, 2), order(rows, 3), positives.get(id))));
        List<RankedQuery> all = new ArrayList<>();
        bySet.forEach((set, queries) -> {
          if (!queries.isEmpty()) {
            out.add(new Gain(set, mode, k, RerankGain.of(queries)));
            all.addAll(queries);
          }
        });
        out.add(new Gain(ALL, mode, k, RerankGain.of(all)));
      }
    }
    return out;
  }

  /** Candidate ids ordered by the rank in column {@code rankColumn}. */
  private static List<String> order(List<Row> rows, int rankColumn) {
    return rows.stream().sorted(Comparator.comparingInt(row -> row.getInt(rankColumn)))
        .map(row -> row.getString(1)).toList();
  }

  /** The held-out sets of HeldOutEvaluator (udfs.unime), which keeps its filter private. */
  private static Column filter(String set) {
    return switch (set) {
      case "eval-unseen-concept", "eval-unseen-vendor" ->
          col(ItemSchema.SPLIT).equalTo(set).and(col(ItemSchema.MODALITY).equalTo("image-text"));
      case "fashion-mnist-test" ->
          col(ItemSchema.SPLIT).equalTo("test").and(col(ItemSchema.DATASET).equalTo("fashion-mnist"));
      default -> throw new IllegalArgumentException("Cannot rerank held-out set " + set + ": expected one of"
          + " eval-unseen-concept, eval-unseen-vendor, fashion-mnist-test");
    };
  }

  private static String shortVersion(String version) {
    return version.length() > 12 ? version.substring(0, 12) : version;
  }
}
