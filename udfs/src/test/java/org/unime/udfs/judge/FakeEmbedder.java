package org.unime.udfs.judge;

import java.util.List;
import java.util.SplittableRandom;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.EmbeddingModel;

/** A deterministic stand-in embedder: unit vectors seeded by the item's text and image hash. */
final class FakeEmbedder implements EmbeddingModel {
  static final int DIMENSION = 8;

  @Override
  public String id() {
    return "fake-embedder";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public int batchSize() {
    return 16;
  }

  @Override
  public float[][] embed(List<EmbeddingInput> items) {
    float[][] out = new float[items.size()][DIMENSION];
    for (int i = 0; i < out.length; i++) {
      EmbeddingInput item = items.get(i);
      long seed = (item.text() == null ? 0 : item.text().hashCode()) * 31L
          + (item.image() == null ? 0 : java.util.Arrays.hashCode(item.image()));
      SplittableRandom random = new SplittableRandom(seed);
      double norm = 0;
      for (int k = 0; k < DIMENSION; k++) {
        out[i][k] = (float) random.nextGaussian();
        norm += out[i][k] * out[i][k];
      }
      for (int k = 0; k < DIMENSION; k++) {
        out[i][k] /= (float) Math.sqrt(norm);
      }
    }
    return out;
  }

  @Override
  public void close() {}
}
