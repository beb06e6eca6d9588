package org.unime.udfs.unime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.unime.conf.TrainingSettings.Loss;
import org.unime.pipeline.loss.InfoNce;
import org.unime.pipeline.loss.SymmetricKlLoss;
import org.unime.udfs.embed.TrainableEmbedder;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.train.BatchContext;
import org.unime.udfs.train.TrainingLock;

/**
 * The task's wiring: which rows are embedded, which columns the loss sees and in which order. Its loss must equal
 * the float64 reference applied to cosines computed independently from the same model's embeddings.
 */
class UnimeTaskTest {
  private static final double TAU = 0.02;
  private static final TrainableEmbedder.Inputs INPUTS = SyntheticItems.inputs(4, 10, 7);
  // Items 0..3 are queries, 4..13 candidates. Queries 0 and 2 share positive 4; query 3's other positive is 7.
  private static final ExampleSet EXAMPLES =
      new ExampleSet(
          new String[] {"q0", "q1", "q2", "q3"},
          new int[] {0, 1, 2, 3},
          new int[][] {{4, 9, 10, 9}, {5, 11, 12, 13}, {4, 6, 13, 8}, {6, 7, 8, 12}},
          new float[][] {{0.9f, 0.3f, 0.1f, 0.3f}, {0.8f, 0.8f, 0.0f, 0.2f}, {0.95f, 0.5f, 0.5f, 0.5f}, {0.6f, 0.1f, 0.0f, 0.4f}},
          new int[][] {{}, {}, {}, {7}});
  private static final int[] BATCH = {3, 0, 2, 1};

  @Test
  void unimeV2LossIsTheReferenceOnIndependentCosines() {
    double[][] sims = new double[4][];
    double[][] scores = new double[4][];
    double actual = withTask(Loss.UNIME_V2, (task, cos) -> {
      for (int r = 0; r < 4; r++) {
        int e = BATCH[r];
        sims[r] = new double[4];
        scores[r] = new double[4];
        for (int j = 0; j < 4; j++) {
          sims[r][j] = cos[EXAMPLES.queries()[e]][EXAMPLES.candidates()[e][j]];
          scores[r][j] = EXAMPLES.targets()[e][j];
        }
      }
    });

    double reference = SymmetricKlLoss.atTemperature(TAU).compute(sims, scores).loss();
    assertThat(actual).isCloseTo(reference, within(1e-5 * Math.abs(reference) + 1e-6));
  }

  @Test
  void hardNegativesOnlyIsInfoNceOverTheSameCandidates() {
    double[][] sims = new double[4][];
    double actual = withTask(Loss.HARD_NEGATIVES_ONLY, (task, cos) -> {
      for (int r = 0; r < 4; r++) {
        int e = BATCH[r];
        sims[r] = new double[4];
        for (int j = 0; j < 4; j++) {
          sims[r][j] = cos[EXAMPLES.queries()[e]][EXAMPLES.candidates()[e][j]];
        }
      }
    });

    double reference = InfoNce.atTemperature(TAU).compute(sims).loss();
    assertThat(actual).isCloseTo(reference, within(1e-5 * Math.abs(reference) + 1e-6));
  }

  @Test
  void inBatchUsesEachDistinctPositiveOnceAndMasksOtherPositives() {
    double[] reference = new double[1];
    double actual = withTask(Loss.IN_BATCH, (task, cos) -> {
      // Columns: distinct positives in batch order: 6 (q3), 4 (q0, q2), 5 (q1). Query 3 masks item 7: not a column.
      List<Integer> columns = List.of(6, 4, 5);
      double sum = 0;
      for (int e : BATCH) {
        int target = columns.indexOf(EXAMPLES.positive(e));
        double[] reordered = new double[columns.size()];
        reordered[0] = cos[EXAMPLES.queries()[e]][columns.get(target)];
        for (int c = 0, at = 1; c < columns.size(); c++) {
          if (c != target) {
            reordered[at++] = cos[EXAMPLES.queries()[e]][columns.get(c)];
          }
        }
        sum += InfoNce.atTemperature(TAU).compute(new double[][] {reordered}).loss();
      }
      reference[0] = sum / BATCH.length;
    });

    assertThat(actual).isCloseTo(reference[0], within(1e-5 * Math.abs(reference[0]) + 1e-6));
  }

  @Test
  void inBatchMaskRemovesAnotherPositiveThatIsAColumn() {
    // Query 3's other positive (7) becomes a column when some query in the batch has it as its positive.
    ExampleSet withSeven =
        new ExampleSet(
            new String[] {"q3", "q1"}, new int[] {3, 1}, new int[][] {{6, 8}, {7, 12}}, new float[][] {{1, 0}, {1, 0}},
            new int[][] {{7}, {}});
    double[] reference = new double[1];
    double actual;
    try (UnimeTask task = new UnimeTask(TrainableEmbedder.create(SyntheticItems.SMALL, DeviceSpec.CPU), INPUTS, withSeven, Loss.IN_BATCH, TAU)) {
      double[][] cos = cosines(task);
      // Row q3: columns [6 (own), 7 (masked)] -> loss 0; row q1: columns [6, 7 (own)].
      double rowTwo = InfoNce.atTemperature(TAU).compute(new double[][] {{cos[1][7], cos[1][6]}}).loss();
      reference[0] = rowTwo / 2;
      actual = loss(task, new int[] {0, 1});
    }
    assertThat(actual).isCloseTo(reference[0], within(1e-5 * reference[0] + 1e-6));
  }

  /** Runs the task's loss on {@link #BATCH} after letting {@code reference} read the cosines of all item pairs. */
  private static double withTask(Loss loss, java.util.function.BiConsumer<UnimeTask, double[][]> reference) {
    try (UnimeTask task =
        new UnimeTask(TrainableEmbedder.create(SyntheticItems.SMALL, DeviceSpec.CPU), INPUTS, EXAMPLES, loss, TAU)) {
      reference.accept(task, cosines(task));
      return loss(task, BATCH);
    }
  }

  private static double loss(UnimeTask task, int[] batch) {
    return TrainingLock.withLock(
        () -> {
          TrainingLock.disableGradientRecording();
          try (NDManager m = task.model().manager().newSubManager()) {
            return (double) task.loss(new BatchContext(m, new ParameterStore(m, false), 0, 0), batch).getFloat();
          }
        });
  }

  /** cos[i][j] between every pair of items, from the model's embeddings, in double. */
  private static double[][] cosines(UnimeTask task) {
    int n = INPUTS.size();
    float[] flat =
        TrainingLock.withLock(
            () -> {
              TrainingLock.disableGradientRecording();
              try (NDManager m = task.model().manager().newSubManager()) {
                int[] all = IntStream.range(0, n).toArray();
                return task.model().embed(m, new ParameterStore(m, false), INPUTS, all, false).toFloatArray();
              }
            });
    int d = flat.length / n;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += (double) flat[i * d + k] * flat[j * d + k];
        }
        out[i][j] = s;
      }
    }
    return out;
  }
}
