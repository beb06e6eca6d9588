package org.unime.udfs.evaluate;

import java.util.List;
import org.unime.udfs.embed.EmbeddingInput;

/**
 * The extension point for a second-stage reranker (spec section 6, UniME-V2-Reranker): given a query and the
 * embedder's top candidates, best first, it returns the same candidates' ids in its own order, best first. The
 * evaluator measures P@1 before and after on every MMEB-style task ({@link org.unime.pipeline.eval.RerankGain});
 * without a reranker those rows are reported as pending.
 *
 * <p>Contract: the returned list is a permutation of the given candidates' ids (nothing added, dropped or repeated);
 * anything else fails the evaluation with the query's id. The evaluator calls it on the driver, one query at a time,
 * from one thread. {@link #close()} releases the model; the evaluator does not call it (the caller owns the
 * reranker).
 *
 * <p>Plugging one in: wrap the reranker model (e.g. {@code udfs.rerank.RerankerModel}, whose items are
 * {@code JudgeItem(id, text, image)}, the same three fields as {@link EmbeddingInput}) and hand it to
 * {@link EvaluationRun#withReranker}; the {@code evaluate} command's {@code EvaluateJob.reranker} is the place.
 */
public interface Reranker extends AutoCloseable {

  /** Identifies the reranker in reports, e.g. {@code unime-v2-reranker@<version>}. */
  String id();

  /**
   * Reorders {@code candidates} (the embedder's top {@code unime.evaluation.rerank-depth}, best first).
   *
   * @return the candidates' ids, best first
   */
  List<String> rerank(EmbeddingInput query, List<EmbeddingInput> candidates);

  @Override
  default void close() {}
}
