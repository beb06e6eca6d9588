package org.unime.udfs.rerank;

import java.util.ArrayList;
import java.util.List;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.judge.MiniJudgeEncoder;
import org.unime.udfs.judge.MiniJudgeEncoder.Encoded;
import org.unime.udfs.judge.MiniJudgeVocabulary;

/**
 * Encodes reranker prompts with the judge's encoder (the same WordPiece tokens, image patches, colour histogram and
 * item-vector positions), so the reranker reads its inputs exactly as the judge does. Prompts are built from pieces
 * (query side, candidate sides) that callers may cache: a piece depends only on its item and, for a list
 * candidate, its position.
 *
 * <p>Thread-safe. Does not own the embedder.
 */
final class RerankerEncoder implements AutoCloseable {
  private final RerankerConfig config;
  private final MiniJudgeEncoder encoder;

  RerankerEncoder(RerankerConfig config, MiniJudgeVocabulary vocabulary, EmbeddingModel embedder) {
    this.config = config;
    this.encoder = new MiniJudgeEncoder(config.backbone(), vocabulary, embedder);
  }

  RerankerConfig config() {
    return config;
  }

  /** The frozen embedder's vectors of {@code items}, or nulls without an embedder. */
  float[][] vectors(List<JudgeItem> items) {
    return encoder.vectors(items);
  }

  Encoded pairQuery(JudgeItem query, float[] vector) {
    return encoder.encode(RerankerPrompt.pairQuery(query), vector);
  }

  Encoded pairCandidate(JudgeItem candidate, float[] vector) {
    return encoder.encode(RerankerPrompt.pairCandidate(candidate), vector);
  }

  Encoded listQuery(JudgeItem query, float[] vector) {
    return encoder.encode(RerankerPrompt.listQuery(query), vector);
  }

  Encoded listCandidate(int position, JudgeItem candidate, float[] vector) {
    return encoder.encode(RerankerPrompt.listCandidate(position, candidate), vector);
  }

  /** The pairwise prompt of each candidate, vectors computed here. */
  List<RerankSequence> pairs(JudgeItem query, List<JudgeItem> candidates) {
    float[][] v = vectorsOf(query, candidates);
    Encoded q = pairQuery(query, v[0]);
    List<RerankSequence> out = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      out.add(RerankSequence.pair(q, v[0], pairCandidate(candidates.get(i), v[i + 1]), v[i + 1],
          config.headWidth()));
    }
    return out;
  }

  /** The listwise prompt over {@code candidates} in their given order, vectors computed here. */
  RerankSequence list(JudgeItem query, List<JudgeItem> candidates) {
    float[][] v = vectorsOf(query, candidates);
    List<Encoded> pieces = new ArrayList<>(candidates.size());
    float[][] cv = new float[candidates.size()][];
    for (int i = 0; i < candidates.size(); i++) {
      pieces.add(listCandidate(i + 1, candidates.get(i), v[i + 1]));
      cv[i] = v[i + 1];
    }
    return RerankSequence.list(listQuery(query, v[0]), v[0], pieces, cv, config.headWidth());
  }

  private float[][] vectorsOf(JudgeItem query, List<JudgeItem> candidates) {
    List<JudgeItem> all = new ArrayList<>(candidates.size() + 1);
    all.add(query);
    all.addAll(candidates);
    return vectors(all);
  }

  @Override
  public void close() {
    encoder.close();
  }
}
