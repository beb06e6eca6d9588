package org.unime.udfs.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.EmbeddingModel;

/**
 * One model's vectors of the evaluation items, embedded once each: items are keyed by id, so an item that several
 * tasks share (a label in an MMEB-style pool, the recall set and a compositional caption) costs one forward pass.
 * Ids must therefore identify content; the set builders give a derived id to every derived input (an image with an
 * added instruction). Driver-side, one per model evaluation; not thread-safe.
 */
final class ItemEmbeddings {
  private final EmbeddingModel model;
  private final Map<String, float[]> vectors = new HashMap<>();
  private long embedded;

  ItemEmbeddings(EmbeddingModel model) {
    this.model = model;
  }

  /** Embeds every item not seen yet, in one call (the model batches it). */
  void prefetch(List<EmbeddingInput> items) {
    Map<String, EmbeddingInput> missing = new LinkedHashMap<>();
    for (EmbeddingInput item : items) {
      if (!vectors.containsKey(item.id())) {
        missing.putIfAbsent(item.id(), item);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    List<EmbeddingInput> batch = new ArrayList<>(missing.values());
    float[][] out = model.embed(batch);
    for (int i = 0; i < batch.size(); i++) {
      vectors.put(batch.get(i).id(), out[i]);
    }
    embedded += batch.size();
  }

  /** The item's vector, embedding it first if needed. */
  float[] of(EmbeddingInput item) {
    float[] v = vectors.get(item.id());
    if (v == null) {
      prefetch(List.of(item));
      v = vectors.get(item.id());
    }
    return v;
  }

  float[][] of(List<EmbeddingInput> items) {
    prefetch(items);
    float[][] out = new float[items.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vectors.get(items.get(i).id());
    }
    return out;
  }

  /** Items embedded so far (each id once). */
  long embedded() {
    return embedded;
  }
}
