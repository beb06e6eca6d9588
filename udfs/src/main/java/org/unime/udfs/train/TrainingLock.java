package org.unime.udfs.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The JVM-wide lock around every use of DJL's {@code GradientCollector}, which is global to the JVM in the PyTorch
 * engine (a second collector in any thread throws). Everything in this package that records gradients takes it;
 * code elsewhere that opens a collector directly must go through {@link #withLock(Supplier)} too, or two Spark tasks
 * in one executor will collide.
 *
 * <p>It also owns PyTorch's autograd switch, which is per thread: new threads (Spark task threads) start with
 * gradient recording on, and in-place updates of parameters fail while it is on.
 */
public final class TrainingLock {
  private static final ReentrantLock LOCK = new ReentrantLock(true);

  private TrainingLock() {}

  /** Runs {@code work} while holding the JVM-wide training lock (reentrant). */
  public static <T> T withLock(Supplier<T> work) {
    LOCK.lock();
    try {
      return work.get();
    } finally {
      LOCK.unlock();
    }
  }

  /**
   * Seeds the engine's global RNG and initialises {@code block} while holding the lock, so that concurrent
   * initialisations in one JVM cannot interleave and the same seed always gives the same weights.
   */
  public static void initializeSeeded(
      Block block, NDManager manager, int seed, Shape... inputShapes) {
    withLock(
        () -> {
          manager.getEngine().setRandomSeed(seed);
          block.initialize(manager, DataType.FLOAT32, inputShapes);
          return null;
        });
  }

  /**
   * Turns PyTorch gradient recording off for the calling thread: before inference (so no autograd graph is built)
   * and before in-place parameter updates. A no-op when PyTorch is not the engine in use.
   */
  public static void disableGradientRecording() {
    if (Engine.hasEngine("PyTorch")) {
      Engine.getEngine("PyTorch"); // loads libtorch before the first JNI call
      if (JniUtils.isGradMode()) {
        JniUtils.setGradMode(false);
      }
    }
  }
}
