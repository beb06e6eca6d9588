package org.unime.udfs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.judge.JudgeModel;
import org.unime.udfs.judge.PrefixHandle;
import org.unime.udfs.mining.MiningSchemas;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The judge stage: P(Yes) for every retrieved (query, candidate) pair and for each query's positive, with the
 * query's prefix encoded once and reused for all its candidates. Pairs are grouped by query (repartition + sort),
 * and pairs already judged by the same judge version are skipped, so a re-run, or a resumed run after a crash,
 * scores only what is missing.
 */
public final class JudgeStage {
  private final ModelRef judge;
  private final int partitions;

  public JudgeStage(ModelRef judge, int partitions) {
    this.judge = judge;
    this.partitions = partitions;
  }

  /**
   * @param queries queries to judge (id, text, image, positive_ids); the first positive is judged
   * @param candidates the candidate table (id, text, image)
   * @param retrieval (query_id, candidate_id, ...)
   * @param existing the current judgments table, or null
   * @return new judgment rows ({@link MiningSchemas#JUDGMENTS})
   */
  public Dataset<Row> judge(Dataset<Row> queries, Dataset<Row> candidates, Dataset<Row> retrieval, Dataset<Row> existing) {
    String version = judge.version();
    Dataset<Row> pairs =
        retrieval.select(col("query_id"), col("candidate_id"), lit(false).as("is_positive"))
            .unionByName(
                queries.select(col("id").as("query_id"), element_at(col("positive_ids"), 1).as("candidate_id"),
                    lit(true).as("is_positive")))
            .join(queries.select(col("id").as("query_id")), "query_id")
            .dropDuplicates("query_id", "candidate_id");
    if (existing != null) {
      pairs = pairs.join(
          existing.filter(col("judge_version").equalTo(lit(version))).select("query_id", "candidate_id"),
          CollectionConverters.asScala(List.of("query_id", "candidate_id")).toSeq(), "left_anti");
    }
    Dataset<Row> withItems =
        pairs
            .join(queries.select(col("id").as("query_id"), col("text").as("q_text"), col("image").as("q_image")), "query_id")
            .join(candidates.select(col("id").as("candidate_id"), col("text").as("c_text"), col("image").as("c_image")),
                "candidate_id")
            .repartition(partitions, col("query_id"))
            .sortWithinPartitions(col("query_id"), col("candidate_id"));
    return withItems
        .select(new Column[] {col("query_id"), col("q_text"), col("q_image"), col("candidate_id"), col("c_text"),
            col("c_image"), col("is_positive")})
        .mapPartitions(new JudgePartition(judge, version), Encoders.row(MiningSchemas.JUDGMENTS));
  }

  private static final class JudgePartition implements MapPartitionsFunction<Row, Row> {
    private final ModelRef ref;
    private final String version;

    JudgePartition(ModelRef ref, String version) {
      this.ref = ref;
      this.version = version;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      JudgeModel model = ref.judge();
      if (!model.version().equals(version)) {
        throw new IllegalStateException(
            "Cannot judge with " + ref.uri() + ": the driver planned version " + version + " but the executor loaded "
                + model.version());
      }
      List<Row> out = new ArrayList<>();
      List<Row> group = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        if (!group.isEmpty() && !group.get(0).getString(0).equals(row.getString(0))) {
          scoreGroup(model, group, out);
          group.clear();
        }
        group.add(row);
      }
      if (!group.isEmpty()) {
        scoreGroup(model, group, out);
      }
      return out.iterator();
    }

    /** One query: its prefix is encoded once, then all its candidates are scored against it. */
    private void scoreGroup(JudgeModel model, List<Row> group, List<Row> out) {
      Row first = group.get(0);
      String queryId = first.getString(0);
      List<JudgeItem> candidates = new ArrayList<>(group.size());
      for (Row row : group) {
        candidates.add(new JudgeItem(row.getString(3), row.getString(4), (byte[]) row.get(5)));
      }
      float[] scores;
      try (PrefixHandle prefix = model.encodeQuery(new JudgeItem(queryId, first.getString(1), (byte[]) first.get(2)))) {
        scores = model.scoreCandidates(prefix, candidates);
      }
      for (int i = 0; i < group.size(); i++) {
        Row row = group.get(i);
        out.add(RowFactory.create(queryId, row.getString(3), (double) scores[i], row.getBoolean(6), version));
      }
    }
  }
}
