package org.unime.udfs.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * An MLLM-as-a-judge: for one query and many candidates, the probability that each candidate meets the query's
 * requirements (spec section 3).
 *
 * <p>Score: the judge reads the prompt built by {@link JudgePrompt} (the paper's verbatim instruction with the query
 * and the candidate filled in) and, at the first answer position, takes the logits of "Yes" and "No":
 * {@code P(Yes) = softmax([l_Yes, l_No])[0] = sigmoid(l_Yes - l_No)}. Scores are in [0, 1].
 *
 * <p>Prefix reuse is part of the API's shape: the query side is encoded once with {@link #encodeQuery} and the
 * resulting {@link PrefixHandle} is reused for all of that query's candidates by {@link #scoreCandidates}, which is
 * where judging cost goes at scale (50 candidates per query in the paper). {@link #score} does both for callers that
 * hold all candidates at once.
 *
 * <p>Thread-safety: implementations are thread-safe; one instance per executor JVM is shared by all task threads
 * (see the model cache). Each {@link PrefixHandle} is confined to the thread that uses it. Candidates are scored in
 * fixed-size batches chosen by the implementation.
 *
 * <p>Failures are thrown as {@link org.unime.udfs.model.ModelException} naming the model, the batch size and the
 * first row id.
 */
public interface JudgeModel extends AutoCloseable {

  /** The model's id (e.g. {@code mini-judge}), stable across versions. */
  String id();

  /** Content hash of the weights and the configuration: two loads of the same artifact report the same version. */
  String version();

  /** Encodes the instruction and the query once; close the handle when the query's candidates are scored. */
  PrefixHandle encodeQuery(JudgeItem query);

  /**
   * Scores candidates against an encoded query.
   *
   * @param prefix a handle made by this model's {@link #encodeQuery}, not yet closed
   * @return P(Yes) per candidate, in candidate order
   */
  float[] scoreCandidates(PrefixHandle prefix, List<JudgeItem> candidates);

  /** Encodes the query, scores all candidates against it, and frees the prefix. */
  default float[] score(JudgeItem query, List<JudgeItem> candidates) {
    try (PrefixHandle prefix = encodeQuery(query)) {
      return scoreCandidates(prefix, candidates);
    }
  }

  /** One query and the candidates to score against it. */
  record QueryCandidates(JudgeItem query, List<JudgeItem> candidates) {}

  /**
   * Scores several queries' candidates. A refresh judges a few new pairs for each of many queries; a model that can
   * run several queries' prefixes and candidates through the same forward passes overrides this so such work is not
   * dominated by per-query passes of one or two rows. Results must equal {@link #score} per query up to float
   * rounding. The default scores one query at a time.
   *
   * @return P(Yes) per group, in group order, each in candidate order
   */
  default List<float[]> scoreQueries(List<QueryCandidates> groups) {
    List<float[]> out = new ArrayList<>(groups.size());
    for (QueryCandidates g : groups) {
      out.add(g.candidates().isEmpty() ? new float[0] : score(g.query(), g.candidates()));
    }
    return out;
  }

  /** Frees the model's weights; the instance must not be used afterwards. */
  @Override
  void close();
}
