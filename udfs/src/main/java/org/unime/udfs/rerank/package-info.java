/**
 * The built-in UniME-V2 reranker (spec §6) on the DJL PyTorch engine: a small decoder of the judge's family with an
 * answer head over Yes, No and "(1)".."(k)", trained jointly on pairwise and listwise prompts, and a Spark stage
 * that reranks each query's embedder top-k.
 *
 * <ul>
 *   <li>{@link org.unime.udfs.rerank.RerankerTrainer#train}: driver-side training from mined queries and the rows
 *       they name; writes a model artifact.
 *   <li>{@link org.unime.udfs.rerank.RerankerModel}: a loaded reranker (listwise or pairwise reranking of one
 *       query's top-k); {@link org.unime.udfs.rerank.RerankerModels#open} shares one per executor JVM.
 *   <li>{@link org.unime.udfs.rerank.RerankStage}: the top-k table in, the reranked Delta table out.
 * </ul>
 *
 * <p>Example construction, the loss definition and the ordering rules are engine-free, in
 * {@code org.unime.pipeline.rerank}. Design and measurements: docs/reranker.md.
 */
package org.unime.udfs.rerank;
