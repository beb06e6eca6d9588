package org.unime.udfs.distributed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.Serializable;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.broadcast.Broadcast;
import org.unime.udfs.train.BatchContext;
import org.unime.udfs.train.BatchGradients;
import org.unime.udfs.train.ParameterSnapshot;
import org.unime.udfs.train.TrainingLock;
import org.unime.udfs.train.TrainingLoop;
import org.unime.udfs.train.TrainingTask;

/**
 * What a Spark task of a training step does on its executor: take the JVM's replica, make sure it holds this
 * step's weights, and compute its shard's gradients (or, for GradCache, representations). Everything runs inside the
 * JVM-wide training lock, so the tasks of one executor take turns on its replica (DJL's gradient collector is global
 * to the JVM anyway). Gradients come from {@link TrainingLoop#gradients}, the same code path as a local step.
 *
 * @param runKey the trainer's run key (selects the replica)
 * @param recipe how to build the replica
 * @param weights this step's weights
 * @param step 0-based step index
 * @param seed the training seed (per-step randomness derives from it and the step, as in a local step)
 */
record ShardWork(
    String runKey, Broadcast<ReplicaRecipe> recipe, Broadcast<ParameterSnapshot> weights, int step, long seed)
    implements Serializable {

  /**
   * A shard's representations for GradCache's first pass (no autograd graph).
   *
   * @param shard which shard
   * @param values row-major {@code rows × width}
   * @param width representation length
   * @param nanos compute time
   * @param executor where it ran
   */
  record Representations(int shard, float[] values, int width, long nanos, String executor) implements Serializable {}

  /** {@link ShardedTask.Split#PER_EXAMPLE}: the shard's gradients of {@code Σ ℓ / normaliser}. */
  GradientSum gradients(Shard shard, int normaliser) {
    Replicas.Replica replica = Replicas.get(runKey, recipe);
    return TrainingLock.withLock(
        () -> {
          replica.refresh(weightsKey(), weights);
          long start = System.nanoTime();
          Terms terms = new Terms();
          ShardedTask task = replica.task();
          TrainingTask share =
              adapter(task, (context, examples) -> terms.read(task.partialLoss(context, examples, normaliser)));
          BatchGradients g = TrainingLoop.gradients(share, shard.examples(), step, seed);
          return GradientSum.of(g, terms.values, shard.examples().length, System.nanoTime() - start, executor());
        });
  }

  /** {@link ShardedTask.Split#SHARED_REPRESENTATIONS}, pass 1: the shard's representations, no gradients. */
  Representations representations(Shard shard) {
    Replicas.Replica replica = Replicas.get(runKey, recipe);
    return TrainingLock.withLock(
        () -> {
          replica.refresh(weightsKey(), weights);
          long start = System.nanoTime();
          TrainingLock.disableGradientRecording();
          ShardedTask task = replica.task();
          try (NDManager manager = managerOf(task.block()).newSubManager(); NDScope scope = new NDScope()) {
            // representations() must not depend on the context's seed (ShardedTask contract): pass 2 recomputes them.
            BatchContext context = new BatchContext(manager, new ParameterStore(manager, false), step, seed);
            NDArray reps = task.representations(context, shard.examples());
            int width = (int) reps.getShape().get(1);
            return new Representations(shard.index(), reps.toFloatArray(), width, System.nanoTime() - start, executor());
          }
        });
  }

  /**
   * {@link ShardedTask.Split#SHARED_REPRESENTATIONS}, pass 2: gradients of {@code Σ rep · ∂L/∂rep} over the shard,
   * which sum over shards to the gradient of the global loss L.
   *
   * @param representationGradients ∂L/∂rep of the whole batch, row-major, example-major rows
   */
  GradientSum surrogateGradients(Shard shard, Broadcast<float[]> representationGradients, int width) {
    Replicas.Replica replica = Replicas.get(runKey, recipe);
    return TrainingLock.withLock(
        () -> {
          replica.refresh(weightsKey(), weights);
          long start = System.nanoTime();
          ShardedTask task = replica.task();
          int rows = shard.examples().length * task.rowsPerExample();
          int from = shard.offset() * task.rowsPerExample() * width;
          float[] slice = new float[rows * width];
          System.arraycopy(representationGradients.value(), from, slice, 0, slice.length);
          TrainingTask surrogate =
              adapter(
                  task,
                  (context, examples) -> {
                    NDArray cached = context.manager().create(FloatBuffer.wrap(slice), new Shape(rows, width));
                    return task.representations(context, examples).mul(cached).sum();
                  });
          BatchGradients g = TrainingLoop.gradients(surrogate, shard.examples(), step, seed);
          return GradientSum.of(g, Map.of(), shard.examples().length, System.nanoTime() - start, executor());
        });
  }

  private String weightsKey() {
    return runKey + "/" + weights.id();
  }

  static NDManager managerOf(Block block) {
    return block.getParameters().get(0).getValue().getArray().getManager();
  }

  static String executor() {
    SparkEnv env = SparkEnv.get();
    return env == null ? "local" : env.executorId();
  }

  /** A loss function over a batch context and example indices. */
  @FunctionalInterface
  interface LossFunction {
    NDArray apply(BatchContext context, int[] examples);
  }

  /** {@code task}'s block and size with another loss: how a shard's share goes through the shared gradient path. */
  static TrainingTask adapter(ShardedTask task, LossFunction loss) {
    return new TrainingTask() {
      @Override
      public Block block() {
        return task.block();
      }

      @Override
      public int exampleCount() {
        return task.exampleCount();
      }

      @Override
      public NDArray loss(BatchContext context, int[] examples) {
        return loss.apply(context, examples);
      }
    };
  }

  /** The extra terms of the last partial loss, read as numbers while the arrays are alive. */
  static final class Terms {
    final Map<String, Double> values = new HashMap<>();

    NDArray read(ShardedTask.PartialLoss partial) {
      partial.terms().forEach((name, value) -> values.put(name, value.toType(DataType.FLOAT64, false).getDouble()));
      return partial.loss();
    }
  }
}
