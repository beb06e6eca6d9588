package org.unime.udfs.mining;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** Column contracts of the mining stage tables (documented in the README). */
public final class MiningSchemas {
  /** {@code retrieval}: the exact top-k per query under the similarity cap, by embedding model version. */
  public static final StructType RETRIEVAL =
      createStructType(
          List.of(
              createStructField("query_id", StringType, false),
              createStructField("rank", IntegerType, false),
              createStructField("candidate_id", StringType, false),
              createStructField("similarity", FloatType, false),
              createStructField("model_version", StringType, false)));

  /** {@code judgments}: P(Yes) of each judged pair, by judge version; the positive pairs are judged too. */
  public static final StructType JUDGMENTS =
      createStructType(
          List.of(
              createStructField("query_id", StringType, false),
              createStructField("candidate_id", StringType, false),
              createStructField("score", DoubleType, false),
              createStructField("is_positive", org.apache.spark.sql.types.DataTypes.BooleanType, false),
              createStructField("judge_version", StringType, false)));

  /** {@code hard_negatives}: one row per query, the negatives in stored order with their judge scores. */
  public static final StructType HARD_NEGATIVES =
      createStructType(
          List.of(
              createStructField("query_id", StringType, false),
              createStructField("positive_id", StringType, false),
              createStructField("positive_score", DoubleType, false),
              createStructField("negative_ids", createArrayType(StringType, false), false),
              createStructField("negative_scores", createArrayType(DoubleType, false), false),
              createStructField("outcome", StringType, false),
              createStructField("survivors", IntegerType, false),
              createStructField("false_negatives_removed", IntegerType, false),
              createStructField("alpha", DoubleType, false)));

  private MiningSchemas() {}
}
