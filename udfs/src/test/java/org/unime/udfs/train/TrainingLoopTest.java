package org.unime.udfs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
  private static final TrainingConfig CONFIG =
      TrainingConfig.builder(8, 30, 0.05).withWarmupSteps(3).withWeightDecay(0.01).withMaxGradNorm(5.0).withLogEvery(10).build();

  @Test
  void trainingLowersTheLoss() {
    try (LinearRegressionTask task = new LinearRegressionTask(60, 1);
        TrainingLoop loop = TrainingLoop.create(CONFIG, task)) {
      double before = task.fullLoss();

      TrainingSummary summary = loop.trainToEnd();

      assertThat(summary.steps()).isEqualTo(30);
      assertThat(loop.finished()).isTrue();
      assertThat(task.fullLoss()).isLessThan(before / 5);
      assertThat(summary.lastLoss()).isLessThan(summary.firstLoss());
      assertThat(summary.samplesPerSecond()).isPositive();
    }
  }

  @Test
  void resumingFromADiskCheckpointGivesBitIdenticalWeights(@TempDir Path dir) throws Exception {
    // 60 examples / batch 8 = 7 batches per epoch: 30 steps cross four epoch boundaries, the stop at 11 is mid-epoch.
    ParameterSnapshot uninterrupted;
    try (LinearRegressionTask task = new LinearRegressionTask(60, 1);
        TrainingLoop loop = TrainingLoop.create(CONFIG, task)) {
      loop.trainToEnd();
      uninterrupted = ParameterSnapshot.of(task.block());
    }

    Path checkpoints = dir.resolve("ckpt");
    try (LinearRegressionTask task = new LinearRegressionTask(60, 1);
        TrainingLoop loop = TrainingLoop.create(CONFIG, task)) {
      loop.checkpointEvery(100, checkpoints);
      loop.trainUntil(11);
    }
    ParameterSnapshot resumed;
    // A different init seed: every weight must come from the checkpoint.
    try (LinearRegressionTask task = new LinearRegressionTask(60, 99);
        TrainingLoop loop = TrainingLoop.create(CONFIG, task)) {
      assertThat(loop.resumeFrom(checkpoints)).isTrue();
      assertThat(loop.completedSteps()).isEqualTo(11);
      loop.trainToEnd();
      resumed = ParameterSnapshot.of(task.block());
    }

    assertThat(resumed.names()).isEqualTo(uninterrupted.names());
    for (int i = 0; i < resumed.size(); i++) {
      assertThat(resumed.values(i)).as(resumed.names().get(i)).containsExactly(uninterrupted.values(i));
    }
  }

  @Test
  void shardGradientsMergedAndAppliedMatchALocalStep() {
    float[][] local;
    try (LinearRegressionTask task = new LinearRegressionTask(60, 1);
        TrainingLoop loop = TrainingLoop.create(CONFIG, task)) {
      loop.step();
      loop.step();
      local = values(ParameterSnapshot.of(task.block()));
    }
    float[][] distributed;
    try (LinearRegressionTask task = new LinearRegressionTask(60, 1);
        TrainingLoop loop = TrainingLoop.create(CONFIG, task)) {
      for (int s = 0; s < 2; s++) {
        int[] batch = loop.nextBatch();
        BatchGradients first = TrainingLoop.gradients(task, Arrays.copyOfRange(batch, 0, 3), s, CONFIG.seed());
        BatchGradients second = TrainingLoop.gradients(task, Arrays.copyOfRange(batch, 3, 8), s, CONFIG.seed());
        StepResult result = loop.apply(first.merge(second));
        assertThat(result.examples()).isEqualTo(8);
      }
      distributed = values(ParameterSnapshot.of(task.block()));
    }
    for (int i = 0; i < local.length; i++) {
      for (int j = 0; j < local[i].length; j++) {
        assertThat((double) distributed[i][j]).isCloseTo(local[i][j], within(1e-5));
      }
    }
  }

  @Test
  void concurrentLoopsInOneJvmTakeTurnsInsteadOfColliding() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Double>> results = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        results.add(
            pool.submit(
                () -> {
                  try (LinearRegressionTask task = new LinearRegressionTask(60, 1);
                      TrainingLoop loop = TrainingLoop.create(CONFIG, task)) {
                    loop.trainToEnd();
                    return task.fullLoss();
                  }
                }));
      }
      assertThat(results.get(0).get()).isEqualTo(results.get(1).get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesACheckpointFromOtherSettings(@TempDir Path dir) throws Exception {
    try (LinearRegressionTask task = new LinearRegressionTask(60, 1);
        TrainingLoop loop = TrainingLoop.create(CONFIG, task)) {
      loop.trainUntil(2);
      loop.checkpoint().write(dir);
    }
    TrainingConfig other = TrainingConfig.builder(8, 30, 0.01).build();
    try (LinearRegressionTask task = new LinearRegressionTask(60, 1);
        TrainingLoop loop = TrainingLoop.create(other, task)) {
      assertThatThrownBy(() -> loop.resumeFrom(dir))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Cannot resume training: the checkpoint was made with batch=8,steps=30,lr=0.05");
    }
  }

  @Test
  void rejectsATaskWithFewerExamplesThanOneBatch() {
    try (LinearRegressionTask task = new LinearRegressionTask(5, 1)) {
      assertThatThrownBy(() -> TrainingLoop.create(CONFIG, task))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Cannot train: the task has 5 examples, fewer than one batch of 8; lower the batch size or add data");
    }
  }

  private static float[][] values(ParameterSnapshot snapshot) {
    float[][] out = new float[snapshot.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = snapshot.values(i);
    }
    return out;
  }
}
