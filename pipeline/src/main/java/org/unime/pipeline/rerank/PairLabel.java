package org.unime.pipeline.rerank;

/** The target of a pairwise example; its index is the answer's column in the reranker's head (Yes, No, (1)..). */
public enum PairLabel {
  YES,
  NO;

  /** 0 for Yes, 1 for No. */
  public int answerIndex() {
    return ordinal();
  }
}
