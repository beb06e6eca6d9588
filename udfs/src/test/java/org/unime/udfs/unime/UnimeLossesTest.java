package org.unime.udfs.unime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.unime.pipeline.loss.InfoNce;
import org.unime.pipeline.loss.InfoNceResult;
import org.unime.pipeline.loss.SymmetricKlLoss;
import org.unime.pipeline.loss.SymmetricKlResult;
import org.unime.udfs.distributed.ShardedTask.PartialLoss;
import org.unime.udfs.train.TrainingLock;

/**
 * The DJL losses (value, both KL terms and the autograd gradient with respect to the similarities) against the
 * independent float64 reference in {@code org.unime.pipeline.loss}: the same NDArray code run in float64 must agree
 * to 1e-6 relative (gradients: max-norm relative), including identical scores, one-hot scores and extreme
 * similarities; run in float32, as training runs it, it must stay within float32 rounding of the reference.
 */
class UnimeLossesTest {
  private static final double TAU = 0.02;
  private static NDManager manager;

  @BeforeAll
  static void engine() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  static Stream<Arguments> cases() {
    Random random = new Random(11);
    double[][] sims = uniform(random, 7, 9, -1.0, 1.0);
    double[][] scores = uniform(random, 7, 9, 0.0, 1.0);
    double[][] identical = new double[4][9];
    double[][] oneHot = new double[4][9];
    double[][] extreme = new double[4][9];
    for (int b = 0; b < 4; b++) {
      Arrays.fill(identical[b], 0.37);
      oneHot[b][0] = 1.0;
      for (int j = 0; j < 9; j++) {
        extreme[b][j] = (b + j) % 2 == 0 ? 1.0 : -1.0;
      }
    }
    double[][] moderate = uniform(random, 4, 9, 0.2, 0.6);
    return Stream.of(
        Arguments.of("random", sims, scores),
        Arguments.of("identical scores", moderate, identical),
        Arguments.of("one-hot scores", moderate, oneHot),
        Arguments.of("extreme similarities (z = ±50)", extreme, Arrays.copyOf(scores, 4)),
        Arguments.of("extreme similarities, one-hot scores", extreme, oneHot),
        Arguments.of("identical similarities and scores", identical, identical));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void symmetricKlMatchesTheFloat64Reference(String name, double[][] sims, double[][] scores) {
    SymmetricKlResult reference = SymmetricKlLoss.atTemperature(TAU).compute(sims, scores);

    Result djl = run(sims, DataType.FLOAT64, (s, m) -> UnimeLosses.symmetricKl(s, m.create(scores), TAU, sims.length));

    assertRelative(djl.loss, reference.loss(), 1e-6);
    assertRelative(djl.kl1, reference.kl1(), 1e-6);
    assertRelative(djl.kl2, reference.kl2(), 1e-6);
    assertGradient(djl.gradient, reference.gradient(), 1e-6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void symmetricKlInFloat32StaysWithinFloatRounding(String name, double[][] sims, double[][] scores) {
    SymmetricKlResult reference = SymmetricKlLoss.atTemperature(TAU).compute(sims, scores);

    Result djl =
        run(sims, DataType.FLOAT32,
            (s, m) -> UnimeLosses.symmetricKl(s, m.create(scores).toType(DataType.FLOAT32, false), TAU, sims.length));

    assertThat(djl.type).isEqualTo(DataType.FLOAT32);
    // float32 logits of size 50 carry ~3e-6 absolute error; the ε's contribution (~1e-8 per entry) is below float
    // resolution next to the other terms, hence the absolute floor.
    assertThat(djl.loss).isCloseTo(reference.loss(), org.assertj.core.data.Offset.offset(1e-5 * Math.abs(reference.loss()) + 1e-5));
    assertGradient(djl.gradient, reference.gradient(), 1e-4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hardNegativesOnlyMatchesTheInfoNceReference(String name, double[][] sims, double[][] ignored) {
    InfoNceResult reference = InfoNce.atTemperature(TAU).compute(sims);

    Result djl = run(sims, DataType.FLOAT64, (s, m) -> UnimeLosses.infoNceFirstColumn(s, TAU, sims.length));

    assertRelative(djl.loss, reference.loss(), 1e-6);
    assertGradient(djl.gradient, reference.gradient(), 1e-6);
  }

  @Test
  void maskedInBatchInfoNceEqualsInfoNceWithoutTheMaskedColumns() {
    Random random = new Random(5);
    double[][] sims = uniform(random, 3, 5, -1.0, 1.0);
    int[] target = {2, 0, 4};
    int[][] masked = {{1}, {}, {0, 3}};
    // The reference has the target first and the masked columns removed.
    double[][] kept = new double[3][];
    double[] mask = new double[15];
    double[] onehot = new double[15];
    for (int b = 0; b < 3; b++) {
      int row = b;
      onehot[b * 5 + target[b]] = 1;
      Arrays.stream(masked[b]).forEach(j -> mask[row * 5 + j] = -1e4);
      double[] r = new double[5 - masked[b].length];
      r[0] = sims[b][target[b]];
      int at = 1;
      for (int j = 0; j < 5; j++) {
        int col = j;
        if (j != target[b] && Arrays.stream(masked[b]).noneMatch(m -> m == col)) {
          r[at++] = sims[b][j];
        }
      }
      kept[b] = r;
    }
    double reference = 0;
    for (double[] r : kept) {
      reference += InfoNce.atTemperature(TAU).compute(new double[][] {r}).loss();
    }
    reference /= 3;

    Result djl =
        run(sims, DataType.FLOAT64,
            (s, m) ->
                UnimeLosses.infoNceMasked(
                    s.div(TAU).add(m.create(mask, new Shape(3, 5))), m.create(onehot, new Shape(3, 5)), 3));

    assertRelative(djl.loss, reference, 1e-9);
    for (int b = 0; b < 3; b++) {
      for (int j : masked[b]) {
        assertThat(djl.gradient[b][j]).as("masked column gets no gradient").isZero();
      }
    }
  }

  @Test
  void shardSharesAddUpToTheBatchMean() {
    Random random = new Random(3);
    double[][] sims = uniform(random, 6, 9, -1.0, 1.0);
    double[][] scores = uniform(random, 6, 9, 0.0, 1.0);
    Result whole = run(sims, DataType.FLOAT64, (s, m) -> UnimeLosses.symmetricKl(s, m.create(scores), TAU, 6));
    Result first =
        run(Arrays.copyOfRange(sims, 0, 2), DataType.FLOAT64,
            (s, m) -> UnimeLosses.symmetricKl(s, m.create(Arrays.copyOfRange(scores, 0, 2)), TAU, 6));
    Result rest =
        run(Arrays.copyOfRange(sims, 2, 6), DataType.FLOAT64,
            (s, m) -> UnimeLosses.symmetricKl(s, m.create(Arrays.copyOfRange(scores, 2, 6)), TAU, 6));

    assertRelative(first.loss + rest.loss, whole.loss, 1e-12);
    assertRelative(first.kl1 + rest.kl1, whole.kl1, 1e-12);
    assertThat(first.gradient[1][3]).isCloseTo(whole.gradient[1][3], org.assertj.core.data.Offset.offset(1e-15));
    assertThat(rest.gradient[0][5]).isCloseTo(whole.gradient[2][5], org.assertj.core.data.Offset.offset(1e-15));
  }

  /** Loss value, terms and ∂loss/∂similarities from one autograd pass. */
  private record Result(double loss, double kl1, double kl2, double[][] gradient, DataType type) {}

  private static Result run(double[][] sims, DataType type, BiFunction<NDArray, NDManager, PartialLoss> loss) {
    return TrainingLock.withLock(
        () -> {
          try (NDManager scope = manager.newSubManager()) {
            NDArray s = scope.create(sims).toType(type, false);
            s.setRequiresGradient(true);
            PartialLoss value;
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
              value = loss.apply(s, scope);
              collector.backward(value.loss());
            } finally {
              TrainingLock.disableGradientRecording();
            }
            double[] flat = s.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            double[][] gradient = new double[sims.length][];
            int n = sims[0].length;
            for (int b = 0; b < sims.length; b++) {
              gradient[b] = Arrays.copyOfRange(flat, b * n, (b + 1) * n);
            }
            return new Result(
                scalar(value.loss()), term(value, UnimeLosses.KL1), term(value, UnimeLosses.KL2), gradient,
                value.loss().getDataType());
          }
        });
  }

  private static double term(PartialLoss value, String name) {
    NDArray t = value.terms().get(name);
    return t == null ? Double.NaN : scalar(t);
  }

  private static double scalar(NDArray a) {
    return a.toType(DataType.FLOAT64, false).getDouble();
  }

  private static void assertRelative(double actual, double expected, double tolerance) {
    assertThat(actual).isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance * Math.max(Math.abs(expected), 1e-9)));
  }

  /** max |g − ref| ≤ tolerance · max |ref| (a floor of 1e-12 covers an all-zero reference). */
  private static void assertGradient(double[][] actual, double[][] expected, double tolerance) {
    double scale = 0;
    double error = 0;
    for (int b = 0; b < expected.length; b++) {
      for (int j = 0; j < expected[b].length; j++) {
        assertThat(Double.isFinite(actual[b][j])).as("gradient [%d][%d] is finite", b, j).isTrue();
        scale = Math.max(scale, Math.abs(expected[b][j]));
        error = Math.max(error, Math.abs(actual[b][j] - expected[b][j]));
      }
    }
    assertThat(error).as("max gradient error (reference max %s)", scale).isLessThanOrEqualTo(tolerance * scale + 1e-12);
  }

  private static double[][] uniform(Random random, int rows, int cols, double lo, double hi) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int j = 0; j < cols; j++) {
        row[j] = lo + (hi - lo) * random.nextDouble();
      }
    }
    return out;
  }
}
