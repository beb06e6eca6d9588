package org.unime.udfs.mining;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.unime.pipeline.mining.HardNegativeSampler;
import org.unime.pipeline.mining.JudgedCandidate;
import org.unime.pipeline.mining.MinedNegatives;
import org.unime.pipeline.mining.MiningQuery;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.udfs.spark.ScalaValues;

/**
 * Executor side of the mine stage: one input row per query (its positive's score and its judged top-k in
 * retrieval order) → one hard-negative row, or a reject row when the query cannot be mined.
 */
final class SampleNegatives implements MapPartitionsFunction<Row, Row> {
  private final HardNegativeSampler sampler;

  SampleNegatives(HardNegativeSampler sampler) {
    this.sampler = sampler;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> queries) {
    List<Row> out = new ArrayList<>();
    while (queries.hasNext()) {
      out.add(mine(queries.next()));
    }
    return out.iterator();
  }

  private Row mine(Row row) {
    String queryId = row.getAs("query_id");
    String dataset = row.getAs("dataset");
    String positiveId = row.getAs("positive_id");
    Object positiveScore = row.getAs("positive_score");
    List<Row> judged = new ArrayList<>(row.<Row>getList(row.fieldIndex("judged")));
    if (positiveScore == null) {
      return reject(dataset, queryId, RejectReason.NO_POSITIVE, "the positive " + positiveId + " has no judge score");
    }
    judged.sort(Comparator.comparingInt(r -> r.<Integer>getAs("rank")));
    List<JudgedCandidate> candidates = new ArrayList<>(judged.size());
    for (Row r : judged) {
      Object score = r.getAs("score");
      if (score == null) {
        return reject(dataset, queryId, RejectReason.MALFORMED_ROW,
            "retrieved candidate " + r.getAs("candidate_id") + " at rank " + r.getAs("rank") + " has no judge score");
      }
      candidates.add(new JudgedCandidate(r.getAs("candidate_id"), (Double) score));
    }
    MinedNegatives mined = sampler.sample(new MiningQuery(queryId, (Double) positiveScore, candidates));
    if (mined.negatives().isEmpty()) {
      return reject(dataset, queryId, RejectReason.NO_POSITIVE, "the stage-1 pool of the query is empty (outcome " + mined.outcome() + ")");
    }
    List<String> ids = mined.negatives().stream().map(JudgedCandidate::candidateId).toList();
    List<Double> scores = mined.negatives().stream().map(JudgedCandidate::score).toList();
    Row negatives =
        RowFactory.create(
            queryId,
            positiveId,
            (Double) positiveScore,
            ScalaValues.seq(ids),
            scala.jdk.javaapi.CollectionConverters.asScala(scores).toList(),
            mined.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
            mined.survivors(),
            mined.falseNegativesRemoved(),
            mined.alpha());
    return RowFactory.create(negatives, null);
  }

  private static Row reject(String dataset, String queryId, RejectReason reason, String detail) {
    Row reject = RowFactory.create("mine", dataset, queryId, reason.wireName(), "Cannot mine query " + queryId + ": " + detail);
    return RowFactory.create(null, reject);
  }
}
