package org.unime.conf;

import java.io.Serializable;

/**
 * Stage-1 retrieval of potential hard negatives.
 *
 * @param topK candidates kept per query (the paper's 50)
 * @param maxSimilarity delta: keep only candidates whose cosine similarity is strictly below it
 */
public record RetrievalSettings(int topK, double maxSimilarity) implements Serializable {

  static RetrievalSettings from(ConfigReader reader) {
    return new RetrievalSettings(
        reader.intAtLeast("unime.retrieval.top-k", 1),
        // Cosine lives in [-1, 1]; anything above 1 disables the cap, which we allow up to 1.0001 for clarity.
        reader.doubleIn("unime.retrieval.max-similarity", -1.0, 1.0001));
  }
}
