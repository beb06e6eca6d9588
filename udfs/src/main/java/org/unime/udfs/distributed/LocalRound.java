package org.unime.udfs.distributed;

import ai.djl.ndarray.NDArray;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.broadcast.Broadcast;
import org.unime.udfs.train.BatchContext;
import org.unime.udfs.train.BatchGradients;
import org.unime.udfs.train.Checkpoint;
import org.unime.udfs.train.StepResult;
import org.unime.udfs.train.TrainingConfig;
import org.unime.udfs.train.TrainingLock;
import org.unime.udfs.train.TrainingLoop;
import org.unime.udfs.train.TrainingTask;

/**
 * One partition's part of a local SGD round, on its executor: restore the round's starting state (weights, AdamW
 * moments, step) into the replica's own loop, run a local optimizer step on each of its shards in turn (its share of
 * the global batch of each step of the round; the loss is the shard's mean, so each local step is an ordinary step
 * on a smaller batch), and return the resulting state for averaging. Runs inside the training lock.
 *
 * @param runKey the trainer's run key (selects the replica)
 * @param recipe how to build the replica
 * @param start the round's starting state
 * @param config the loop configuration (schedule, clipping, AdamW)
 */
record LocalRound(String runKey, Broadcast<ReplicaRecipe> recipe, Broadcast<Checkpoint> start, TrainingConfig config)
    implements Serializable {

  /**
   * A partition's work: its shard of each step's batch.
   *
   * @param partition index
   * @param examples {@code examples[h]} is its shard of step {@code start + h}
   */
  record Work(int partition, int[][] examples) implements Serializable {}

  StateSum run(Work work) {
    Replicas.Replica replica = Replicas.get(runKey, recipe);
    return TrainingLock.withLock(
        () -> {
          long begin = System.nanoTime();
          TrainingLoop loop = replica.loop(config);
          replica.invalidate();
          loop.restore(start.value());
          int first = start.value().step();
          int steps = work.examples().length;
          double[] loss = new double[steps];
          double[] norm = new double[steps];
          Map<String, double[]> terms = new TreeMap<>();
          long examples = 0;
          for (int h = 0; h < steps; h++) {
            int[] shard = work.examples()[h];
            ShardWork.Terms stepTerms = new ShardWork.Terms();
            ShardedTask task = replica.task();
            TrainingTask local = ShardWork.adapter(task, (context, e) -> stepTerms.read(meanLoss(task, context, e)));
            BatchGradients g = TrainingLoop.gradients(local, shard, first + h, config.seed());
            StepResult r = loop.apply(g);
            loss[h] = r.loss();
            norm[h] = r.gradientNorm();
            int step = h;
            stepTerms.values.forEach((k, v) -> terms.computeIfAbsent(k, x -> new double[steps])[step] = v);
            examples += shard.length;
          }
          return StateSum.of(
              loop.checkpoint(), examples, loss, norm, terms, System.nanoTime() - begin, ShardWork.executor());
        });
  }

  /** The shard's own mean loss, either way the task splits. */
  private static ShardedTask.PartialLoss meanLoss(ShardedTask task, BatchContext context, int[] examples) {
    if (task.split() == ShardedTask.Split.PER_EXAMPLE) {
      return task.partialLoss(context, examples, examples.length);
    }
    NDArray reps = task.representations(context, examples);
    return task.representationLoss(context.manager(), reps, examples);
  }
}
