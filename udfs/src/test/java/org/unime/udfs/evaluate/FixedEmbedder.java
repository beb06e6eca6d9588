package org.unime.udfs.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.EmbeddingModel;

/** A stand-in embedding model: fixed vectors by item id, and a log of the ids it was asked to embed. */
final class FixedEmbedder implements EmbeddingModel {
  private final Map<String, float[]> vectors;
  final List<String> embedded = new ArrayList<>();

  FixedEmbedder(Map<String, float[]> vectors) {
    this.vectors = vectors;
  }

  static float[] v(double... xs) {
    float[] out = new float[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = (float) xs[i];
    }
    return out;
  }

  @Override
  public String id() {
    return "fixed";
  }

  @Override
  public String version() {
    return "v1";
  }

  @Override
  public int dimension() {
    return vectors.values().iterator().next().length;
  }

  @Override
  public int batchSize() {
    return 8;
  }

  @Override
  public float[][] embed(List<EmbeddingInput> items) {
    float[][] out = new float[items.size()][];
    for (int i = 0; i < out.length; i++) {
      String id = items.get(i).id();
      float[] v = vectors.get(id);
      if (v == null) {
        throw new IllegalArgumentException("no fixed vector for " + id);
      }
      embedded.add(id);
      out[i] = v;
    }
    return out;
  }

  @Override
  public void close() {}
}
