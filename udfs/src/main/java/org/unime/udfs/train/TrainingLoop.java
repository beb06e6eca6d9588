package org.unime.udfs.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJL training loop every training job uses: seeded data order, forward and backward under the JVM-wide
 * gradient lock, global-norm clipping, linear warm-up/decay, our own {@link AdamW}, checkpoints that resume
 * bit-identically, and a progress line (loss, learning rate, gradient norm, samples/s) every
 * {@link TrainingConfig#logEvery()} steps.
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * try (TrainingLoop loop = TrainingLoop.create(config, task)) {
 *   loop.resumeFrom(checkpointDir);          // optional: continue an interrupted run
 *   loop.checkpointEvery(200, checkpointDir); // optional
 *   TrainingSummary summary = loop.trainToEnd();
 * }
 * }</pre>
 *
 * <p>Data-parallel training splits a step in two: executors call the static
 * {@link #gradients(TrainingTask, int[], int, long)} on their shard of {@link #nextBatch()} (with weights broadcast
 * from the driver), the shards are merged with {@link BatchGradients#merge} (e.g. in {@code treeAggregate}), and the
 * driver calls {@link #apply(BatchGradients)}.
 *
 * <p>Lifecycle: the loop does not own the task's block (close that yourself) but owns the optimizer state
 * ({@link #close()}). Not thread-safe; one loop per model.
 */
public final class TrainingLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

  private final TrainingConfig config;
  private final TrainingTask task;
  private final LearningRateSchedule schedule;
  private final List<String> names;
  private final List<Parameter> parameters;
  private final AdamW optimizer;
  private final DataOrder order;
  private int step;
  private int checkpointEvery;
  private Path checkpointDir;

  private TrainingLoop(TrainingConfig config, TrainingTask task) {
    this.config = config;
    this.task = task;
    this.schedule = LearningRateSchedule.of(config);
    List<String> n = new ArrayList<>();
    List<Parameter> p = new ArrayList<>();
    for (Pair<String, Parameter> entry : task.block().getParameters()) {
      if (entry.getValue().requiresGradient()) {
        n.add(entry.getKey());
        p.add(entry.getValue());
      }
    }
    if (p.isEmpty()) {
      throw new IllegalArgumentException("Cannot train: the task's block has no parameter that requires a gradient");
    }
    this.names = List.copyOf(n);
    this.parameters = List.copyOf(p);
    for (Parameter parameter : parameters) {
      // Parameters loaded from disk (rather than initialised) do not record gradients until told to.
      parameter.getArray().setRequiresGradient(true);
    }
    this.optimizer = new AdamW(config, names, parameters);
    this.order = new DataOrder(config.seed(), task.exampleCount(), config.batchSize());
  }

  /** A loop at step 0 over {@code task}, whose block must be initialised. */
  public static TrainingLoop create(TrainingConfig config, TrainingTask task) {
    return new TrainingLoop(config, task);
  }

  /** Writes a checkpoint to {@code dir} every {@code every} steps and at the end of each train call. */
  public TrainingLoop checkpointEvery(int every, Path dir) {
    if (every < 1) {
      throw new IllegalArgumentException("Cannot checkpoint: the interval must be >= 1 (got " + every + ")");
    }
    this.checkpointEvery = every;
    this.checkpointDir = dir;
    return this;
  }

  /** Restores the checkpoint in {@code dir} when there is one; returns whether it did. */
  public boolean resumeFrom(Path dir) {
    if (!Checkpoint.exists(dir)) {
      return false;
    }
    try {
      restore(Checkpoint.read(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resume training from " + dir, e);
    }
    LOG.info("Resumed training at step {}/{} from {}", step, config.steps(), dir);
    return true;
  }

  /** Completed optimizer steps. */
  public int completedSteps() {
    return step;
  }

  public boolean finished() {
    return step >= config.steps();
  }

  public TrainingConfig config() {
    return config;
  }

  /** Runs steps until {@link TrainingConfig#steps()} are done. */
  public TrainingSummary trainToEnd() {
    return trainUntil(config.steps());
  }

  /** Runs steps until {@code stopStep} steps are complete (at most the configured total). */
  public TrainingSummary trainUntil(int stopStep) {
    int target = Math.min(stopStep, config.steps());
    int from = step;
    float[] losses = new float[Math.max(0, target - from)];
    ProgressWindow window = new ProgressWindow();
    double firstLoss = Double.NaN;
    long start = System.nanoTime();
    while (step < target) {
      StepResult result = step();
      losses[result.step() - from] = (float) result.loss();
      window.add(result);
      if (window.count == config.logEvery() || step == target) {
        double mean = window.meanLoss();
        firstLoss = Double.isNaN(firstLoss) ? mean : firstLoss;
        LOG.info(
            "train step {}/{} loss {} lr {} grad-norm {} {} samples/s",
            step, config.steps(), String.format("%.4f", mean), String.format("%.3g", result.learningRate()),
            String.format("%.3f", window.meanNorm()), String.format("%.1f", window.samplesPerSecond()));
        window = new ProgressWindow();
      }
      if (checkpointDir != null && (step % checkpointEvery == 0 || step == target)) {
        writeCheckpoint(checkpointDir);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double lastLoss = losses.length == 0 ? Double.NaN : tailMean(losses, config.logEvery());
    double rate = seconds > 0 ? (double) (step - from) * config.batchSize() / seconds : 0.0;
    return new TrainingSummary(from, step, firstLoss, lastLoss, seconds, rate, losses);
  }

  /** The example indices of the next step's batch. */
  public int[] nextBatch() {
    return order.batch(step);
  }

  /** One full step on {@link #nextBatch()}: forward, backward, clip, update. */
  public StepResult step() {
    requireNotFinished();
    int[] batch = nextBatch();
    return TrainingLock.withLock(
        () -> {
          try (NDManager manager = newStepManager(); NDScope scope = new NDScope()) {
            double loss = forwardBackward(task, parameters, manager, batch, step, stepSeed(config.seed(), step));
            List<NDArray> gradients = new ArrayList<>(parameters.size());
            for (Parameter p : parameters) {
              gradients.add(p.getArray().getGradient());
            }
            return update(gradients, loss, batch.length);
          }
        });
  }

  /**
   * Loss and gradients of {@code examples} at the block's current weights, without changing anything else: the
   * executor half of a data-parallel step. {@code step} and {@code trainingSeed} feed {@link BatchContext} so that
   * per-batch randomness matches a local run.
   */
  public static BatchGradients gradients(TrainingTask task, int[] examples, int step, long trainingSeed) {
    List<String> names = new ArrayList<>();
    List<Parameter> parameters = new ArrayList<>();
    for (Pair<String, Parameter> entry : task.block().getParameters()) {
      if (entry.getValue().requiresGradient()) {
        names.add(entry.getKey());
        parameters.add(entry.getValue());
        entry.getValue().getArray().setRequiresGradient(true);
      }
    }
    return TrainingLock.withLock(
        () -> {
          try (NDManager manager = parameters.get(0).getArray().getManager().newSubManager();
              NDScope scope = new NDScope()) {
            double loss = forwardBackward(task, parameters, manager, examples, step, stepSeed(trainingSeed, step));
            List<float[]> gradients = new ArrayList<>(parameters.size());
            for (Parameter p : parameters) {
              gradients.add(p.getArray().getGradient().toFloatArray());
            }
            return new BatchGradients(names, gradients, loss, examples.length);
          }
        });
  }

  /** Applies gradients computed elsewhere (the driver half of a data-parallel step) and advances one step. */
  public StepResult apply(BatchGradients batch) {
    requireNotFinished();
    if (!batch.names().equals(names)) {
      throw new IllegalArgumentException(
          "Cannot apply gradients: they are for parameters " + batch.names() + " but this model trains " + names);
    }
    // Under the lock too: a gradient computation on the same block in another thread must not see half an update.
    return TrainingLock.withLock(
        () -> {
          try (NDManager manager = newStepManager(); NDScope scope = new NDScope()) {
            List<NDArray> gradients = new ArrayList<>(parameters.size());
            for (int i = 0; i < parameters.size(); i++) {
              Shape shape = parameters.get(i).getArray().getShape();
              gradients.add(manager.create(FloatBuffer.wrap(batch.gradients().get(i)), shape));
            }
            return update(gradients, batch.loss(), batch.examples());
          }
        });
  }

  /** The complete training state now. */
  public Checkpoint checkpoint() {
    if (!finished()) {
      order.batch(step); // position the order on the next batch's epoch
    }
    return new Checkpoint(
        step,
        order.epochOf(step),
        order.batchInEpoch(step),
        order.epochStartState(),
        task.exampleCount(),
        config.fingerprint(),
        ParameterSnapshot.of(task.block()),
        optimizer.state());
  }

  /** Continues from {@code checkpoint}, which must come from the same configuration and task size. */
  public void restore(Checkpoint checkpoint) {
    if (!checkpoint.configFingerprint().equals(config.fingerprint())
        || checkpoint.exampleCount() != task.exampleCount()) {
      throw new IllegalArgumentException(
          "Cannot resume training: the checkpoint was made with " + checkpoint.configFingerprint() + " over "
              + checkpoint.exampleCount() + " examples, but this run has " + config.fingerprint() + " over "
              + task.exampleCount() + " examples");
    }
    checkpoint.weights().copyInto(task.block());
    optimizer.restore(checkpoint.optimizer());
    order.restore(checkpoint.epoch(), checkpoint.epochRngState());
    this.step = checkpoint.step();
  }

  @Override
  public void close() {
    optimizer.close();
  }

  private StepResult update(List<NDArray> gradients, double loss, int examples) {
    if (!Double.isFinite(loss)) {
      throw new IllegalStateException(
          "Cannot continue training: the loss is " + loss + " at step " + step + " (learning rate "
              + schedule.at(step) + "); lower the learning rate or check the inputs");
    }
    double norm = GradientClipping.clipInPlace(gradients, config.maxGradNorm());
    double lr = schedule.at(step);
    optimizer.update(gradients, lr);
    StepResult result = new StepResult(step, loss, norm, lr, examples);
    step++;
    return result;
  }

  /** Zeroes the gradients, runs the task's loss under a gradient collector and back-propagates it. */
  private static double forwardBackward(
      TrainingTask task, List<Parameter> parameters, NDManager manager, int[] examples, int step, long seed) {
    TrainingLock.disableGradientRecording();
    for (Parameter p : parameters) {
      NDArray g = p.getArray().getGradient();
      g.subi(g);
    }
    double loss;
    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
      BatchContext context = new BatchContext(manager, new ParameterStore(manager, false), step, seed);
      NDArray value = task.loss(context, examples);
      if (value.getShape().size() != 1) {
        throw new IllegalStateException(
            "Cannot back-propagate: the task's loss must be a scalar (got shape " + value.getShape() + ")");
      }
      collector.backward(value);
      loss = value.getFloat();
    } finally {
      // The collector restores the thread's previous mode, which is "on" for a fresh thread.
      TrainingLock.disableGradientRecording();
    }
    return loss;
  }

  private NDManager newStepManager() {
    return parameters.get(0).getArray().getManager().newSubManager();
  }

  private void requireNotFinished() {
    if (finished()) {
      throw new IllegalStateException("Cannot step: all " + config.steps() + " steps are done");
    }
  }

  private void writeCheckpoint(Path dir) {
    try {
      checkpoint().write(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write checkpoint to " + dir, e);
    }
  }

  private static long stepSeed(long seed, int step) {
    return TrainingRandom.derive(seed, step);
  }

  private static double tailMean(float[] values, int window) {
    int n = Math.min(window, values.length);
    double sum = 0.0;
    for (int i = values.length - n; i < values.length; i++) {
      sum += values[i];
    }
    return sum / n;
  }

  /** Running means for one progress line. */
  private static final class ProgressWindow {
    private final long start = System.nanoTime();
    private int count;
    private long examples;
    private double lossSum;
    private double normSum;

    void add(StepResult r) {
      count++;
      examples += r.examples();
      lossSum += r.loss();
      normSum += r.gradientNorm();
    }

    double meanLoss() {
      return lossSum / count;
    }

    double meanNorm() {
      return normSum / count;
    }

    double samplesPerSecond() {
      double seconds = (System.nanoTime() - start) / 1e9;
      return seconds > 0 ? examples / seconds : 0.0;
    }
  }
}
