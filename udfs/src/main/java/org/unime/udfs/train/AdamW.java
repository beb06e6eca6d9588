package org.unime.udfs.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW written with NDArray ops so that its state (first and second moments per parameter, step count) is ours to
 * checkpoint; DJL's built-in optimizers keep theirs private. The update is PyTorch's {@code torch.optim.AdamW}
 * (and so Hugging Face's), per parameter {@code p} with gradient {@code g} at step {@code t}:
 *
 * <pre>
 *   p ← p · (1 − lr·wd)                 (only for rank ≥ 2: biases and norm scales are not decayed, as in HF)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   p ← p − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + ε)
 * </pre>
 *
 * <p>All state lives on the parameters' device; the update runs in place with gradient recording off. Not
 * thread-safe: one optimizer belongs to one {@link TrainingLoop}.
 */
public final class AdamW implements AutoCloseable {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final List<String> names;
  private final List<NDArray> parameters;
  private final NDManager stateManager;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private int step;

  /** Creates zero moments beside each parameter; {@code names} label them in checkpoints. */
  AdamW(TrainingConfig config, List<String> names, List<Parameter> parameters) {
    this.beta1 = config.beta1();
    this.beta2 = config.beta2();
    this.epsilon = config.epsilon();
    this.weightDecay = config.weightDecay();
    this.names = List.copyOf(names);
    this.parameters = parameters.stream().map(Parameter::getArray).toList();
    this.stateManager = this.parameters.get(0).getManager().newSubManager();
    for (NDArray p : this.parameters) {
      firstMoments.add(stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
      secondMoments.add(stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
    }
    // The moments must outlive any NDScope the caller happens to be in.
    firstMoments.forEach(NDScope::unregister);
    secondMoments.forEach(NDScope::unregister);
  }

  /**
   * Applies one update with learning rate {@code lr}; {@code gradients} are in parameter order and are read, not
   * modified.
   */
  void update(List<NDArray> gradients, double lr) {
    if (gradients.size() != parameters.size()) {
      throw new IllegalArgumentException(
          "Cannot apply AdamW: " + gradients.size() + " gradients for " + parameters.size() + " parameters");
    }
    TrainingLock.disableGradientRecording();
    step++;
    double bias1 = 1.0 - Math.pow(beta1, step);
    double bias2Root = Math.sqrt(1.0 - Math.pow(beta2, step));
    float stepSize = (float) (lr / bias1);
    try (NDScope scope = new NDScope()) {
      for (int i = 0; i < parameters.size(); i++) {
        NDArray p = parameters.get(i);
        NDArray g = gradients.get(i);
        NDArray m = firstMoments.get(i);
        NDArray v = secondMoments.get(i);
        if (weightDecay > 0 && p.getShape().dimension() >= 2) {
          p.muli((float) (1.0 - lr * weightDecay));
        }
        m.muli((float) beta1).addi(g.mul((float) (1.0 - beta1)));
        v.muli((float) beta2).addi(g.square().muli((float) (1.0 - beta2)));
        NDArray denominator = v.sqrt().divi((float) bias2Root).addi((float) epsilon);
        p.subi(m.div(denominator).muli(stepSize));
      }
    }
  }

  /** Updates applied so far ({@code t}). */
  public int stepCount() {
    return step;
  }

  /** A host copy of the moments and step count. */
  public State state() {
    return new State(step, ParameterSnapshot.of(names, firstMoments), ParameterSnapshot.of(names, secondMoments));
  }

  /** Restores moments and step count saved by {@link #state()} for the same parameters. */
  public void restore(State state) {
    state.firstMoments().copyInto(names, firstMoments);
    state.secondMoments().copyInto(names, secondMoments);
    this.step = state.step();
  }

  @Override
  public void close() {
    stateManager.close();
  }

  /**
   * Optimizer state on the host.
   *
   * @param step updates applied
   * @param firstMoments m per parameter
   * @param secondMoments v per parameter
   */
  public record State(int step, ParameterSnapshot firstMoments, ParameterSnapshot secondMoments)
      implements java.io.Serializable {}
}
