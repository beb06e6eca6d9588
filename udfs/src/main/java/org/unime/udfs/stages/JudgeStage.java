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
import org.unime.udfs.mining.MiningSchemas;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The judge stage: P(Yes) for every retrieved (query, candidate) pair and for each query's positive, with the
 * query's prefix encoded once and reused for all its candidates (queries with few pairs are handed to the model
 * together, see {@link JudgeModel#scoreQueries}). Pairs are grouped by query (repartition + sort),
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
    /** Pairs handed to the model per call: enough small groups to fill its batches after sorting them by size. */
    private static final int PAIRS_PER_CALL = 2048;

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
      List<List<Row>> pending = new ArrayList<>();
      int pendingPairs = 0;
      List<Row> group = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        if (!group.isEmpty() && !group.get(0).getString(0).equals(row.getString(0))) {
          pending.add(group);
          pendingPairs += group.size();
          group = new ArrayList<>();
          if (pendingPairs >= PAIRS_PER_CALL) {
            score(model, pending, out);
            pending.clear();
            pendingPairs = 0;
          }
        }
        group.add(row);
      }
      if (!group.isEmpty()) {
        pending.add(group);
      }
      score(model, pending, out);
      return out.iterator();
    }

    /**
     * Several queries per model call, so a model that packs small groups (a refresh's few new pairs per query) can;
     * each query's prefix is still encoded once for all its candidates.
     */
    private void score(JudgeModel model, List<List<Row>> groups, List<Row> out) {
      if (groups.isEmpty()) {
        return;
      }
      List<JudgeModel.QueryCandidates> calls = new ArrayList<>(groups.size());
      for (List<Row> group : groups) {
        Row first = group.get(0);
        List<JudgeItem> candidates = new ArrayList<>(group.size());
        for (Row row : group) {
          candidates.add(new JudgeItem(row.getString(3), row.getString(4), (byte[]) row.get(5)));
        }
        calls.add(new JudgeModel.QueryCandidates(
            new JudgeItem(first.getString(0), first.getString(1), (byte[]) first.get(2)), candidates));
      }
      List<float[]> scores = model.scoreQueries(calls);
      for (int g = 0; g < groups.size(); g++) {
        List<Row> group = groups.get(g);
        for (int i = 0; i < group.size(); i++) {
          Row row = group.get(i);
          out.add(RowFactory.create(row.getString(0), row.getString(3), (double) scores.get(g)[i], row.getBoolean(6),
              version));
        }
      }
    }
  }
}
