package org.unime.udfs.distributed;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.udfs.train.BatchGradients;
import org.unime.udfs.train.Checkpoint;
import org.unime.udfs.train.LearningRateSchedule;
import org.unime.udfs.train.ParameterSnapshot;
import org.unime.udfs.train.StepResult;
import org.unime.udfs.train.TrainingConfig;
import org.unime.udfs.train.TrainingLock;
import org.unime.udfs.train.TrainingLoop;

/**
 * Synchronous data-parallel training on Spark with the driver as parameter server. The driver owns the model, the
 * AdamW state, the schedule and the data order (a {@link TrainingLoop} over the driver's task); each step it
 *
 * <ol>
 *   <li>draws the global batch ({@link TrainingLoop#nextBatch()}) and cuts it into {@code partitions} contiguous
 *       shards, one Spark task each;
 *   <li>broadcasts the current weights (a {@link ParameterSnapshot}, 4 bytes per parameter, fetched once per
 *       executor);
 *   <li>lets each task compute its shard's gradient on its executor's cached replica ({@link Replicas}), refreshed to
 *       the broadcast weights; the task's loss is its examples' share of the global mean, {@code Σ ℓ / B}
 *       ({@link ShardedTask.Split#PER_EXAMPLE}), or for losses that couple examples, GradCache's two passes
 *       ({@link ShardedTask.Split#SHARED_REPRESENTATIONS});
 *   <li>sums the shards' gradients with {@code treeAggregate} ({@link GradientSum}), which is the gradient of the
 *       global batch's mean loss whatever the number of partitions;
 *   <li>applies clipping and the AdamW update on the driver ({@link TrainingLoop#apply}).
 * </ol>
 *
 * <p>Checkpoints are the loop's ({@link Checkpoint}: weights, AdamW moments, step, data position, RNG state), written
 * every {@code N} steps and at the end; {@link #resume()} continues from one to the same final weights as an
 * uninterrupted run. The static data of the task (item inputs, examples) travels once, in the broadcast
 * {@link ReplicaRecipe}. Per step the driver sends {@code 4·|θ|} bytes per executor and receives {@code 4·|θ|} per
 * shard ({@link StepMetrics#bytesDown()}, {@link StepMetrics#bytesUp()}).
 *
 * <p>{@link Builder#withLocalSgd local SGD} is the alternative for communication-bound setups: each partition runs
 * several optimizer steps on its own shards between averagings of weights and AdamW moments (a round is one Spark
 * job; see {@link #trainUntil}). It is exact only on one partition.
 *
 * <p>Driver-only (holds the SparkContext): never capture it in a closure. Not thread-safe. {@link #close()} frees the
 * optimizer state, the recipe broadcast and the local replica; the driver task (and its model) stays the caller's.
 */
public final class DistributedTrainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);

  private final JavaSparkContext spark;
  private final TrainingConfig config;
  private final ShardedTask driverTask;
  private final TrainingLoop loop;
  private final Broadcast<ReplicaRecipe> recipe;
  private final String runKey = UUID.randomUUID().toString();
  private final int partitions;
  private final int depth;
  private final int checkpointEvery;
  private final Path checkpointDir;
  private final StepListener listener;
  private final long parameterCount;
  private final int localSteps;
  private final LearningRateSchedule schedule;
  private BatchPlan plan;

  private DistributedTrainer(Builder b) {
    this.spark = b.spark;
    this.config = b.config;
    this.driverTask = b.driverTask;
    this.partitions = b.partitions;
    this.depth = b.depth;
    this.checkpointEvery = b.checkpointEvery;
    this.checkpointDir = b.checkpointDir;
    this.listener = b.listener;
    this.localSteps = b.localSteps;
    this.schedule = LearningRateSchedule.linearWarmupDecay(config.learningRate(), config.warmupSteps(), config.steps());
    this.loop = TrainingLoop.create(config, driverTask);
    this.parameterCount = ParameterSnapshot.of(driverTask.block()).elementCount();
    this.recipe = spark.broadcast(b.recipe);
  }

  /**
   * A trainer of {@code driverTask}'s model (initialised, on the driver) whose executors build their replicas with
   * {@code recipe}; {@code config} is the optimizer, schedule and data-order configuration of a local loop.
   */
  public static Builder builder(
      JavaSparkContext spark, TrainingConfig config, ShardedTask driverTask, ReplicaRecipe recipe) {
    return new Builder(spark, config, driverTask, recipe);
  }

  /** Restores the checkpoint in the configured directory when there is one; returns whether it did. */
  public boolean resume() {
    if (checkpointDir == null) {
      throw new IllegalStateException("Cannot resume: no checkpoint directory was configured (withCheckpoints)");
    }
    return loop.resumeFrom(checkpointDir);
  }

  public int completedSteps() {
    return loop.completedSteps();
  }

  public boolean finished() {
    return loop.finished();
  }

  public TrainingConfig config() {
    return config;
  }

  /** Number of trained parameters (floats per weight broadcast and per gradient). */
  public long parameterCount() {
    return parameterCount;
  }

  /** The complete training state now (what a checkpoint holds). */
  public Checkpoint checkpoint() {
    return loop.checkpoint();
  }

  /** Runs steps until the configured total is done. */
  public void trainToEnd() {
    trainUntil(config.steps());
  }

  /**
   * Runs steps until {@code stopStep} steps are complete (at most the configured total). With local SGD, training
   * advances a round at a time and rounds end at multiples of the round length, so it may stop up to a round later.
   */
  public void trainUntil(int stopStep) {
    int target = Math.min(stopStep, config.steps());
    while (loop.completedSteps() < target) {
      List<StepMetrics> done = localSteps > 0 ? round() : List.of(step());
      for (StepMetrics m : done) {
        if (m.step() % config.logEvery() == 0 || m.step() + 1 == target) {
          LOG.info(
              "train step {}/{} loss {} lr {} grad-norm {} {} samples/s, communication {}%",
              m.step() + 1, config.steps(), String.format("%.4f", m.loss()), String.format("%.3g", m.learningRate()),
              String.format("%.3f", m.gradientNorm()), String.format("%.1f", m.samplesPerSecond()),
              String.format("%.0f", 100 * m.communicationShare()));
        }
      }
    }
  }

  /** One synchronous data-parallel step; writes a checkpoint when one is due. */
  public StepMetrics step() {
    requireEveryStep("step");
    long start = System.nanoTime();
    int step = loop.completedSteps();
    int[] batch = loop.nextBatch();
    Outcome outcome = compute(step, batch);
    long updateStart = System.nanoTime();
    StepResult result = loop.apply(outcome.sum().toBatchGradients(outcome.loss(), batch.length));
    long end = System.nanoTime();
    int executors = executorCount();
    long bytesDown = 4L * parameterCount * executors + 4L * batch.length + outcome.extraBytesDown() * executors;
    long bytesUp = 4L * parameterCount * outcome.sum().shards() + outcome.extraBytesUp();
    StepMetrics metrics =
        new StepMetrics(
            step, result.loss(), outcome.terms(), result.learningRate(), result.gradientNorm(), batch.length,
            outcome.sum().shards(), (end - start) / 1e9, outcome.computeNanos() / 1e9, (end - updateStart) / 1e9,
            bytesDown, bytesUp);
    if (listener != null) {
      listener.onStep(metrics);
    }
    checkpointIfDue(step);
    return metrics;
  }

  /**
   * Local SGD: one round of up to {@code localSteps} steps, ending at the next multiple of the round length (or the
   * last step). Each partition restores the round's starting state, runs a local optimizer step on its shard of each
   * step's global batch, and returns its state; the driver averages weights and AdamW moments (weighted by
   * examples) and continues from the average. The metrics of a local step are the partitions' example-weighted
   * means; time and bytes are the round's, divided evenly over its steps.
   */
  private List<StepMetrics> round() {
    long start = System.nanoTime();
    Checkpoint begin = loop.checkpoint();
    int first = begin.step();
    int steps = Math.min((first / localSteps + 1) * localSteps, config.steps()) - first;
    if (plan == null) {
      plan = new BatchPlan(config, driverTask.exampleCount());
    }
    int[][][] shards = new int[partitions][steps][];
    for (int h = 0; h < steps; h++) {
      List<Shard> split = Shard.split(plan.batch(begin, first + h), partitions);
      for (int p = 0; p < partitions; p++) {
        shards[p][h] = split.get(p).examples();
      }
    }
    List<LocalRound.Work> work = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      work.add(new LocalRound.Work(p, shards[p]));
    }
    Broadcast<Checkpoint> state = spark.broadcast(begin);
    StateSum sum;
    try {
      LocalRound round = new LocalRound(runKey, recipe, state, config);
      sum =
          spark.parallelize(work, partitions)
              .treeAggregate(StateSum.zero(), (acc, w) -> acc.merge(round.run(w)), StateSum::merge, depth);
    } finally {
      state.destroy();
    }
    if (sum.partitions() != partitions) {
      throw new IllegalStateException(
          "Cannot average the round: " + sum.partitions() + " of " + partitions + " partitions reported");
    }
    long updateStart = System.nanoTime();
    loop.restore(sum.average(begin, first + steps));
    long end = System.nanoTime();
    long state3 = 3L * 4L * parameterCount;
    long bytesDown = (state3 * executorCount() + 4L * config.batchSize() * steps) / steps;
    long bytesUp = state3 * partitions / steps;
    List<StepMetrics> out = new ArrayList<>();
    for (int h = 0; h < steps; h++) {
      StepMetrics m =
          new StepMetrics(
              first + h, sum.loss(h), sum.terms(h), schedule.at(first + h), sum.gradientNorm(h), config.batchSize(),
              partitions, (end - start) / 1e9 / steps, sum.criticalPathNanos() / 1e9 / steps,
              (end - updateStart) / 1e9 / steps, bytesDown, bytesUp);
      out.add(m);
      if (listener != null) {
        listener.onStep(m);
      }
    }
    checkpointIfDue(first);
    return out;
  }

  /** Writes a checkpoint when a multiple of the interval was reached since {@code from} completed steps, or at the end. */
  private void checkpointIfDue(int from) {
    int done = loop.completedSteps();
    if (checkpointDir != null && (done / checkpointEvery > from / checkpointEvery || loop.finished())) {
      if (listener != null) {
        listener.beforeCheckpoint(done);
      }
      writeCheckpoint();
    }
  }

  private void requireEveryStep(String what) {
    if (localSteps > 0) {
      throw new IllegalStateException(
          "Cannot run a single " + what + " with local SGD: it advances a round at a time; use trainUntil");
    }
  }

  /**
   * The global-batch loss and gradient (before clipping) the next step would apply, computed by the executors
   * exactly as {@link #step()} does, without applying it: for inspection and tests.
   */
  public BatchGradients nextStepGradients() {
    requireEveryStep("gradient computation");
    int[] batch = loop.nextBatch();
    Outcome outcome = compute(loop.completedSteps(), batch);
    return outcome.sum().toBatchGradients(outcome.loss(), batch.length);
  }

  private Outcome compute(int step, int[] batch) {
    List<Shard> shards = Shard.split(batch, partitions);
    Broadcast<ParameterSnapshot> weights = spark.broadcast(ParameterSnapshot.of(driverTask.block()));
    ShardWork work = new ShardWork(runKey, recipe, weights, step, config.seed());
    try {
      JavaRDD<Shard> rdd = spark.parallelize(shards, shards.size());
      return driverTask.split() == ShardedTask.Split.PER_EXAMPLE
          ? perExample(rdd, work, batch.length)
          : sharedRepresentations(rdd, work, batch);
    } finally {
      weights.destroy();
    }
  }

  /** What the executors returned for one step, ready for the update. */
  private record Outcome(
      GradientSum sum, double loss, Map<String, Double> terms, long computeNanos, long extraBytesDown, long extraBytesUp) {}

  private Outcome perExample(JavaRDD<Shard> rdd, ShardWork work, int batchSize) {
    GradientSum sum =
        rdd.treeAggregate(
            GradientSum.zero(), (acc, shard) -> acc.merge(work.gradients(shard, batchSize)), GradientSum::merge, depth);
    requireAllShards(sum, batchSize);
    return new Outcome(sum, sum.loss(), sum.terms(), sum.criticalPathNanos(), 0L, 0L);
  }

  /** GradCache: representations up, the global loss and its representation gradients on the driver, backward down. */
  private Outcome sharedRepresentations(JavaRDD<Shard> rdd, ShardWork work, int[] batch) {
    List<ShardWork.Representations> parts = rdd.map(work::representations).collect();
    int width = parts.get(0).width();
    int rows = batch.length * driverTask.rowsPerExample();
    float[] all = new float[rows * width];
    Map<String, Long> passOneNanos = new HashMap<>();
    int at = 0;
    for (ShardWork.Representations part : parts.stream().sorted(Comparator.comparingInt(ShardWork.Representations::shard)).toList()) {
      System.arraycopy(part.values(), 0, all, at, part.values().length);
      at += part.values().length;
      passOneNanos.merge(part.executor(), part.nanos(), Long::sum);
    }
    long driverStart = System.nanoTime();
    DriverLoss driverLoss = representationGradients(all, rows, width, batch);
    long driverNanos = System.nanoTime() - driverStart;
    Broadcast<float[]> gradients = spark.broadcast(driverLoss.gradients());
    GradientSum sum;
    try {
      sum =
          rdd.treeAggregate(
              GradientSum.zero(),
              (acc, shard) -> acc.merge(work.surrogateGradients(shard, gradients, width)),
              GradientSum::merge,
              depth);
    } finally {
      gradients.destroy();
    }
    requireAllShards(sum, batch.length);
    long passOne = passOneNanos.values().stream().mapToLong(Long::longValue).max().orElse(0L);
    long representationBytes = 4L * rows * width;
    return new Outcome(
        sum, driverLoss.loss(), driverLoss.terms(), passOne + driverNanos + sum.criticalPathNanos(),
        representationBytes, representationBytes);
  }

  private record DriverLoss(double loss, Map<String, Double> terms, float[] gradients) {}

  /** The global loss of all representations and its gradient with respect to each of them, on the driver. */
  private DriverLoss representationGradients(float[] values, int rows, int width, int[] batch) {
    return TrainingLock.withLock(
        () -> {
          try (NDManager manager = ShardWork.managerOf(driverTask.block()).newSubManager();
              NDScope scope = new NDScope()) {
            NDArray reps = manager.create(FloatBuffer.wrap(values), new Shape(rows, width));
            reps.setRequiresGradient(true);
            ShardWork.Terms terms = new ShardWork.Terms();
            double loss;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
              NDArray value = terms.read(driverTask.representationLoss(manager, reps, batch));
              collector.backward(value);
              loss = value.getFloat();
            } finally {
              TrainingLock.disableGradientRecording();
            }
            return new DriverLoss(loss, terms.values, reps.getGradient().toFloatArray());
          }
        });
  }

  private void requireAllShards(GradientSum sum, int batchSize) {
    if (sum.examples() != batchSize) {
      throw new IllegalStateException(
          "Cannot apply the step: the shards covered " + sum.examples() + " of " + batchSize + " examples ("
              + sum.shards() + " shards reported)");
    }
  }

  /** Executors that receive the weights broadcast: the driver's JVM in local mode. */
  private int executorCount() {
    int registered = spark.sc().getExecutorMemoryStatus().size();
    return spark.sc().isLocal() ? 1 : Math.max(1, registered - 1);
  }

  private void writeCheckpoint() {
    try {
      loop.checkpoint().write(checkpointDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write checkpoint to " + checkpointDir, e);
    }
  }

  @Override
  public void close() {
    if (plan != null) {
      plan.close();
    }
    Replicas.release(runKey);
    recipe.destroy();
    loop.close();
  }

  /** Settings of a trainer; required values up front, the rest optional. Not thread-safe. */
  public static final class Builder {
    private final JavaSparkContext spark;
    private final TrainingConfig config;
    private final ShardedTask driverTask;
    private final ReplicaRecipe recipe;
    private int partitions = 1;
    private int depth = 2;
    private int checkpointEvery = 1;
    private Path checkpointDir;
    private StepListener listener;
    private int localSteps;

    private Builder(JavaSparkContext spark, TrainingConfig config, ShardedTask driverTask, ReplicaRecipe recipe) {
      this.spark = spark;
      this.config = config;
      this.driverTask = driverTask;
      this.recipe = recipe;
    }

    /** Shards per global batch, i.e. Spark tasks per step (default 1); must not exceed the batch size. */
    public Builder withPartitions(int value) {
      this.partitions = value;
      return this;
    }

    /** Depth of the gradient treeAggregate (default 2). */
    public Builder withAggregationDepth(int value) {
      this.depth = value;
      return this;
    }

    /** Writes a checkpoint to {@code dir} every {@code every} steps and after the last step (default: none). */
    public Builder withCheckpoints(int every, Path dir) {
      this.checkpointEvery = every;
      this.checkpointDir = dir;
      return this;
    }

    /**
     * Local SGD instead of a synchronous step (default: synchronous): each partition runs {@code steps} optimizer
     * steps on its own shards, then the driver averages weights and AdamW moments. Cuts communication by about
     * {@code steps / 3} but no longer follows the global-batch gradient (docs/training.md).
     */
    public Builder withLocalSgd(int steps) {
      this.localSteps = steps;
      return this;
    }

    /** Observes every step (default: none). */
    public Builder withListener(StepListener value) {
      this.listener = value;
      return this;
    }

    public DistributedTrainer build() {
      if (partitions < 1 || partitions > config.batchSize()) {
        throw new IllegalArgumentException(
            "Cannot build the trainer: partitions must be in 1..batch size " + config.batchSize() + " (got "
                + partitions + ")");
      }
      if (depth < 1) {
        throw new IllegalArgumentException("Cannot build the trainer: aggregation depth must be >= 1 (got " + depth + ")");
      }
      if (checkpointDir != null && checkpointEvery < 1) {
        throw new IllegalArgumentException(
            "Cannot build the trainer: the checkpoint interval must be >= 1 (got " + checkpointEvery + ")");
      }
      if (localSteps < 0) {
        throw new IllegalArgumentException("Cannot build the trainer: local steps must be >= 1 (got " + localSteps + ")");
      }
      if (driverTask.split() == ShardedTask.Split.SHARED_REPRESENTATIONS && driverTask.rowsPerExample() < 1) {
        throw new IllegalArgumentException("Cannot build the trainer: the task reports no representation rows");
      }
      return new DistributedTrainer(this);
    }
  }
}
