package org.unime.conf;

import java.io.Serializable;
import java.util.List;
import org.unime.pipeline.model.Split;

/**
 * Stage-1 retrieval of potential hard negatives.
 *
 * @param topK candidates kept per query (the paper's 50)
 * @param maxSimilarity delta: keep only candidates whose cosine similarity is strictly below it
 * @param querySplits splits whose queries are mined
 * @param candidateSplits splits whose candidates form the global pool
 * @param queryBlockSize queries per block of the blocked search
 * @param candidateBlockSize candidates per block of the blocked search
 * @param kernel which matrix-product kernel scores a block pair
 */
public record RetrievalSettings(
    int topK,
    double maxSimilarity,
    List<Split> querySplits,
    List<Split> candidateSplits,
    int queryBlockSize,
    int candidateBlockSize,
    Kernel kernel)
    implements Serializable {

  /** The block-scoring kernel. */
  public enum Kernel {
    JAVA,
    DJL
  }

  public RetrievalSettings {
    querySplits = List.copyOf(querySplits);
    candidateSplits = List.copyOf(candidateSplits);
  }

  static RetrievalSettings from(ConfigReader reader) {
    return new RetrievalSettings(
        reader.intAtLeast("unime.retrieval.top-k", 1),
        // Cosine lives in [-1, 1]; values above 1 disable the cap.
        reader.doubleIn("unime.retrieval.max-similarity", -1.0, 1.0001),
        splits(reader, "unime.retrieval.query-splits"),
        splits(reader, "unime.retrieval.candidate-splits"),
        reader.intAtLeast("unime.retrieval.query-block-size", 1),
        reader.intAtLeast("unime.retrieval.candidate-block-size", 1),
        reader.enumValue("unime.retrieval.kernel", Kernel.class, MiningSettings::kebab));
  }

  private static List<Split> splits(ConfigReader reader, String key) {
    List<String> names = reader.stringList(key);
    if (names.isEmpty()) {
      reader.problem(key, names, "must list at least one split");
    }
    return names.stream()
        .map(
            name -> {
              try {
                return Split.fromWireName(name);
              } catch (IllegalArgumentException e) {
                reader.problem(key, name, "is not a split: " + e.getMessage());
                return Split.TRAIN;
              }
            })
        .toList();
  }

  /** Split wire names, for Spark filters. */
  public List<String> querySplitNames() {
    return querySplits.stream().map(Split::wireName).toList();
  }

  public List<String> candidateSplitNames() {
    return candidateSplits.stream().map(Split::wireName).toList();
  }
}
