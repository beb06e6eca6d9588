package org.unime.udfs.distributed;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.udfs.train.ParameterSnapshot;
import org.unime.udfs.train.TrainingConfig;
import org.unime.udfs.train.TrainingLock;
import org.unime.udfs.train.TrainingLoop;

/**
 * The executor side's per-JVM cache of model replicas, one per training run (keyed by the trainer's run key), built
 * from the run's {@link ReplicaRecipe} on first use. Every task of the JVM shares the replica; its weights are
 * replaced when a step's weights broadcast differs from the one loaded, so concurrent tasks of one step load them
 * once. Holds at most {@value #CAPACITY} runs; the least recently used is closed when a new one arrives (an executor
 * serving run after run does not leak models).
 */
final class Replicas {
  private static final Logger LOG = LoggerFactory.getLogger(Replicas.class);
  private static final int CAPACITY = 2;
  private static final Map<String, Replica> CACHE = new LinkedHashMap<>(4, 0.75f, true);

  private Replicas() {}

  /** The run's replica, building it from the broadcast recipe when this JVM has none. */
  static Replica get(String runKey, Broadcast<ReplicaRecipe> recipe) {
    synchronized (CACHE) {
      Replica replica = CACHE.get(runKey);
      if (replica == null) {
        long start = System.nanoTime();
        replica = new Replica(recipe.value().build());
        CACHE.put(runKey, replica);
        LOG.info("Built the model replica of training run {} in {} ms", runKey, (System.nanoTime() - start) / 1_000_000);
        evictBeyondCapacity();
      }
      return replica;
    }
  }

  /** Closes and forgets the run's replica in this JVM (the driver's JVM in local mode); a no-op when absent. */
  static void release(String runKey) {
    synchronized (CACHE) {
      Replica replica = CACHE.remove(runKey);
      if (replica != null) {
        TrainingLock.withLock(replica::close);
      }
    }
  }

  private static void evictBeyondCapacity() {
    Iterator<Map.Entry<String, Replica>> it = CACHE.entrySet().iterator();
    while (CACHE.size() > CAPACITY && it.hasNext()) {
      Replica old = it.next().getValue();
      it.remove();
      TrainingLock.withLock(old::close);
    }
  }

  /** A model replica and which weights it holds. Use only inside the training lock. */
  static final class Replica {
    private final ShardedTask task;
    private String weightsKey;
    private TrainingLoop loop;

    private Replica(ShardedTask task) {
      this.task = task;
    }

    ShardedTask task() {
      return task;
    }

    /** Loads {@code weights} unless the weights named {@code key} are already loaded. */
    void refresh(String key, Broadcast<ParameterSnapshot> weights) {
      if (!key.equals(weightsKey)) {
        weights.value().copyInto(task.block());
        weightsKey = key;
      }
    }

    /**
     * The replica's own optimizer loop (local SGD), created on first use with {@code config}; it trains this
     * replica's block, so the weights no longer match any broadcast afterwards ({@link #invalidate()}).
     */
    TrainingLoop loop(TrainingConfig config) {
      if (loop == null) {
        loop = TrainingLoop.create(config, task);
      }
      return loop;
    }

    /** Forgets which broadcast the weights came from: the next {@link #refresh} reloads them. */
    void invalidate() {
      weightsKey = null;
    }

    private Void close() {
      if (loop != null) {
        loop.close();
      }
      task.close();
      return null;
    }
  }
}
