package org.unime.pipeline.rerank;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a trained reranker orders a query's top-k at inference (spec §6, "Inference readout"). */
public enum RerankMode {
  /**
   * One prompt over all k candidates; the answer position's logits over "(1)".."(k)" give the order (the argmax
   * first: the reference's readout of the first {@code (\d+)} it generates).
   */
  LISTWISE("listwise"),
  /** One prompt per candidate; candidates sorted by P(Yes) = softmax([l_Yes, l_No])[0] (the SugarCrepe readout). */
  PAIRWISE("pairwise");

  private final String wireName;

  RerankMode(String wireName) {
    this.wireName = wireName;
  }

  /** The value written to the {@code mode} column and used in configuration. */
  public String wireName() {
    return wireName;
  }

  public static RerankMode parse(String value) {
    for (RerankMode m : values()) {
      if (m.wireName.equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "Cannot parse the rerank mode: expected one of "
            + Arrays.stream(values()).map(RerankMode::wireName).collect(Collectors.joining(", "))
            + " (got " + value + ")");
  }
}
