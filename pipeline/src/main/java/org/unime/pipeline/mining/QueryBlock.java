package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A block of query embeddings with each query's {@link RetrievalFilter}.
 *
 * <p>The vector array is not copied; the block owns it and callers must not change it afterwards. Because of the
 * array, {@code equals} compares vectors by identity.
 *
 * @param ids query ids, one per row (used in error messages and by callers to pair results with queries)
 * @param vectors {@code ids.size() × dim} floats, row-major
 * @param dim embedding dimension, at least 1
 * @param filters one filter per query, in the same order as {@code ids}
 */
public record QueryBlock(List<String> ids, float[] vectors, int dim, List<RetrievalFilter> filters)
    implements Serializable {

  public QueryBlock {
    ids = List.copyOf(ids);
    filters = List.copyOf(filters);
    Objects.requireNonNull(vectors, "vectors");
    Shapes.requireRows("query block", ids.size(), vectors, dim);
    if (filters.size() != ids.size()) {
      throw new IllegalArgumentException(
          "Cannot build a query block: need one retrieval filter per query (got " + filters.size()
              + " filters for " + ids.size() + " queries)");
    }
  }

  /** Builds a block from one array per query, copying them into a row-major array. */
  public static QueryBlock ofRows(List<String> ids, float[][] rows, List<RetrievalFilter> filters) {
    return new QueryBlock(ids, Shapes.flatten("query block", rows), Shapes.dimOf(rows), filters);
  }

  /** Number of queries in the block. */
  public int size() {
    return ids.size();
  }
}
