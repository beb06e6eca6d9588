package org.unime.udfs.embed;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Locale;
import java.util.SplittableRandom;
import org.unime.udfs.train.TrainingConfig;
import org.unime.udfs.train.TrainingLock;
import org.unime.udfs.train.TrainingLoop;
import org.unime.udfs.train.TrainingSummary;

/**
 * Benchmark, not a test (run by {@code scripts/bench-training.sh}): training throughput of the DJL loop on the
 * built-in embedder's architecture with synthetic image→text pairs, the workload bench/pytorch_training.py repeats
 * in PyTorch. Each example is an image query with the shared instruction and a distinct text positive; a step is
 * forward + in-batch InfoNCE + backward + clipping + AdamW. Prints one JSON object.
 *
 * <p>Arguments: {@code batchSize measuredSteps warmupSteps [c1 c2 c3]}. Thread count: set
 * {@code -Dai.djl.pytorch.num_threads} (the script sets it to the PyTorch side's value).
 */
public final class TrainingThroughputBenchmark {
  private TrainingThroughputBenchmark() {}

  public static void main(String[] args) {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    EmbedderArchitecture a =
        args.length > 5
            ? new EmbedderArchitecture(128, 32, Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]), 256, 256)
            : EmbedderArchitecture.standard(128, 32);
    int pairs = batch * 16;
    PreparedItems items = synthetic(pairs, a.imageSize());
    int[] queries = new int[pairs];
    int[] positives = new int[pairs];
    int[][] others = new int[pairs][0];
    for (int i = 0; i < pairs; i++) {
      positives[i] = i;
      queries[i] = pairs + i;
    }
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      EmbedderNetwork network = new EmbedderNetwork(a);
      TrainingLock.initializeSeeded(network, manager, 42, network.inputShapes());
      InBatchInfoNceTask task = new InBatchInfoNceTask(network, items, queries, positives, others, 0.05, false);
      TrainingConfig config =
          TrainingConfig.builder(batch, warmup + measured, 1e-3).withWarmupSteps(0).withWeightDecay(0.01)
              .withLogEvery(1_000_000).build();
      try (TrainingLoop loop = TrainingLoop.create(config, task)) {
        loop.trainUntil(warmup);
        TrainingSummary summary = loop.trainToEnd();
        System.out.println(
            String.format(
                Locale.ROOT,
                "{\"framework\": \"djl\", \"djl\": \"%s\", \"engine\": \"PyTorch %s\", \"threads\": %s,"
                    + " \"batch_size\": %d, \"steps\": %d, \"seconds\": %.3f, \"samples_per_second\": %.1f,"
                    + " \"final_loss\": %.4f, \"architecture\": \"%s\"}",
                Engine.getDjlVersion(), Engine.getEngine("PyTorch").getVersion(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"), batch, summary.steps(),
                summary.seconds(), summary.samplesPerSecond(), summary.lastLoss(), a));
      }
    }
  }

  /** {@code n} text candidates (random unit features) then {@code n} image queries sharing one instruction. */
  static PreparedItems synthetic(int n, int imageSize) {
    SplittableRandom random = new SplittableRandom(7);
    String[] ids = new String[2 * n];
    byte[][] images = new byte[2 * n][];
    float[][] texts = new float[2 * n][];
    float[] instruction = unit(random);
    for (int i = 0; i < n; i++) {
      ids[i] = "text-" + i;
      texts[i] = unit(random);
      ids[n + i] = "image-" + i;
      byte[] pixels = new byte[3 * imageSize * imageSize];
      for (int p = 0; p < pixels.length; p++) {
        pixels[p] = (byte) random.nextInt(256);
      }
      images[n + i] = pixels;
      texts[n + i] = instruction;
    }
    return PreparedItems.of(ids, images, texts);
  }

  private static float[] unit(SplittableRandom random) {
    float[] v = new float[MiniLmEncoder.DIMENSION];
    double norm = 0;
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) random.nextGaussian();
      norm += v[d] * v[d];
    }
    for (int d = 0; d < v.length; d++) {
      v[d] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
