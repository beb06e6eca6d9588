package org.unime.udfs.embed;

import java.io.Serializable;
import java.util.List;

/**
 * A query and the ids of its positive candidates (from the queries table's {@code positive_ids}), plus the dataset
 * it belongs to (used to cap and report per dataset).
 *
 * @param query the query item
 * @param dataset dataset name, e.g. {@code emoji}
 * @param positiveIds ids of the candidates that answer it
 */
public record LabeledQuery(EmbeddingInput query, String dataset, List<String> positiveIds) implements Serializable {

  public LabeledQuery {
    positiveIds = List.copyOf(positiveIds);
    if (positiveIds.isEmpty()) {
      throw new IllegalArgumentException("Cannot use query " + query.id() + ": it has no positive candidate");
    }
  }
}
