package org.unime.udfs.rerank;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.unime.pipeline.rerank.RerankMode;
import org.unime.pipeline.rerank.Reranking;
import org.unime.udfs.delta.DeltaTables;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.stages.ModelRef;

/**
 * Reranks each query's embedder top-k with a trained reranker on executors. Rows of one query are brought together
 * (repartition by query, sort by rank) and reranked in one call; the reranker is loaded once per executor JVM.
 *
 * <pre>{@code
 * RerankStage stage = RerankStage.of(new ModelRef(uri, "cpu", 32), RerankMode.LISTWISE, 10);
 * Dataset<Row> reranked = stage.rerank(retrieval, queries, candidates);
 * stage.write(spark, reranked, path);
 * }</pre>
 *
 * <p>Immutable; the {@code with...} methods return changed copies. Only the small {@link ModelRef} travels to
 * executors.
 */
public final class RerankStage {
  /** The reranked table: one row per (query, candidate) of the top-k, for one mode, k and reranker version. */
  public static final StructType RERANKED =
      createStructType(
          List.of(
              createStructField("query_id", StringType, false),
              createStructField("candidate_id", StringType, false),
              createStructField("rank_before", IntegerType, false),
              createStructField("rank_after", IntegerType, false),
              createStructField("score", DoubleType, false),
              createStructField("mode", StringType, false),
              createStructField("top_k", IntegerType, false),
              createStructField("reranker_version", StringType, false)));

  private final ModelRef reranker;
  private final RerankMode mode;
  private final int k;
  private final int partitions;

  private RerankStage(ModelRef reranker, RerankMode mode, int k, int partitions) {
    if (k < 1) {
      throw new IllegalArgumentException("Cannot rerank: k must be >= 1 (got " + k + ")");
    }
    if (partitions < 0) {
      throw new IllegalArgumentException(
          "Cannot rerank: partitions must be >= 0, 0 = the session's shuffle partitions (got " + partitions + ")");
    }
    this.reranker = reranker;
    this.mode = mode;
    this.k = k;
    this.partitions = partitions;
  }

  /**
   * Reranks the top {@code k} of each query with {@code mode}; k must not exceed the model's max-candidates when
   * listwise (checked by {@link #rerank}, which reads the manifest).
   */
  public static RerankStage of(ModelRef reranker, RerankMode mode, int k) {
    return new RerankStage(reranker, mode, k, 0);
  }

  /** Repartitions by query into {@code count} partitions (0 = {@code spark.sql.shuffle.partitions}). */
  public RerankStage withPartitions(int count) {
    return new RerankStage(reranker, mode, k, count);
  }

  /**
   * @param topK (query_id, rank, candidate_id, ...): the embedder's retrieval, rank 1 the most similar; ranks
   *     above k are ignored
   * @param queries the queries table (id, text, image, ...)
   * @param candidates the candidates table (id, text, image, ...)
   * @return rows of {@link #RERANKED}; a top-k row whose query or candidate is missing from the tables is dropped
   */
  public Dataset<Row> rerank(Dataset<Row> topK, Dataset<Row> queries, Dataset<Row> candidates) {
    ModelArtifact artifact = ModelArtifact.open(reranker.uri());
    int max = RerankerConfig.fromManifest(artifact.manifest()).maxCandidates();
    if (mode == RerankMode.LISTWISE && k > max) {
      throw new IllegalArgumentException(
          "Cannot rerank listwise with " + reranker.uri() + ": its head answers over at most " + max
              + " candidates (got k=" + k + "); retrain with a larger max-candidates or lower k");
    }
    Dataset<Row> rows =
        topK.filter(col("rank").leq(k))
            .select(col("query_id"), col("rank").cast(IntegerType).as("rank"), col("candidate_id"))
            .join(queries.select(col("id").as("query_id"), col("text").as("q_text"), col("image").as("q_image")),
                "query_id")
            .join(candidates.select(col("id").as("candidate_id"), col("text").as("c_text"),
                col("image").as("c_image")), "candidate_id");
    rows = partitions > 0 ? rows.repartition(partitions, col("query_id")) : rows.repartition(col("query_id"));
    return rows
        .sortWithinPartitions(col("query_id"), col("rank"))
        .select("query_id", "q_text", "q_image", "rank", "candidate_id", "c_text", "c_image")
        .mapPartitions(new RerankPartition(reranker, artifact.manifest().version(), mode, k),
            Encoders.row(RERANKED));
  }

  /**
   * Writes this stage's rows (from {@link #rerank}) to the Delta table at {@code path}, replacing the rows of the same
   * mode and k (whatever reranker version wrote them) and keeping the others, so a rerun replaces and never
   * duplicates. The table is created on first write.
   */
  public void write(SparkSession spark, Dataset<Row> reranked, String path) {
    if (!DeltaTables.exists(spark, path)) {
      reranked.write().format("delta").mode("errorifexists").save(path);
      return;
    }
    String slice = "mode = '" + mode.wireName() + "' AND top_k = " + k;
    reranked.write().format("delta").mode("overwrite").option("replaceWhere", slice).save(path);
  }

  /** Reranks the consecutive rows of each query. */
  private static final class RerankPartition implements MapPartitionsFunction<Row, Row> {
    private final ModelRef ref;
    private final String version;
    private final RerankMode mode;
    private final int k;

    RerankPartition(ModelRef ref, String version, RerankMode mode, int k) {
      this.ref = ref;
      this.version = version;
      this.mode = mode;
      this.k = k;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      RerankerModel model = RerankerModels.open(ref.uri(), DeviceSpec.parse(ref.device()), ref.batchSize());
      if (!model.version().equals(version)) {
        throw new IllegalStateException(
            "Cannot rerank with " + ref.uri() + ": the driver planned version " + version + " but the executor"
                + " loaded " + model.version() + "; the artifact changed during the run");
      }
      List<Row> out = new ArrayList<>();
      List<Row> group = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        if (!group.isEmpty() && !group.get(0).getString(0).equals(row.getString(0))) {
          rerankGroup(model, group, out);
          group.clear();
        }
        group.add(row);
      }
      if (!group.isEmpty()) {
        rerankGroup(model, group, out);
      }
      return out.iterator();
    }

    /** One query's top-k, in rank order: (query_id, q_text, q_image, rank, candidate_id, c_text, c_image). */
    private void rerankGroup(RerankerModel model, List<Row> group, List<Row> out) {
      Row first = group.get(0);
      String queryId = first.getString(0);
      JudgeItem query = new JudgeItem(queryId, first.getString(1), (byte[]) first.get(2));
      List<JudgeItem> candidates = new ArrayList<>(group.size());
      for (Row row : group) {
        candidates.add(new JudgeItem(row.getString(4), row.getString(5), (byte[]) row.get(6)));
      }
      Reranking reranking = model.rerank(query, candidates, mode);
      double[] scores = reranking.scores();
      for (int i = 0; i < group.size(); i++) {
        Row row = group.get(i);
        out.add(RowFactory.create(queryId, row.getString(4), row.getInt(3), reranking.rankAfter(i), scores[i],
            mode.wireName(), k, version));
      }
    }
  }
}
