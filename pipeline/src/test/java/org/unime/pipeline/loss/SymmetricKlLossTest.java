package org.unime.pipeline.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.unime.pipeline.loss.LossFixtures.assertAllFinite;
import static org.unime.pipeline.loss.LossFixtures.assertClose;
import static org.unime.pipeline.loss.LossFixtures.toDouble;
import static org.unime.pipeline.loss.LossFixtures.toFloat;
import static org.unime.pipeline.loss.LossFixtures.uniform;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymmetricKlLossTest {

  @ParameterizedTest
  @CsvSource({"1, 0.02", "2, 0.05", "3, 0.1", "4, 1.0"})
  void valuesMatchTheFormulasWrittenOut(long seed, double tau) {
    Random random = new Random(seed);
    double[][] sims = uniform(random, 6, 9, -0.2, 0.8);
    double[][] scores = uniform(random, 6, 9, 0.0, 1.0);

    SymmetricKlResult result = SymmetricKlLoss.atTemperature(tau).compute(sims, scores);
    double[] expected = LossFixtures.naiveSymmetricKl(sims, scores, tau);

    assertThat(result.loss()).isCloseTo(expected[0], within(1e-12 * Math.max(1, expected[0])));
    assertThat(result.kl1()).isCloseTo(expected[1], within(1e-12 * Math.max(1, expected[1])));
    assertThat(result.kl2()).isCloseTo(expected[2], within(1e-12 * Math.max(1, expected[2])));
    assertThat(result.loss()).isEqualTo(0.5 * (result.kl1() + result.kl2()));
  }

  @ParameterizedTest
  @CsvSource({"1, 0.02, 0.3, 0.5", "2, 0.02, -0.1, 0.2", "3, 0.1, -0.5, 0.9", "4, 1.0, -1.0, 1.0"})
  void gradientMatchesFiniteDifferences(long seed, double tau, double lo, double hi) {
    Random random = new Random(seed);
    SymmetricKlLoss loss = SymmetricKlLoss.atTemperature(tau);
    double[][] sims = uniform(random, 4, 9, lo, hi);
    double[][] scores = uniform(random, 4, 9, 0.0, 1.0);

    double[][] analytic = loss.compute(sims, scores).gradient();
    double[][] numeric = LossFixtures.finiteDifferences(sims, 1e-6, s -> loss.compute(s, scores).loss());

    assertClose(analytic, numeric, 1e-6, 1e-3);
  }

  @Test
  void batchLossIsTheMeanOfRowLosses() {
    Random random = new Random(9);
    SymmetricKlLoss loss = SymmetricKlLoss.atTemperature(0.02);
    double[][] sims = uniform(random, 2, 9, 0.0, 0.6);
    double[][] scores = uniform(random, 2, 9, 0.0, 1.0);

    SymmetricKlResult both = loss.compute(sims, scores);
    SymmetricKlResult first = loss.compute(new double[][] {sims[0]}, new double[][] {scores[0]});
    SymmetricKlResult second = loss.compute(new double[][] {sims[1]}, new double[][] {scores[1]});

    assertThat(both.loss()).isCloseTo(0.5 * (first.loss() + second.loss()), within(1e-12));
    for (int j = 0; j < 9; j++) {
      assertThat(both.gradient()[0][j]).isCloseTo(0.5 * first.gradient()[0][j], within(1e-15));
    }
  }

  @ParameterizedTest
  @CsvSource({"5, 0.02", "6, 0.1"})
  void float32AgreesWithFloat64(long seed, double tau) {
    Random random = new Random(seed);
    SymmetricKlLoss loss = SymmetricKlLoss.atTemperature(tau);
    float[][] sims = toFloat(uniform(random, 8, 9, -0.3, 0.9));
    float[][] scores = toFloat(uniform(random, 8, 9, 0.0, 1.0));

    SymmetricKlResult32 single = loss.compute(sims, scores);
    SymmetricKlResult reference = loss.compute(toDouble(sims), toDouble(scores));

    assertThat((double) single.loss()).isCloseTo(reference.loss(), within(1e-5 * reference.loss()));
    assertThat((double) single.kl1()).isCloseTo(reference.kl1(), within(1e-5 * reference.kl1()));
    assertThat((double) single.kl2()).isCloseTo(reference.kl2(), within(1e-5 * reference.kl2()));
    assertClose(toDouble(single.gradient()), reference.gradient(), 1e-4, 1e-2);
  }

  @Test
  void identicalScoresAndSimilaritiesGiveZeroLossAndGradient() {
    double[][] sims = {{0.3, 0.3, 0.3, 0.3}};
    double[][] scores = {{0.7, 0.7, 0.7, 0.7}};

    SymmetricKlResult result = SymmetricKlLoss.atTemperature(0.02).compute(sims, scores);
    SymmetricKlResult32 single = SymmetricKlLoss.atTemperature(0.02).compute(toFloat(sims), toFloat(scores));

    // Not exactly 0: each side's ε contributes about −ε per entry.
    assertThat(result.loss()).isCloseTo(0.0, within(1e-6));
    assertThat(result.gradient()[0]).containsOnly(0.0);
    assertThat((double) single.loss()).isCloseTo(0.0, within(1e-6));
    assertThat(single.gradient()[0]).containsOnly(0f);
  }

  @Test
  void identicalScoresGiveAUniformTarget() {
    double[][] sims = {{0.9, 0.1, 0.1, 0.1}};
    double[][] scores = {{0.5, 0.5, 0.5, 0.5}};

    SymmetricKlResult result = SymmetricKlLoss.atTemperature(0.1).compute(sims, scores);

    double[] p = LossFixtures.naiveSoftmax(sims[0], 0.1);
    double kl1 = 0;
    for (double pj : p) {
      kl1 += 0.25 * (Math.log(0.25) - Math.log(pj + 1e-8));
    }

    assertThat(result.kl1()).isCloseTo(kl1, within(1e-12));
    // The positive is over-weighted relative to the uniform target, so the gradient pushes it down.
    assertThat(result.gradient()[0][0]).isPositive();
  }

  @Test
  void oneHotTargetReducesKl1ToInfoNce() {
    // τ = 0.001 and a score gap of 1 make Q exactly one-hot even in double (exp(−1000) = 0): the 0·log 0 path.
    double[][] sims = {{0.5, 0.499, 0.4985, 0.497, 0.4995}};
    double[][] scores = {{1.0, 0.0, 0.0, 0.0, 0.0}};

    SymmetricKlResult result = SymmetricKlLoss.atTemperature(0.001).compute(sims, scores);
    double infoNce = InfoNce.atTemperature(0.001).compute(sims).loss();

    assertThat(result.kl1()).isCloseTo(infoNce, within(1e-7));
    assertThat(Double.isFinite(result.kl2())).isTrue();
    assertAllFinite(result.gradient());
  }

  @Test
  void extremeSimilaritiesStayFinite() {
    Random random = new Random(21);
    double[][] sims = new double[16][9];
    for (double[] row : sims) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextBoolean() ? 1.0 : -1.0;
      }
    }

    double[][] scores = uniform(random, 16, 9, 0.0, 1.0);
    scores[0] = new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0};
    sims[0] = new double[] {-1, 1, 1, 1, 1, 1, 1, 1, 1}; // the positive is the worst match: largest possible loss
    SymmetricKlLoss loss = SymmetricKlLoss.atTemperature(0.02);

    SymmetricKlResult reference = loss.compute(sims, scores);
    SymmetricKlResult32 single = loss.compute(toFloat(sims), toFloat(scores));

    assertThat(Double.isFinite(reference.loss()) && Double.isFinite(reference.kl1())
        && Double.isFinite(reference.kl2())).isTrue();
    assertThat(Float.isFinite(single.loss()) && Float.isFinite(single.kl1()) && Float.isFinite(single.kl2()))
        .isTrue();
    assertAllFinite(reference.gradient());
    assertAllFinite(toDouble(single.gradient()));
    assertThat((double) single.loss()).isCloseTo(reference.loss(), within(1e-5 * reference.loss()));
  }

  @Test
  void rejectsInvalidInputs() {
    SymmetricKlLoss loss = SymmetricKlLoss.atTemperature(0.02);

    assertThatThrownBy(() -> SymmetricKlLoss.atTemperature(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create the symmetric KL loss: the temperature must be finite and > 0 (got 0.0)");
    assertThatThrownBy(() -> loss.compute(new double[][] {{0.1, 0.2}}, new double[][] {{0.1, 0.2, 0.3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute the symmetric KL loss: similarities and judge scores must have the same shape "
            + "(got 1×2 and 1×3)");
    assertThatThrownBy(() -> loss.compute(new double[][] {{0.1, Double.NaN}}, new double[][] {{0.1, 0.2}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute the symmetric KL loss: similarities must be finite (got NaN at row 0, "
            + "column 1)");
    assertThatThrownBy(() -> loss.compute(new float[][] {{0.1f, 0.2f}, {0.3f}}, new float[][] {{0.1f, 0.2f}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute the symmetric KL loss: every row of similarities must have 2 entries (got 1 "
            + "in row 1)");
    assertThatThrownBy(() -> loss.compute(new double[0][], new double[0][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute the symmetric KL loss: the similarities need at least one row and one column "
            + "(got 0×0)");
  }
}
