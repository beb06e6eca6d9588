package org.unime.udfs.rerank;

import java.util.List;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.EmbeddingModel;

/**
 * An embedder whose cosines are written in the item ids: an id ending in {@code @0.83} embeds to a unit vector with
 * cosine 0.83 to the query direction e0; any other id embeds to e0 itself.
 */
final class ScriptedEmbedder implements EmbeddingModel {
  static final int DIMENSION = 4;

  @Override
  public String id() {
    return "scripted-embedder";
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
      String id = items.get(i).id();
      int at = id.lastIndexOf('@');
      double cos = at < 0 ? 1.0 : Double.parseDouble(id.substring(at + 1));
      out[i][0] = (float) cos;
      out[i][1] = (float) Math.sqrt(1 - cos * cos);
    }
    return out;
  }

  @Override
  public void close() {}
}
