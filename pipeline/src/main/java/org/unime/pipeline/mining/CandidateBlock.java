package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A block of candidate embeddings: ids and their vectors, row-major.
 *
 * <p>The vector array is not copied (blocks can be hundreds of megabytes); the block owns it and callers must not
 * change it afterwards. Because of the array, {@code equals} compares vectors by identity.
 *
 * @param ids candidate ids, one per row; unique across the whole pool
 * @param vectors {@code ids.size() × dim} floats, row i is candidate {@code ids.get(i)}
 * @param dim embedding dimension, at least 1
 */
public record CandidateBlock(List<String> ids, float[] vectors, int dim) implements Serializable {

  public CandidateBlock {
    ids = List.copyOf(ids);
    Objects.requireNonNull(vectors, "vectors");
    Shapes.requireRows("candidate block", ids.size(), vectors, dim);
  }

  /** Builds a block from one array per candidate, copying them into a row-major array. */
  public static CandidateBlock ofRows(List<String> ids, float[][] rows) {
    return new CandidateBlock(ids, Shapes.flatten("candidate block", rows), Shapes.dimOf(rows));
  }

  /** Number of candidates in the block. */
  public int size() {
    return ids.size();
  }
}
