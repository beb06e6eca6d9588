package org.unime.udfs.judge;

import java.util.List;

/**
 * Scores a query's candidates, higher meaning "more likely a match": the judge's P(Yes), or an embedder's cosine
 * similarity. {@link PairwiseEvaluation} compares scorers of either kind on the same pairs.
 */
public interface PairScorer {

  /** Name shown in reports. */
  String name();

  /** One score per candidate, in order. */
  float[] score(CorpusItem query, List<CorpusItem> candidates);

  /** The judge as a scorer: P(Yes), with the query prefix encoded once per call. */
  static PairScorer of(JudgeModel judge) {
    return new PairScorer() {
      @Override
      public String name() {
        return "judge:" + judge.id();
      }

      @Override
      public float[] score(CorpusItem query, List<CorpusItem> candidates) {
        return judge.score(query.toJudgeItem(), candidates.stream().map(CorpusItem::toJudgeItem).toList());
      }
    };
  }
}
