package org.unime.tests.training;

import java.util.Random;
import org.unime.conf.TrainingSettings.Loss;
import org.unime.udfs.embed.EmbedderArchitecture;
import org.unime.udfs.embed.TrainableEmbedder;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.unime.ExampleSet;
import org.unime.udfs.unime.UnimeReplicaRecipe;
import org.unime.udfs.unime.UnimeTask;

/**
 * Seeded synthetic UniME-V2 training data over the real task and network code: image+instruction queries, text and
 * image candidates, random judge scores, positives shared by some queries (as Fashion-MNIST's class names are), so
 * the in-batch loss deduplicates columns. No MiniLM or image decoding: inputs are random features and pixels.
 *
 * @param architecture network shape
 * @param inputs prepared item inputs
 * @param examples candidate lists and judge scores
 */
record SyntheticTraining(EmbedderArchitecture architecture, TrainableEmbedder.Inputs inputs, ExampleSet examples) {

  /** {@code queries} examples over {@code candidates} candidates, k negatives each. */
  static SyntheticTraining create(EmbedderArchitecture architecture, int queries, int candidates, int k, long seed) {
    Random random = new Random(seed);
    int n = queries + candidates;
    String[] ids = new String[n];
    byte[][] images = new byte[n][];
    float[][] texts = new float[n][];
    int pixels = 3 * architecture.imageSize() * architecture.imageSize();
    float[][] instructions = {feature(random), feature(random)};
    for (int i = 0; i < n; i++) {
      boolean query = i < queries;
      ids[i] = (query ? "q" : "c") + i;
      if (query || i % 3 == 0) {
        images[i] = new byte[pixels];
        random.nextBytes(images[i]);
      }
      texts[i] = query ? instructions[i % 2] : images[i] == null ? feature(random) : null;
    }
    String[] queryIds = new String[queries];
    int[] queryItems = new int[queries];
    int[][] lists = new int[queries][k + 1];
    float[][] targets = new float[queries][k + 1];
    int[][] others = new int[queries][];
    for (int q = 0; q < queries; q++) {
      queryIds[q] = ids[q];
      queryItems[q] = q;
      // Every fourth query shares its positive with the previous query.
      int positive = queries + (q % 4 == 3 ? (q - 1) % candidates : q % candidates);
      lists[q][0] = positive;
      targets[q][0] = 0.5f + 0.5f * random.nextFloat();
      for (int j = 1; j <= k; j++) {
        int negative;
        do {
          negative = queries + random.nextInt(candidates);
        } while (negative == positive);
        lists[q][j] = negative;
        targets[q][j] = random.nextFloat() * targets[q][0];
      }
      others[q] = q % 5 == 0 ? new int[] {queries + (q + 7) % candidates} : new int[0];
    }
    return new SyntheticTraining(
        architecture, TrainableEmbedder.Inputs.of(ids, images, texts),
        new ExampleSet(queryIds, queryItems, lists, targets, others));
  }

  /** A fresh task (seeded initial weights, identical every time) over this data. */
  UnimeTask task(Loss loss) {
    return new UnimeTask(TrainableEmbedder.create(architecture, DeviceSpec.CPU), inputs, examples, loss, 0.02);
  }

  UnimeReplicaRecipe recipe(Loss loss) {
    return new UnimeReplicaRecipe(architecture, DeviceSpec.CPU, inputs, examples, loss, 0.02);
  }

  private static float[] feature(Random random) {
    float[] f = new float[TrainableEmbedder.Inputs.textFeatureLength()];
    double norm = 0;
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) random.nextGaussian();
      norm += f[i] * f[i];
    }
    for (int i = 0; i < f.length; i++) {
      f[i] /= (float) Math.sqrt(norm);
    }
    return f;
  }
}
