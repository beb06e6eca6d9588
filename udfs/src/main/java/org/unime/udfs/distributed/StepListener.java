package org.unime.udfs.distributed;

/**
 * Observes a {@link DistributedTrainer} on the driver: a metrics sink, a progress reporter, or a test's crash
 * injector. Called on the driver thread between steps; an exception thrown here stops training at that point (the
 * last checkpoint stays valid).
 */
public interface StepListener {

  /** After step {@code metrics.step()} was applied (and before a checkpoint due at it). */
  void onStep(StepMetrics metrics);

  /**
   * Just before a checkpoint holding {@code completedSteps} steps is written: the moment to flush buffered metrics
   * (flushed rows are then never older than the checkpoint a resumed run starts from; rows of steps redone after a
   * resume must be written idempotently, keyed by step).
   */
  default void beforeCheckpoint(int completedSteps) {}
}
