/**
 * The engine-free half of the UniME-V2 reranker (spec §6): how one mined query becomes its three training examples,
 * the loss in double precision (the reference the DJL trainer is tested against), and how reranker outputs become a
 * new order of the embedder's top-k.
 *
 * <ul>
 *   <li>{@link org.unime.pipeline.rerank.RerankExampleFactory} turns a {@link org.unime.pipeline.rerank.MinedQuery}
 *       into a pair+ (Yes), a pair− (No) and a list with the positive at a seeded position, per
 *       {@link org.unime.pipeline.rerank.RerankSettings}.
 *   <li>{@link org.unime.pipeline.rerank.RerankLoss} is L = w_pair·(CE(Yes | pair+) + CE(No | pair−)) +
 *       w_list·CE(answer | list), the paper's Eqs. 5–6.
 *   <li>{@link org.unime.pipeline.rerank.Reranking} orders candidates by P(Yes) (pairwise) or by the position
 *       distribution (listwise); the result is always a permutation of the input.
 * </ul>
 *
 * <p>Everything here is immutable or stateless, and deterministic for a given seed on every JVM.
 */
package org.unime.pipeline.rerank;
