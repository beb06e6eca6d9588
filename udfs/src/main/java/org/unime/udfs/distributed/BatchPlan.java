package org.unime.udfs.distributed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import org.unime.udfs.train.BatchContext;
import org.unime.udfs.train.Checkpoint;
import org.unime.udfs.train.TrainingConfig;
import org.unime.udfs.train.TrainingLock;
import org.unime.udfs.train.TrainingLoop;
import org.unime.udfs.train.TrainingTask;

/**
 * The batches of steps ahead of a training loop, for local SGD, whose executors need a whole round's batches before
 * the driver's loop reaches them. The shared loop keeps its data order private, so this asks a second loop over a
 * one-weight stand-in task with the same configuration and example count (the order depends on nothing else),
 * positioned from a checkpoint of the real loop. Driver-only; {@link #close()} frees the stand-in.
 */
final class BatchPlan implements AutoCloseable {
  private final NDManager manager;
  private final TrainingLoop order;
  private final Checkpoint standIn;

  BatchPlan(TrainingConfig config, int exampleCount) {
    this.manager = NDManager.newBaseManager("PyTorch");
    Block block = Linear.builder().setUnits(1).build();
    TrainingLock.initializeSeeded(block, manager, 0, new Shape(1, 1));
    this.order = TrainingLoop.create(config, new StandIn(block, exampleCount));
    this.standIn = order.checkpoint();
  }

  /**
   * The example indices of step {@code step}'s batch, for a loop whose state is {@code position} (its epoch and the
   * data-order RNG state at that epoch's start); {@code step} must not be before {@code position.step()}.
   */
  int[] batch(Checkpoint position, int step) {
    if (step < position.step()) {
      throw new IllegalArgumentException("Cannot plan step " + step + ": the loop is already at step " + position.step());
    }
    order.restore(
        new Checkpoint(
            step, position.epoch(), 0, position.epochRngState(), position.exampleCount(), position.configFingerprint(),
            standIn.weights(), standIn.optimizer()));
    return order.nextBatch();
  }

  @Override
  public void close() {
    order.close();
    manager.close();
  }

  /** A task that only carries the example count; it is never asked for a loss. */
  private record StandIn(Block block, int exampleCount) implements TrainingTask {
    @Override
    public NDArray loss(BatchContext context, int[] examples) {
      throw new UnsupportedOperationException("the batch plan's stand-in task has no loss");
    }
  }
}
