package org.unime.tests.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.unime.conf.TrainingSettings.Loss;
import org.unime.udfs.distributed.DistributedTrainer;
import org.unime.udfs.distributed.StepListener;
import org.unime.udfs.distributed.StepMetrics;
import org.unime.udfs.embed.EmbedderArchitecture;
import org.unime.udfs.train.BatchGradients;
import org.unime.udfs.train.ParameterSnapshot;
import org.unime.udfs.train.StepResult;
import org.unime.udfs.train.TrainingConfig;
import org.unime.udfs.train.TrainingLoop;
import org.unime.udfs.unime.UnimeTask;

/**
 * The data-parallel trainer on local[2] with the real task and network on synthetic inputs: the global-batch
 * gradients of two consecutive steps and the weights they produce do not depend on the number of partitions and
 * equal the single-process loop's (for the per-example losses and for in-batch InfoNCE through GradCache; the second
 * step shows the executors' replicas follow the driver's weights), and a run killed after its last checkpoint and
 * resumed ends with exactly the weights of an uninterrupted run. Local SGD on one partition is the synchronous run
 * exactly; on two it is deterministic, resumable and not the synchronous run.
 */
class DistributedStepIT {
  private static final EmbedderArchitecture ARCH = new EmbedderArchitecture(32, 16, 8, 8, 16, 32, 32);
  private static final SyntheticTraining DATA = SyntheticTraining.create(ARCH, 48, 40, 8, 3);
  private static JavaSparkContext spark;

  @BeforeAll
  static void session() {
    spark = JavaSparkContext.fromSparkContext(TrainingSpark.get().sparkContext());
  }

  private static TrainingConfig config(int steps) {
    return TrainingConfig.builder(12, steps, 1e-4).withWarmupSteps(0).withSeed(5).withLogEvery(1000).build();
  }

  /** The gradients of the first two steps, the first loss and the weights after two steps of a run. */
  private record TwoSteps(BatchGradients first, BatchGradients second, double loss, ParameterSnapshot weights) {}

  @ParameterizedTest
  @EnumSource(Loss.class)
  void stepsOnOnePartitionEqualStepsOnThreeAndTheLocalLoop(Loss loss) {
    TwoSteps local;
    try (UnimeTask task = DATA.task(loss); TrainingLoop loop = TrainingLoop.create(config(3), task)) {
      BatchGradients first = TrainingLoop.gradients(task, loop.nextBatch(), 0, 5);
      StepResult r = loop.step();
      // The second step's gradient depends on the updated weights: replicas must have picked them up.
      BatchGradients second = TrainingLoop.gradients(task, loop.nextBatch(), 1, 5);
      loop.step();
      local = new TwoSteps(first, second, r.loss(), ParameterSnapshot.of(task.block()));
    }
    TwoSteps one = distributed(loss, 1);
    TwoSteps three = distributed(loss, 3);

    assertThat(three.loss()).isCloseTo(one.loss(), within(1e-6 * one.loss()));
    assertThat(one.loss()).isCloseTo(local.loss(), within(1e-6 * local.loss()));
    assertSameGradient(three.first(), one.first(), 1e-5);
    assertSameGradient(one.first(), local.first(), 1e-5);
    assertSameGradient(three.second(), one.second(), 1e-5);
    assertSameGradient(one.second(), local.second(), 1e-5);
    assertSameWeights(three.weights(), one.weights(), 1e-5);
    assertSameWeights(one.weights(), local.weights(), 1e-5);
  }

  @Test
  void killedAfterACheckpointAndResumedEndsWithTheUninterruptedWeights(@TempDir Path dir) {
    ParameterSnapshot uninterrupted;
    try (UnimeTask task = DATA.task(Loss.UNIME_V2); DistributedTrainer trainer = trainer(task, dir.resolve("a"), null)) {
      trainer.trainToEnd();
      uninterrupted = ParameterSnapshot.of(task.block());
    }

    StepListener crash =
        new StepListener() {
          @Override
          public void onStep(StepMetrics m) {
            if (m.step() == 4) {
              throw new IllegalStateException("simulated executor loss at step 4");
            }
          }
        };
    try (UnimeTask task = DATA.task(Loss.UNIME_V2); DistributedTrainer trainer = trainer(task, dir.resolve("b"), crash)) {
      assertThatThrownBy(trainer::trainToEnd).hasMessageContaining("simulated");
      assertThat(trainer.completedSteps()).as("step 4 was applied but never checkpointed").isEqualTo(5);
    }
    ParameterSnapshot resumed;
    try (UnimeTask task = DATA.task(Loss.UNIME_V2); DistributedTrainer trainer = trainer(task, dir.resolve("b"), null)) {
      assertThat(trainer.resume()).isTrue();
      assertThat(trainer.completedSteps()).isEqualTo(3);
      trainer.trainToEnd();
      resumed = ParameterSnapshot.of(task.block());
    }

    assertIdentical(resumed, uninterrupted);
  }

  @Test
  void localSgdOnOnePartitionIsTheSynchronousRunExactly(@TempDir Path dir) {
    ParameterSnapshot synchronous = finalWeights(1, 0, null, null);
    ParameterSnapshot local = finalWeights(1, 3, null, null);

    assertIdentical(local, synchronous);
  }

  @Test
  void localSgdIsDeterministicResumableAndReallyLocal(@TempDir Path dir) {
    ParameterSnapshot first = finalWeights(2, 3, null, null);
    ParameterSnapshot again = finalWeights(2, 3, dir.resolve("a"), null);
    StepListener crash =
        new StepListener() {
          @Override
          public void onStep(StepMetrics m) {
            if (m.step() == 4) {
              throw new IllegalStateException("simulated loss in round 2");
            }
          }
        };
    assertThatThrownBy(() -> finalWeights(2, 3, dir.resolve("b"), crash)).hasMessageContaining("simulated");
    ParameterSnapshot resumed = finalWeights(2, 3, dir.resolve("b"), null);

    assertIdentical(again, first);
    assertIdentical(resumed, first);
    ParameterSnapshot synchronous = finalWeights(2, 0, null, null);
    double difference = 0;
    for (int p = 0; p < first.size(); p++) {
      for (int i = 0; i < first.values(p).length; i++) {
        difference = Math.max(difference, Math.abs(first.values(p)[i] - synchronous.values(p)[i]));
      }
    }
    assertThat(difference).as("averaging local updates is not the synchronous update").isGreaterThan(1e-6);
  }

  /** Weights after 6 steps; {@code localSteps} 0 = synchronous; resumes from {@code dir} when it holds a checkpoint. */
  private static ParameterSnapshot finalWeights(int partitions, int localSteps, Path dir, StepListener listener) {
    TrainingConfig config = TrainingConfig.builder(12, 6, 1e-3).withWarmupSteps(0).withSeed(5).withLogEvery(1000).build();
    try (UnimeTask task = DATA.task(Loss.UNIME_V2)) {
      DistributedTrainer.Builder b =
          DistributedTrainer.builder(spark, config, task, DATA.recipe(Loss.UNIME_V2))
              .withPartitions(partitions)
              .withListener(listener);
      if (localSteps > 0) {
        b.withLocalSgd(localSteps);
      }
      if (dir != null) {
        b.withCheckpoints(3, dir);
      }
      try (DistributedTrainer trainer = b.build()) {
        if (dir != null && trainer.resume()) {
          assertThat(trainer.completedSteps()).isEqualTo(3);
        }
        trainer.trainToEnd();
        return ParameterSnapshot.of(task.block());
      }
    }
  }

  private static void assertIdentical(ParameterSnapshot actual, ParameterSnapshot expected) {
    assertThat(actual.names()).isEqualTo(expected.names());
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.values(i)).as(actual.names().get(i)).containsExactly(expected.values(i));
    }
  }

  private static DistributedTrainer trainer(UnimeTask task, Path checkpoints, StepListener listener) {
    return DistributedTrainer.builder(spark, config(7), task, DATA.recipe(Loss.UNIME_V2))
        .withPartitions(2)
        .withCheckpoints(3, checkpoints)
        .withListener(listener)
        .build();
  }

  private static TwoSteps distributed(Loss loss, int partitions) {
    try (UnimeTask task = DATA.task(loss);
        DistributedTrainer trainer =
            DistributedTrainer.builder(spark, config(3), task, DATA.recipe(loss)).withPartitions(partitions).build()) {
      BatchGradients first = trainer.nextStepGradients();
      StepMetrics m = trainer.step();
      assertThat(m.partitions()).isEqualTo(partitions);
      assertThat(m.loss()).isEqualTo(first.loss());
      BatchGradients second = trainer.nextStepGradients();
      trainer.step();
      return new TwoSteps(first, second, m.loss(), ParameterSnapshot.of(task.block()));
    }
  }

  /** max |a − b| ≤ tolerance · max |b| over all parameters. */
  private static void assertSameGradient(BatchGradients a, BatchGradients b, double tolerance) {
    assertThat(a.names()).isEqualTo(b.names());
    double scale = 0;
    double error = 0;
    for (int p = 0; p < a.gradients().size(); p++) {
      float[] x = a.gradients().get(p);
      float[] y = b.gradients().get(p);
      for (int i = 0; i < x.length; i++) {
        scale = Math.max(scale, Math.abs(y[i]));
        error = Math.max(error, Math.abs(x[i] - y[i]));
      }
    }
    assertThat(scale).isPositive();
    assertThat(error).as("max gradient difference (max |g| = %s)", scale).isLessThanOrEqualTo(tolerance * scale);
  }

  private static void assertSameWeights(ParameterSnapshot a, ParameterSnapshot b, double tolerance) {
    assertThat(a.names()).isEqualTo(b.names());
    double error = 0;
    for (int p = 0; p < a.size(); p++) {
      float[] x = a.values(p);
      float[] y = b.values(p);
      for (int i = 0; i < x.length; i++) {
        error = Math.max(error, Math.abs(x[i] - y[i]));
      }
    }
    assertThat(error).as("max weight difference after two steps").isLessThanOrEqualTo(tolerance);
  }
}
