package org.unime.udfs.embed;

import java.util.List;

/**
 * A model that maps items (text, image, or image with text) into one vector space where cosine similarity ranks
 * candidates for a query. Every vector is L2-normalised, so a dot product is the cosine.
 *
 * <p>Lifecycle: an instance holds native resources; close it when done. On Spark executors obtain it through
 * {@link EmbeddingModels#open} so that one instance per JVM is shared by all tasks (closing that shared handle is a
 * no-op; {@code ModelCache.clear()} releases it). Implementations are thread-safe: tasks may call {@link #embed}
 * concurrently.
 *
 * <p>Batching: {@link #embed} processes its input in consecutive batches of {@link #batchSize()} items (fixed from
 * the settings), so callers may pass a whole partition's worth of items. A failure throws
 * {@link org.unime.udfs.model.ModelException} naming the model, the batch size and the first row id of the failing
 * batch; it never returns null or partial vectors.
 */
public interface EmbeddingModel extends AutoCloseable {

  /** Model id, e.g. {@code builtin-embedder}. */
  String id();

  /** Content hash of the weights and architecture (the artifact manifest's version). */
  String version();

  /** Length of every vector. */
  int dimension();

  /** Items per forward pass. */
  int batchSize();

  /** One unit-norm vector of length {@link #dimension()} per item, in input order. */
  float[][] embed(List<EmbeddingInput> items);

  @Override
  void close();
}
