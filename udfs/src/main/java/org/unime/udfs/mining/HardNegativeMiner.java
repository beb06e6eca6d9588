package org.unime.udfs.mining;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.unime.pipeline.mining.HardNegativeSampler;
import org.unime.udfs.delta.ItemSchema;

/**
 * The mine stage on Spark: joins each query's retrieved top-k (in rank order) with the judge's scores and its
 * positive's score, and runs the spec's sampler per query on executors. Queries that cannot be mined (no judged
 * positive, an empty pool, a retrieved pair without a judge score) become rejects, never silent drops.
 */
public final class HardNegativeMiner {
  /** One output row: the hard-negative row, or the reject. */
  public static final StructType OUTCOME =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("mined", MiningSchemas.HARD_NEGATIVES, true),
              DataTypes.createStructField("reject", ItemSchema.REJECTS, true)));

  private final HardNegativeSampler sampler;

  public HardNegativeMiner(HardNegativeSampler sampler) {
    this.sampler = sampler;
  }

  /**
   * @param queries the queries to mine (id, dataset, positive_ids); the first positive is the one judged
   * @param retrieval (query_id, rank, candidate_id, ...)
   * @param judgments (query_id, candidate_id, score, is_positive, ...)
   * @return rows of {@link #OUTCOME}
   */
  public Dataset<Row> mine(Dataset<Row> queries, Dataset<Row> retrieval, Dataset<Row> judgments) {
    Dataset<Row> wanted =
        queries.select(
            col(ItemSchema.ID).as("query_id"),
            col(ItemSchema.DATASET).as("dataset"),
            element_at(col(ItemSchema.POSITIVE_IDS), 1).as("positive_id"));
    Dataset<Row> positiveScores =
        judgments
            .filter(col("is_positive"))
            .select(col("query_id"), col("candidate_id").as("positive_id"), col("score").as("positive_score"));
    Dataset<Row> judged =
        retrieval
            .select("query_id", "rank", "candidate_id")
            .join(
                judgments.filter(col("is_positive").equalTo(false)).select("query_id", "candidate_id", "score"),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("query_id", "candidate_id")).toSeq(),
                "left")
            .groupBy("query_id")
            .agg(collect_list(struct(col("rank"), col("candidate_id"), col("score"))).as("judged"));
    Dataset<Row> input =
        wanted
            .join(judged, scala.jdk.javaapi.CollectionConverters.asScala(List.of("query_id")).toSeq(), "left")
            .join(positiveScores,
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("query_id", "positive_id")).toSeq(), "left")
            .withColumn("judged", coalesce(col("judged"), array().cast(judged.schema().apply("judged").dataType())));
    return input.mapPartitions(new SampleNegatives(sampler), Encoders.row(OUTCOME));
  }
}
