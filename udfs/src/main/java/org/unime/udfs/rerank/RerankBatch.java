package org.unime.udfs.rerank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.unime.udfs.judge.MiniJudgeConfig;
import org.unime.udfs.judge.MiniJudgeEncoder.Encoded;

/**
 * Reranker prompts packed into left-padded arrays for {@link RerankerNet}, each row ending with its answer position
 * (so the answer is always the last column): token ids, image features and patch slots, list-candidate slots, item
 * vectors, kind masks, absolute positions, the causal + padding attention bias, the cosine prior per head column and
 * the mask that limits a list row's position answers to its k candidates.
 *
 * <p>The same packing as the judge's {@code MiniJudgeBatch} for full sequences (whose accessors are private to the
 * judge), plus the reranker's slots, answer kinds, prior and position mask. All arrays are attached to the manager
 * given to {@link #of}.
 */
final class RerankBatch {
  /** Additive bias of a masked attention key or answer column. */
  static final float MASKED = -1e9f;

  private final int rows;
  private final int length;
  private final NDArray[] arrays;

  private RerankBatch(int rows, int length, NDArray[] arrays) {
    this.rows = rows;
    this.length = length;
    this.arrays = arrays;
  }

  /** Packs {@code sequences}; each gets an answer position of its kind appended. */
  static RerankBatch of(NDManager manager, RerankerConfig config, List<RerankSequence> sequences) {
    MiniJudgeConfig b = config.backbone();
    int n = sequences.size();
    int len = 0;
    for (RerankSequence s : sequences) {
      len = Math.max(len, s.length() + 1);
    }
    if (len > b.maxPositions()) {
      throw new IllegalArgumentException(
          "Cannot rerank: a prompt needs " + len + " positions but max-positions is " + b.maxPositions()
              + "; raise max-positions, lower max-text-tokens or rerank fewer candidates");
    }
    int pd = b.imageFeatureDim();
    int ed = Math.max(1, b.embedderDim());
    int width = config.headWidth();
    int k = config.maxCandidates();
    long cells = (long) n * len;
    Packed p = new Packed((int) cells, pd, ed);
    float[] keys = new float[n * len];
    float[] prior = new float[n * width];
    float[] positionMask = new float[n * k];
    for (int r = 0; r < n; r++) {
      RerankSequence s = sequences.get(r);
      int pad = len - (s.length() + 1);
      for (int j = 0; j < pad; j++) {
        keys[r * len + j] = MASKED;
      }
      p.fill(s, r * len + pad);
      System.arraycopy(s.prior(), 0, prior, r * width, width);
      for (int j = s.candidates(); j < k; j++) {
        positionMask[r * k + j] = MASKED;
      }
    }
    NDArray[] arrays = {
      manager.create(p.tokens),
      manager.create(p.patches, new Shape(cells, pd)),
      manager.create(p.patchSlots),
      manager.create(p.slots),
      manager.create(p.text, new Shape(cells, 1)),
      manager.create(p.image, new Shape(cells, 1)),
      manager.create(p.item, new Shape(cells, 1)),
      manager.create(p.vectors, new Shape(cells, ed)),
      manager.create(p.pairAnswer, new Shape(cells, 1)),
      manager.create(p.listAnswer, new Shape(cells, 1)),
      manager.create(p.positions),
      manager.create(attentionBias(n, len, keys), new Shape(n, 1, len, len)),
      manager.create(prior, new Shape(n, width)),
      manager.create(positionMask, new Shape(n, k))
    };
    return new RerankBatch(n, len, arrays);
  }

  /**
   * Causal attention over real keys. A pad row attends to itself only, so no softmax row is fully masked; real rows
   * never see pad keys.
   */
  private static float[] attentionBias(int n, int len, float[] keys) {
    float[] bias = new float[n * len * len];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < len; i++) {
        for (int j = 0; j < len; j++) {
          boolean allowed = j == i || (j < i && keys[r * len + j] == 0f);
          bias[(r * len + i) * len + j] = allowed ? 0f : MASKED;
        }
      }
    }
    return bias;
  }

  /** Host arrays of every position, filled row by row. */
  private static final class Packed {
    final long[] tokens;
    final float[] patches;
    final long[] patchSlots;
    final long[] slots;
    final float[] text;
    final float[] image;
    final float[] item;
    final float[] vectors;
    final float[] pairAnswer;
    final float[] listAnswer;
    final long[] positions;
    private final int pd;
    private final int ed;

    Packed(int cells, int pd, int ed) {
      this.pd = pd;
      this.ed = ed;
      tokens = new long[cells];
      patches = new float[cells * pd];
      patchSlots = new long[cells];
      slots = new long[cells];
      text = new float[cells];
      image = new float[cells];
      item = new float[cells];
      vectors = new float[cells * ed];
      pairAnswer = new float[cells];
      listAnswer = new float[cells];
      positions = new long[cells];
    }

    /** Writes one sequence and its answer position from cell {@code start} on. */
    void fill(RerankSequence s, int start) {
      Encoded e = s.encoded();
      int patchAt = 0;
      int vectorAt = 0;
      for (int k = 0; k < e.length(); k++) {
        int at = start + k;
        positions[at] = k;
        slots[at] = s.slots()[k];
        long token = e.tokens()[k];
        if (token == Encoded.IMAGE) {
          image[at] = 1f;
          patchSlots[at] = e.patchSlot()[k];
          System.arraycopy(e.patches(), patchAt, patches, at * pd, pd);
          patchAt += pd;
        } else if (token == Encoded.EMBEDDING) {
          item[at] = 1f;
          System.arraycopy(e.embeddings(), vectorAt, vectors, at * ed, ed);
          vectorAt += ed;
        } else {
          text[at] = 1f;
          tokens[at] = token;
        }
      }
      int answer = start + e.length();
      positions[answer] = e.length();
      (s.kind() == RerankSequence.Kind.PAIRWISE ? pairAnswer : listAnswer)[answer] = 1f;
    }
  }

  int rows() {
    return rows;
  }

  /** Padded length, answer position included. */
  int length() {
    return length;
  }

  NDArray tokens() {
    return arrays[0];
  }

  NDArray patches() {
    return arrays[1];
  }

  NDArray patchSlots() {
    return arrays[2];
  }

  /** List-candidate slot per position (0 outside list candidates). */
  NDArray slots() {
    return arrays[3];
  }

  NDArray isText() {
    return arrays[4];
  }

  NDArray isImage() {
    return arrays[5];
  }

  NDArray isItem() {
    return arrays[6];
  }

  /** {@code [N * L, embedderDim]}: item vectors at item positions, zeros elsewhere. */
  NDArray itemVectors() {
    return arrays[7];
  }

  NDArray isPairAnswer() {
    return arrays[8];
  }

  NDArray isListAnswer() {
    return arrays[9];
  }

  NDArray positions() {
    return arrays[10];
  }

  /** {@code [N, 1, L, L]}: causal and key padding. */
  NDArray selfBias() {
    return arrays[11];
  }

  /** {@code [N, headWidth]}: cosine prior per head column. */
  NDArray prior() {
    return arrays[12];
  }

  /** {@code [N, maxCandidates]}: 0 for a row's k candidates, {@link #MASKED} beyond. */
  NDArray positionMask() {
    return arrays[13];
  }
}
