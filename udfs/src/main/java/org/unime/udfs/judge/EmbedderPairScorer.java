package org.unime.udfs.judge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.EmbeddingModel;

/**
 * An embedder as a {@link PairScorer}: cosine similarity of L2-normalised vectors, each item embedded once (the
 * baseline the judge must beat on near variants). Not thread-safe.
 */
public final class EmbedderPairScorer implements PairScorer {
  private final EmbeddingModel model;
  private final Map<String, float[]> cache = new HashMap<>();

  public EmbedderPairScorer(EmbeddingModel model) {
    this.model = model;
  }

  @Override
  public String name() {
    return "cosine:" + model.id();
  }

  @Override
  public float[] score(CorpusItem query, List<CorpusItem> candidates) {
    List<CorpusItem> all = new ArrayList<>(candidates.size() + 1);
    all.add(query);
    all.addAll(candidates);
    embedMissing(all);
    float[] q = cache.get(query.id());
    float[] out = new float[candidates.size()];
    for (int i = 0; i < out.length; i++) {
      float[] c = cache.get(candidates.get(i).id());
      double dot = 0;
      for (int k = 0; k < q.length; k++) {
        dot += q[k] * c[k];
      }
      out[i] = (float) dot;
    }
    return out;
  }

  /** One batched embedder call for the items not seen yet. */
  private void embedMissing(List<CorpusItem> items) {
    List<CorpusItem> missing = new ArrayList<>();
    for (CorpusItem item : items) {
      if (!cache.containsKey(item.id()) && missing.stream().noneMatch(m -> m.id().equals(item.id()))) {
        missing.add(item);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    float[][] vectors =
        model.embed(missing.stream().map(m -> new EmbeddingInput(m.id(), m.text(), m.image())).toList());
    for (int i = 0; i < vectors.length; i++) {
      cache.put(missing.get(i).id(), vectors[i]);
    }
  }
}
