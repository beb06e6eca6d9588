package org.unime.pipeline.mining;

/**
 * How the survivors R are walked with the sampling interval (spec §4 step 4, §9 open question 2). Both readings
 * then repeat the picked list cyclically up to the minimum number of negatives.
 */
public enum CyclicTraversal {
  /**
   * Best reading (default): offsets 0, 1, …, interval−1 in turn, each walking R[offset], R[offset + interval], …;
   * stop at the minimum count. With 50 survivors and interval 5 this gives R[0], R[5], …, R[45]; with 12 it gives
   * R[0], R[5], R[10], R[1], R[6], R[11], R[2], R[7], R[3], R[8].
   */
  WRAP_AROUND,

  /** Alternative reading A: offset 0 only (R[0], R[interval], …), so fewer than 46 survivors always repeat. */
  STRIDE_ONLY
}
