package org.unime.pipeline.mining;

/** Which branch of spec §4 produced a query's negatives. */
public enum SamplingOutcome {
  /** The traversal picked the minimum number of distinct survivors; no repeats. */
  SAMPLED,

  /** Fewer picks than the minimum, so the picks were repeated cyclically (c0..c6, c0, c1, c2); has duplicates. */
  CYCLIC_REPEAT,

  /**
   * No survivor: negatives drawn at random from the pool, every score set to the fallback score. A pool smaller
   * than the minimum is drawn whole (in random order) and repeated cyclically, so it has duplicates.
   */
  FALLBACK,

  /** The pool was empty, so not even the fallback can draw: no negatives. Callers route the query to rejects. */
  EMPTY_POOL
}
