package org.unime.udfs.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * Clipping by global L2 norm, as {@code torch.nn.utils.clip_grad_norm_}: with {@code n = sqrt(Σ_p ||g_p||²)}, every
 * gradient is scaled in place by {@code maxNorm / (n + 1e-6)} when that is below 1.
 */
public final class GradientClipping {
  private GradientClipping() {}

  /** The global L2 norm of the gradients (float32 sums per array, one host read in total). */
  public static double globalNorm(List<NDArray> gradients) {
    if (gradients.isEmpty()) {
      return 0.0;
    }
    try (NDScope scope = new NDScope()) {
      NDArray total = null;
      for (NDArray g : gradients) {
        NDArray sum = g.square().sum();
        total = total == null ? sum : total.add(sum);
      }
      return Math.sqrt(total.getFloat());
    }
  }

  /**
   * Scales the gradients in place so their global norm is at most {@code maxNorm}; {@code maxNorm <= 0} leaves them
   * alone. Returns the norm before clipping (the number worth logging).
   */
  public static double clipInPlace(List<NDArray> gradients, double maxNorm) {
    double norm = globalNorm(gradients);
    if (maxNorm > 0) {
      double scale = maxNorm / (norm + 1e-6);
      if (scale < 1.0) {
        for (NDArray g : gradients) {
          g.muli((float) scale);
        }
      }
    }
    return norm;
  }
}
