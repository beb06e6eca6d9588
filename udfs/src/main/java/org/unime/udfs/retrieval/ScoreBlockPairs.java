package org.unime.udfs.retrieval;

import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.unime.pipeline.mining.BlockScorer;
import org.unime.pipeline.mining.BoundedTopK;
import org.unime.pipeline.mining.CandidateBlock;
import org.unime.pipeline.mining.QueryBlock;
import org.unime.pipeline.mining.RetrievalFilter;
import org.unime.pipeline.mining.ScoredCandidate;
import org.unime.udfs.spark.ScalaValues;

/**
 * Executor side of the blocked exact search: for each (query block, candidate block) pair, a dense matrix product
 * and a bounded heap per query give that block's partial top-k. Partial lists are merged exactly afterwards.
 */
final class ScoreBlockPairs implements MapPartitionsFunction<Row, Row> {
  static final StructType PARTIAL =
      createStructType(
          List.of(
              createStructField("query_id", StringType, false),
              createStructField("candidate_id", StringType, false),
              createStructField("similarity", FloatType, false)));

  private final int k;
  private final float maxSimilarity;
  private final KernelChoice kernel;

  ScoreBlockPairs(int k, float maxSimilarity, KernelChoice kernel) {
    this.k = k;
    this.maxSimilarity = maxSimilarity;
    this.kernel = kernel;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> pairs) {
    BlockScorer scorer = BlockScorer.builder(kernel.create()).build();
    List<Row> out = new ArrayList<>();
    while (pairs.hasNext()) {
      Row pair = pairs.next();
      QueryBlock queries = queryBlock(pair);
      CandidateBlock candidates =
          new CandidateBlock(
              ScalaValues.list(pair.getAs("c_ids")),
              VectorCodec.unpack(pair.getAs("c_vectors")),
              pair.<Integer>getAs("c_dim"));
      if (queries.dim() != candidates.dim()) {
        throw new IllegalArgumentException(
            "Cannot score block " + pair.getAs("q_block") + " against " + pair.getAs("c_block")
                + ": query dimension " + queries.dim() + " differs from candidate dimension " + candidates.dim());
      }
      List<BoundedTopK> tops = new ArrayList<>(queries.size());
      for (int i = 0; i < queries.size(); i++) {
        tops.add(BoundedTopK.keeping(k));
      }
      scorer.score(queries, candidates, tops);
      for (int i = 0; i < queries.size(); i++) {
        for (ScoredCandidate c : tops.get(i).sortedDescending()) {
          out.add(RowFactory.create(queries.ids().get(i), c.candidateId(), c.similarity()));
        }
      }
    }
    return out.iterator();
  }

  private QueryBlock queryBlock(Row pair) {
    List<String> ids = ScalaValues.list(pair.getAs("q_ids"));
    List<Object> excluded = pair.getList(pair.fieldIndex("q_excluded"));
    List<RetrievalFilter> filters = new ArrayList<>(ids.size());
    for (Object positives : excluded) {
      filters.add(new RetrievalFilter(maxSimilarity, new HashSet<>(ScalaValues.list(positives))));
    }
    return new QueryBlock(ids, VectorCodec.unpack(pair.getAs("q_vectors")), pair.<Integer>getAs("q_dim"), filters);
  }
}
