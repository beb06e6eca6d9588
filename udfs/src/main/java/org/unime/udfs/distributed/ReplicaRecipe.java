package org.unime.udfs.distributed;

import java.io.Serializable;

/**
 * How an executor builds its replica of the model and the task: the model's shape and everything the task reads
 * (prepared item inputs, examples, loss settings). Broadcast once per run; {@link #build()} runs once per executor
 * JVM, after which only weights travel (every step). Implementations must be immutable and serializable, and the
 * built task's block must have the same parameter names and shapes as the driver's.
 */
@FunctionalInterface
public interface ReplicaRecipe extends Serializable {

  /** A fresh task over a fresh model; its weights are overwritten before use, so any initialisation will do. */
  ShardedTask build();
}
