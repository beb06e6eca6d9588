package org.unime.udfs.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Encoded rows packed into left-padded arrays for {@link MiniJudgeNet}: token ids, image features and slots, item
 * vectors, kind masks, absolute positions, additive attention biases (0 where allowed, a large negative where a key
 * is padding or in the future), and per row the cosine of its query and candidate item vectors.
 *
 * <p>Positions continue from a per-row offset, so a suffix row's positions follow its prefix's real length, exactly
 * as in the concatenated sequence. All arrays are attached to the manager given to {@link #of}.
 */
public final class MiniJudgeBatch {
  private final int rows;
  private final int length;
  private final int[] lengths;
  private final NDArray[] arrays;

  private MiniJudgeBatch(int rows, int length, int[] lengths, NDArray[] arrays) {
    this.rows = rows;
    this.length = length;
    this.lengths = lengths;
    this.arrays = arrays;
  }

  /**
   * Packs rows.
   *
   * @param offsets position of each row's first real element (0 for prefixes and full sequences, the prefix's
   *     length for suffixes)
   * @param answer whether to append the answer position to every row
   * @param queryVectors per row, the query item vector to take the cosine with (a suffix row's prefix vector); null
   *     to use each row's own {@code queryVector} (full sequences) or when there is no embedder
   */
  public static MiniJudgeBatch of(
      NDManager manager, MiniJudgeConfig config, List<MiniJudgeEncoder.Encoded> encoded, int[] offsets,
      boolean answer, float[][] queryVectors) {
    int n = encoded.size();
    int extra = answer ? 1 : 0;
    int len = 0;
    for (MiniJudgeEncoder.Encoded e : encoded) {
      len = Math.max(len, e.length() + extra);
    }
    int pd = config.imageFeatureDim();
    int ed = Math.max(1, config.embedderDim());
    long[] tok = new long[n * len];
    long[] slot = new long[n * len];
    long[] pos = new long[n * len];
    float[] patch = new float[n * len * pd];
    float[] vectors = new float[n * len * ed];
    float[] text = new float[n * len];
    float[] image = new float[n * len];
    float[] item = new float[n * len];
    float[] ans = new float[n * len];
    float[] keys = new float[n * len];
    float[] cosine = new float[n];
    int[] lengths = new int[n];
    for (int r = 0; r < n; r++) {
      MiniJudgeEncoder.Encoded e = encoded.get(r);
      int real = e.length() + extra;
      int pad = len - real;
      lengths[r] = real;
      if (offsets[r] + real > config.maxPositions()) {
        throw new IllegalArgumentException(
            "Cannot judge: the sequence needs " + (offsets[r] + real) + " positions but max-positions is "
                + config.maxPositions());
      }
      cosine[r] = dot(queryVectors == null ? e.queryVector() : queryVectors[r], e.candidateVector());
      int patchAt = 0;
      int vectorAt = 0;
      for (int j = 0; j < len; j++) {
        int at = r * len + j;
        if (j < pad) {
          keys[at] = MiniJudgeNet.maskedValue();
          continue;
        }
        int k = j - pad;
        pos[at] = offsets[r] + k;
        long token = k < e.length() ? e.tokens()[k] : 0;
        if (k == e.length()) {
          ans[at] = 1f;
        } else if (token == MiniJudgeEncoder.Encoded.IMAGE) {
          image[at] = 1f;
          slot[at] = e.patchSlot()[k];
          System.arraycopy(e.patches(), patchAt, patch, at * pd, pd);
          patchAt += pd;
        } else if (token == MiniJudgeEncoder.Encoded.EMBEDDING) {
          item[at] = 1f;
          System.arraycopy(e.embeddings(), vectorAt, vectors, at * ed, ed);
          vectorAt += ed;
        } else {
          text[at] = 1f;
          tok[at] = token;
        }
      }
    }
    long cells = (long) n * len;
    NDArray[] arrays = {
      manager.create(tok),
      manager.create(patch, new Shape(cells, pd)),
      manager.create(slot),
      manager.create(text, new Shape(cells, 1)),
      manager.create(image, new Shape(cells, 1)),
      manager.create(ans, new Shape(cells, 1)),
      manager.create(pos),
      manager.create(attentionBias(n, len, keys), new Shape(n, 1, 1, len, len)),
      manager.create(keys, new Shape(n, len)),
      manager.create(vectors, new Shape(cells, ed)),
      manager.create(item, new Shape(cells, 1)),
      manager.create(cosine, new Shape(n, 1))
    };
    return new MiniJudgeBatch(n, len, lengths, arrays);
  }

  /**
   * Causal attention over real keys. A pad row attends to itself only, so no softmax row is fully masked (such rows
   * are numerically fragile in float32); real rows never see pad keys, so their results are unchanged.
   */
  private static float[] attentionBias(int n, int len, float[] keys) {
    float[] bias = new float[n * len * len];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < len; i++) {
        for (int j = 0; j < len; j++) {
          boolean allowed = j == i || (j < i && keys[r * len + j] == 0f);
          bias[(r * len + i) * len + j] = allowed ? 0f : MiniJudgeNet.maskedValue();
        }
      }
    }
    return bias;
  }

  private static float dot(float[] a, float[] b) {
    if (a == null || b == null) {
      return 0f;
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return (float) sum;
  }

  public int rows() {
    return rows;
  }

  /** Padded length. */
  public int length() {
    return length;
  }

  /** Real length of each row (including the answer position when present). */
  public int[] lengths() {
    return lengths.clone();
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

  NDArray isText() {
    return arrays[3];
  }

  NDArray isImage() {
    return arrays[4];
  }

  NDArray isAnswer() {
    return arrays[5];
  }

  NDArray positions() {
    return arrays[6];
  }

  /** {@code [N, 1, 1, L, L]}: causal and key padding. */
  NDArray selfBias() {
    return arrays[7];
  }

  /** {@code [N, L]}: key padding only, for suffixes attending to this batch as a cached prefix. */
  NDArray keyBias() {
    return arrays[8];
  }

  /** {@code [N * L, embedderDim]}: item vectors at item-embedding positions, zeros elsewhere. */
  NDArray itemVectors() {
    return arrays[9];
  }

  NDArray isItem() {
    return arrays[10];
  }

  /** {@code [N, 1]}: cosine of each row's query and candidate item vectors (0 without an embedder). */
  NDArray cosine() {
    return arrays[11];
  }
}
