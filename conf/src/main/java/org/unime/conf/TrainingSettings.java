package org.unime.conf;

import java.io.Serializable;
import java.util.List;

/**
 * UniME-V2 embedding training ({@code unime.training.*}, spec section 5): which model is fine-tuned on which mined
 * table, the loss, the optimizer schedule, and how the data-parallel trainer shards each step. Built once on the
 * driver; plain values only.
 *
 * @param baseModelUri the stage-1 embedder artifact that training starts from
 * @param outputDir folder of the trained models: the artifact (built-in embedder format) goes to
 *     {@code <outputDir>/<loss>}
 * @param hardNegativesVersion Delta version of the hard-negatives table to read; -1 = the latest at start
 * @param loss the training objective
 * @param temperature τ of every softmax in the loss
 * @param negatives k: the first k stored negatives of each query are its hard negatives
 * @param batchSize queries per optimizer step (the global batch, over all partitions)
 * @param steps optimizer steps
 * @param learningRate peak AdamW learning rate
 * @param warmupSteps linear warm-up steps, then linear decay to 0
 * @param weightDecay AdamW decoupled weight decay
 * @param maxGradNorm global gradient-norm clip, 0 = off
 * @param seed data-order seed
 * @param partitions shards each global batch is split into (Spark tasks per step)
 * @param aggregationDepth depth of the treeAggregate that sums the shards' gradients
 * @param synchronization how the partitions' work is combined
 * @param localSteps local SGD only: optimizer steps each partition runs between two averagings
 * @param runDir folder of the runs: {@code <runDir>/<loss>} holds the run manifest and the checkpoint
 * @param checkpointEvery write a checkpoint every this many steps (and at the end)
 * @param metricsTable Delta table path of the per-step metrics
 * @param logEvery progress line interval in steps
 * @param heldOutSets held-out query sets on which P@1 of the base and the trained model is measured after
 *     training (names from {@link #HELD_OUT_SETS}); empty = no evaluation
 */
public record TrainingSettings(
    String baseModelUri,
    String outputDir,
    long hardNegativesVersion,
    Loss loss,
    double temperature,
    int negatives,
    int batchSize,
    int steps,
    double learningRate,
    int warmupSteps,
    double weightDecay,
    double maxGradNorm,
    long seed,
    int partitions,
    int aggregationDepth,
    Synchronization synchronization,
    int localSteps,
    String runDir,
    int checkpointEvery,
    String metricsTable,
    int logEvery,
    List<String> heldOutSets)
    implements Serializable {

  /** The held-out sets the evaluator knows (image queries of the two eval splits, Fashion-MNIST's test split). */
  public static final List<String> HELD_OUT_SETS =
      List.of("eval-unseen-concept", "eval-unseen-vendor", "fashion-mnist-test");

  public TrainingSettings {
    heldOutSets = List.copyOf(heldOutSets);
  }

  /** The same settings with another objective (the demo and the ablation train every loss from one config). */
  public TrainingSettings withLoss(Loss other) {
    return new TrainingSettings(baseModelUri, outputDir, hardNegativesVersion, other, temperature, negatives, batchSize,
        steps, learningRate, warmupSteps, weightDecay, maxGradNorm, seed, partitions, aggregationDepth,
        synchronization, localSteps, runDir, checkpointEvery, metricsTable, logEvery, heldOutSets);
  }

  /** The same settings with another data-order seed (the ablation trains each loss once per seed). */
  public TrainingSettings withSeed(long other) {
    return new TrainingSettings(baseModelUri, outputDir, hardNegativesVersion, loss, temperature, negatives, batchSize,
        steps, learningRate, warmupSteps, weightDecay, maxGradNorm, other, partitions, aggregationDepth,
        synchronization, localSteps, runDir, checkpointEvery, metricsTable, logEvery, heldOutSets);
  }

  /** The same settings with another τ (the ablation's optional temperature sweep). */
  public TrainingSettings withTemperature(double other) {
    return new TrainingSettings(baseModelUri, outputDir, hardNegativesVersion, loss, other, negatives, batchSize,
        steps, learningRate, warmupSteps, weightDecay, maxGradNorm, seed, partitions, aggregationDepth,
        synchronization, localSteps, runDir, checkpointEvery, metricsTable, logEvery, heldOutSets);
  }

  /** The same settings with another k (the ablation's optional negatives sweep). */
  public TrainingSettings withNegatives(int other) {
    return new TrainingSettings(baseModelUri, outputDir, hardNegativesVersion, loss, temperature, other, batchSize,
        steps, learningRate, warmupSteps, weightDecay, maxGradNorm, seed, partitions, aggregationDepth,
        synchronization, localSteps, runDir, checkpointEvery, metricsTable, logEvery, heldOutSets);
  }

  /** The same settings writing models to {@code <other>/<loss>} and runs to {@code <otherRunDir>/<loss>}. */
  public TrainingSettings withOutputDirs(String other, String otherRunDir) {
    return new TrainingSettings(baseModelUri, other, hardNegativesVersion, loss, temperature, negatives, batchSize,
        steps, learningRate, warmupSteps, weightDecay, maxGradNorm, seed, partitions, aggregationDepth,
        synchronization, localSteps, otherRunDir, checkpointEvery, metricsTable, logEvery, heldOutSets);
  }

  /** The training objective (the paper's ablation compares the three). */
  public enum Loss {
    /** Symmetric KL between softmax(similarities/τ) and softmax(judge scores/τ) over [positive, k negatives]. */
    UNIME_V2,
    /** InfoNCE over [positive, the same k negatives] with a one-hot target. */
    HARD_NEGATIVES_ONLY,
    /** InfoNCE against the positives of the whole global batch (the VLM2Vec baseline). */
    IN_BATCH;

    /** Config spelling, e.g. {@code hard-negatives-only}. */
    public String wireName() {
      return MiningSettings.kebab(this);
    }
  }

  /** How a step's (or a round's) work on the partitions is combined. */
  public enum Synchronization {
    /** Every step: gradients of the global batch summed over partitions, one update on the driver (exact). */
    EVERY_STEP,
    /** Local SGD: each partition runs local-steps updates on its shards, then weights and moments are averaged. */
    LOCAL_SGD;

    public String wireName() {
      return MiningSettings.kebab(this);
    }
  }

  static TrainingSettings from(ConfigReader r) {
    String p = "unime.training.";
    TrainingSettings s =
        new TrainingSettings(
            r.string(p + "base-model-uri"),
            r.string(p + "output-dir"),
            r.longValue(p + "hard-negatives-version"),
            r.enumValue(p + "loss", Loss.class, Loss::wireName),
            r.doubleIn(p + "temperature", 1e-4, 100.0),
            r.intAtLeast(p + "negatives", 1),
            r.intAtLeast(p + "batch-size", 2),
            r.intAtLeast(p + "steps", 1),
            r.doubleIn(p + "learning-rate", 1e-12, 10.0),
            r.intAtLeast(p + "warmup-steps", 0),
            r.doubleIn(p + "weight-decay", 0.0, 1.0),
            r.doubleIn(p + "max-grad-norm", 0.0, 1e6),
            r.longValue(p + "seed"),
            r.intAtLeast(p + "partitions", 1),
            r.intAtLeast(p + "aggregation-depth", 1),
            r.enumValue(p + "synchronization", Synchronization.class, Synchronization::wireName),
            r.intAtLeast(p + "local-steps", 1),
            r.string(p + "run-dir"),
            r.intAtLeast(p + "checkpoint-every", 1),
            r.string(p + "metrics-table"),
            r.intAtLeast(p + "log-every", 1),
            r.stringList(p + "held-out-sets"));
    s.validate(r, p);
    return s;
  }

  private void validate(ConfigReader r, String p) {
    if (hardNegativesVersion < -1) {
      r.problem(p + "hard-negatives-version", hardNegativesVersion, "must be a Delta version >= 0, or -1 for the latest");
    }
    if (warmupSteps > steps) {
      r.problem(p + "warmup-steps", warmupSteps, "must not exceed steps (" + steps + ")");
    }
    if (partitions > batchSize) {
      r.problem(p + "partitions", partitions, "must not exceed batch-size (" + batchSize + "): every shard needs a query");
    }
    for (String set : heldOutSets) {
      if (!HELD_OUT_SETS.contains(set)) {
        r.problem(p + "held-out-sets", set, "is not a known held-out set; expected some of " + HELD_OUT_SETS);
      }
    }
    for (String key : new String[] {"base-model-uri", "output-dir", "run-dir", "metrics-table"}) {
      if (r.string(p + key).isBlank()) {
        r.problem(p + key, "", "must name a folder");
      }
    }
  }
}
