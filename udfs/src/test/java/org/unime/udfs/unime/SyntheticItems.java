package org.unime.udfs.unime;

import java.util.Random;
import org.unime.udfs.embed.EmbedderArchitecture;
import org.unime.udfs.embed.TrainableEmbedder;

/** Seeded synthetic item inputs (no MiniLM, no images to decode): a small network trains on them in milliseconds. */
final class SyntheticItems {
  static final EmbedderArchitecture SMALL = new EmbedderArchitecture(16, 8, 4, 4, 8, 16, 16);

  private SyntheticItems() {}

  /**
   * {@code queries} image+instruction items (ids q0..), then {@code candidates} items alternating text-only and
   * image-only (ids c0..).
   */
  static TrainableEmbedder.Inputs inputs(int queries, int candidates, long seed) {
    Random random = new Random(seed);
    int n = queries + candidates;
    String[] ids = new String[n];
    byte[][] images = new byte[n][];
    float[][] texts = new float[n][];
    float[] instruction = feature(random);
    for (int i = 0; i < n; i++) {
      boolean query = i < queries;
      ids[i] = query ? "q" + i : "c" + (i - queries);
      boolean image = query || (i - queries) % 2 == 1;
      if (image) {
        images[i] = new byte[3 * SMALL.imageSize() * SMALL.imageSize()];
        random.nextBytes(images[i]);
      }
      if (query) {
        texts[i] = instruction;
      } else if (!image) {
        texts[i] = feature(random);
      }
    }
    return TrainableEmbedder.Inputs.of(ids, images, texts);
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
