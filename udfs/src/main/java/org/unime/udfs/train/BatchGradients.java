package org.unime.udfs.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The loss and parameter gradients of one batch (or the merge of several shards of a global batch), on the host,
 * without any update applied: the unit a data-parallel Spark trainer sends from executors to the driver. Gradients
 * are of the batch's mean loss, so shards are merged as an example-weighted mean ({@link #merge}), which equals the
 * gradient of the global batch's mean loss whenever the loss is a mean of per-example terms.
 *
 * <p>Immutable by convention (arrays are not copied: do not modify them) and serializable.
 *
 * @param names parameter names in the block's order (only parameters that require gradients)
 * @param gradients one array per name, flattened in row-major order
 * @param loss mean loss of the examples
 * @param examples number of examples the loss and gradients average over
 */
public record BatchGradients(List<String> names, List<float[]> gradients, double loss, int examples)
    implements Serializable {

  public BatchGradients {
    names = List.copyOf(names);
    gradients = List.copyOf(gradients);
    if (names.size() != gradients.size() || examples < 1) {
      throw new IllegalArgumentException(
          "Cannot build batch gradients: " + names.size() + " names, " + gradients.size() + " arrays, " + examples
              + " examples");
    }
  }

  /** The example-weighted mean of two shards' gradients and losses; associative up to float rounding. */
  public BatchGradients merge(BatchGradients other) {
    if (!names.equals(other.names)) {
      throw new IllegalArgumentException(
          "Cannot merge gradients of different models: " + names + " vs " + other.names);
    }
    int total = examples + other.examples;
    double a = (double) examples / total;
    double b = (double) other.examples / total;
    List<float[]> merged = new ArrayList<>(gradients.size());
    for (int i = 0; i < gradients.size(); i++) {
      float[] x = gradients.get(i);
      float[] y = other.gradients.get(i);
      float[] out = new float[x.length];
      for (int j = 0; j < x.length; j++) {
        out[j] = (float) (a * x[j] + b * y[j]);
      }
      merged.add(out);
    }
    return new BatchGradients(names, merged, a * loss + b * other.loss, total);
  }
}
