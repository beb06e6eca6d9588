package org.unime.pipeline.mining;

/**
 * What α is when the positive's judge score is below β (spec §9, open question 3). α = s_t − β would then be
 * negative, every candidate would count as a false negative and the fallback would fire.
 */
public enum LowPositivePolicy {
  /** As written (default): α = s_t − β always, so s_t < β leaves no survivors and the fallback draws. */
  FALLBACK,

  /**
   * If s_t < β, use α = s_t: keep candidates the judge rates no higher than the positive. This matches released
   * record 27, which keeps 7 real negatives although s_t = 0.0085.
   */
  CLAMP_ALPHA_TO_POSITIVE
}
