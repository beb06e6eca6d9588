package org.unime.udfs.evaluate;

/**
 * Names of the evaluation suites, the {@code suite} column of the results table. Each suite is one kind of set
 * scored one way (docs/results.md lists what each measures).
 */
public final class Suites {
  /** MMEB-style P@1 on our held-out splits: each query against its ground truth (index 0) and distractors. */
  public static final String MMEB_STYLE = "mmeb-style";
  /** P@1 on MMEB-eval task files ({@code unime.evaluation.mmeb.dir}), scored unchanged. */
  public static final String MMEB_EVAL = "mmeb-eval";
  /** Text→image and image→text recall@k on the unseen-concept labels and images of each dataset. */
  public static final String RECALL = "recall";
  /** Text→image and image→text recall@k on a Karpathy-split file ({@code unime.evaluation.karpathy.file}). */
  public static final String KARPATHY = "karpathy";
  /** Compositional pair accuracy on sets built from our held-out images ({@code udfs.eval.CompositionalSets}). */
  public static final String COMPOSITIONAL = "compositional";
  /** SugarCrepe pair accuracy ({@code unime.evaluation.sugar-crepe.dir}). */
  public static final String SUGAR_CREPE = "sugar-crepe";
  /** P@1 before and after the reranker on the MMEB-style (and MMEB-eval) tasks. */
  public static final String RERANK = "rerank";

  /** Task name of a suite's mean over everything in it. */
  public static final String OVERALL = "overall";

  private Suites() {}
}
