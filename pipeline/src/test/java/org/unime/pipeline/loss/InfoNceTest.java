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

class InfoNceTest {

  @ParameterizedTest
  @CsvSource({"1, 0.02", "2, 0.1", "3, 1.0"})
  void valueMatchesTheTextbookCrossEntropy(long seed, double tau) {
    Random random = new Random(seed);
    double[][] sims = uniform(random, 5, 9, -0.5, 0.9);

    double expected = 0;
    for (double[] row : sims) {
      expected -= Math.log(LossFixtures.naiveSoftmax(row, tau)[0]);
    }

    expected /= sims.length;
    assertThat(InfoNce.atTemperature(tau).compute(sims).loss()).isCloseTo(expected, within(1e-12 * expected));
  }

  @ParameterizedTest
  @CsvSource({"4, 0.02, 0.2, 0.5", "5, 0.1, -0.5, 0.9", "6, 1.0, -1.0, 1.0"})
  void gradientMatchesFiniteDifferences(long seed, double tau, double lo, double hi) {
    Random random = new Random(seed);
    InfoNce loss = InfoNce.atTemperature(tau);
    double[][] sims = uniform(random, 4, 9, lo, hi);

    double[][] analytic = loss.compute(sims).gradient();
    double[][] numeric = LossFixtures.finiteDifferences(sims, 1e-6, s -> loss.compute(s).loss());

    assertClose(analytic, numeric, 1e-6, 1e-3);
  }

  @Test
  void float32AgreesWithFloat64() {
    Random random = new Random(7);
    InfoNce loss = InfoNce.atTemperature(0.02);
    float[][] sims = toFloat(uniform(random, 8, 9, -0.3, 0.9));

    InfoNceResult32 single = loss.compute(sims);
    InfoNceResult reference = loss.compute(toDouble(sims));

    assertThat((double) single.loss()).isCloseTo(reference.loss(), within(1e-5 * reference.loss()));
    assertClose(toDouble(single.gradient()), reference.gradient(), 1e-4, 1e-2);
  }

  @Test
  void extremeSimilaritiesStayFinite() {
    double[][] sims = {{-1, 1, 1, 1, 1, 1, 1, 1, 1}, {1, -1, -1, -1, -1, -1, -1, -1, -1}};
    InfoNce loss = InfoNce.atTemperature(0.02);

    InfoNceResult reference = loss.compute(sims);
    InfoNceResult32 single = loss.compute(toFloat(sims));

    // Row 0: logsumexp = 50 + log 8, positive logit −50; row 1: loss ≈ 8·exp(−100) ≈ 0.
    assertThat(reference.loss()).isCloseTo((100 + Math.log(8)) / 2, within(1e-12));
    assertThat((double) single.loss()).isCloseTo(reference.loss(), within(1e-5));
    assertAllFinite(reference.gradient());
    assertAllFinite(toDouble(single.gradient()));
    assertThat(reference.gradient()[0][0]).isCloseTo(-1 / (2 * 0.02), within(1e-9));
  }

  @Test
  void rejectsInvalidInputs() {
    assertThatThrownBy(() -> InfoNce.atTemperature(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create the InfoNCE loss: the temperature must be finite and > 0 (got NaN)");
    assertThatThrownBy(() -> InfoNce.atTemperature(0.02).compute(new float[][] {{Float.POSITIVE_INFINITY}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute the InfoNCE loss: similarities must be finite (got Infinity at row 0, "
            + "column 0)");
  }
}
