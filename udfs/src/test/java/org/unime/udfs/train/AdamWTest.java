package org.unime.udfs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {

  @Test
  void threeStepsMatchAHandComputationWithDecoupledDecayOnMatricesOnly() {
    double lr = 0.1;
    double wd = 0.5;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    TrainingConfig config =
        TrainingConfig.builder(1, 10, lr).withWeightDecay(wd).withBetas(b1, b2).withEpsilon(eps).build();
    double[] w = {1.0, -2.0, 0.5, 3.0}; // a 2x2 matrix: decayed
    double[] b = {0.25, -0.75}; // a bias vector: not decayed
    double[][] gw = {{0.1, -0.2, 0.3, 0.0}, {-0.4, 0.5, 0.0, 1.0}, {2.0, 0.0, -1.0, 0.5}};
    double[][] gb = {{1.0, -1.0}, {0.5, 0.5}, {-0.2, 0.3}};

    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Parameter pw = parameter(manager, "w", new float[] {1f, -2f, 0.5f, 3f}, new Shape(2, 2));
      Parameter pb = parameter(manager, "b", new float[] {0.25f, -0.75f}, new Shape(2));
      try (AdamW adam = new AdamW(config, List.of("w", "b"), List.of(pw, pb))) {
        double[] mw = new double[4], vw = new double[4], mb = new double[2], vb = new double[2];
        for (int t = 1; t <= 3; t++) {
          NDArray g1 = manager.create(toFloats(gw[t - 1]), new Shape(2, 2));
          NDArray g2 = manager.create(toFloats(gb[t - 1]));
          adam.update(List.of(g1, g2), lr);
          handStep(w, gw[t - 1], mw, vw, t, lr, wd, b1, b2, eps);
          handStep(b, gb[t - 1], mb, vb, t, lr, 0.0, b1, b2, eps);
          assertClose(pw.getArray().toFloatArray(), w);
          assertClose(pb.getArray().toFloatArray(), b);
        }
        assertThat(adam.stepCount()).isEqualTo(3);
        assertClose(adam.state().firstMoments().values(0), mw);
        assertClose(adam.state().secondMoments().values(1), vb);
      }
    }
  }

  @Test
  void restoredStateContinuesIdentically() {
    TrainingConfig config = TrainingConfig.builder(1, 10, 0.05).withWeightDecay(0.1).build();
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Parameter a = parameter(manager, "w", new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
      Parameter b = parameter(manager, "w", new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
      NDArray g = manager.create(new float[] {0.3f, -0.1f, 0.2f, 0.9f}, new Shape(2, 2));
      try (AdamW first = new AdamW(config, List.of("w"), List.of(a));
          AdamW second = new AdamW(config, List.of("w"), List.of(b))) {
        first.update(List.of(g), 0.05);
        first.update(List.of(g), 0.05);
        second.update(List.of(g), 0.05);
        second.update(List.of(g), 0.05);
        AdamW.State saved = second.state();
        try (AdamW resumed = new AdamW(config, List.of("w"), List.of(b))) {
          resumed.restore(saved);
          first.update(List.of(g), 0.05);
          resumed.update(List.of(g), 0.05);
        }
      }
      assertThat(b.getArray().toFloatArray()).containsExactly(a.getArray().toFloatArray());
    }
  }

  private static void handStep(
      double[] p, double[] g, double[] m, double[] v, int t, double lr, double wd, double b1, double b2, double eps) {
    for (int i = 0; i < p.length; i++) {
      p[i] *= 1 - lr * wd;
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      double mHat = m[i] / (1 - Math.pow(b1, t));
      double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
      p[i] -= lr * mHat / denom;
    }
  }

  static Parameter parameter(NDManager manager, String name, float[] values, Shape shape) {
    Parameter p =
        Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(manager.create(values, shape)).build();
    p.getArray().setRequiresGradient(true);
    return p;
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static void assertClose(float[] actual, double[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(2e-6 * Math.max(1, Math.abs(expected[i]))));
    }
  }
}
