package org.unime.udfs.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.Random;

/** y = X·w + b + noise with a two-layer block; the mean squared error is the loss. Owns its manager. */
final class LinearRegressionTask implements TrainingTask, AutoCloseable {
  static final int FEATURES = 4;
  private static final float[] TRUE_W = {2f, -3.4f, 1.5f, 0.7f};

  private final NDManager manager;
  private final Block block;
  private final float[][] x;
  private final float[] y;

  LinearRegressionTask(int examples, int initSeed) {
    this.manager = NDManager.newBaseManager("PyTorch");
    Random random = new Random(7);
    x = new float[examples][FEATURES];
    y = new float[examples];
    for (int i = 0; i < examples; i++) {
      for (int j = 0; j < FEATURES; j++) {
        x[i][j] = (float) random.nextGaussian();
        y[i] += TRUE_W[j] * x[i][j];
      }
      y[i] += 4.2f + 0.01f * (float) random.nextGaussian();
    }
    block = new SequentialBlock().add(Linear.builder().setUnits(8).build()).add(ai.djl.nn.Activation::tanh)
        .add(Linear.builder().setUnits(1).build());
    TrainingLock.initializeSeeded(block, manager, initSeed, new Shape(1, FEATURES));
  }

  @Override
  public Block block() {
    return block;
  }

  @Override
  public int exampleCount() {
    return y.length;
  }

  @Override
  public NDArray loss(BatchContext context, int[] examples) {
    float[][] bx = new float[examples.length][];
    float[] by = new float[examples.length];
    for (int i = 0; i < examples.length; i++) {
      bx[i] = x[examples[i]];
      by[i] = y[examples[i]];
    }
    NDArray inputs = context.manager().create(bx);
    NDArray targets = context.manager().create(by).reshape(examples.length, 1);
    NDArray predictions = block.forward(context.parameterStore(), new NDList(inputs), true).singletonOrThrow();
    return predictions.sub(targets).square().mean();
  }

  /** Mean squared error over all examples, without gradients. */
  double fullLoss() {
    TrainingLock.disableGradientRecording();
    try (NDManager m = manager.newSubManager()) {
      NDArray predictions =
          block.forward(new ai.djl.training.ParameterStore(m, false), new NDList(m.create(x)), false).singletonOrThrow();
      return predictions.sub(m.create(y).reshape(y.length, 1)).square().mean().getFloat();
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
