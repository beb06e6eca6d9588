package org.unime.udfs.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Encoded rows packed into left-padded arrays for {@link MiniJudgeNet}: token ids, patch values and slots, kind
 * masks, absolute positions, and additive attention biases (0 where allowed, a large negative where a key is padding
 * or in the future).
 *
 * <p>Positions continue from a per-row offset, so a suffix row's positions follow its prefix's real length, exactly
 * as in the concatenated sequence. All arrays are attached to the manager given to {@link #of}.
 */
public final class MiniJudgeBatch {
  private final int rows;
  private final int length;
  private final int[] lengths;
  private final NDArray tokens;
  private final NDArray patches;
  private final NDArray patchSlots;
  private final NDArray isText;
  private final NDArray isImage;
  private final NDArray isAnswer;
  private final NDArray positions;
  private final NDArray selfBias;
  private final NDArray keyBias;

  private MiniJudgeBatch(int rows, int length, int[] lengths, NDArray[] arrays) {
    this.rows = rows;
    this.length = length;
    this.lengths = lengths;
    this.tokens = arrays[0];
    this.patches = arrays[1];
    this.patchSlots = arrays[2];
    this.isText = arrays[3];
    this.isImage = arrays[4];
    this.isAnswer = arrays[5];
    this.positions = arrays[6];
    this.selfBias = arrays[7];
    this.keyBias = arrays[8];
  }

  /**
   * Packs rows.
   *
   * @param offsets position of each row's first real element (0 for prefixes and full sequences, the prefix's
   *     length for suffixes)
   * @param answer whether to append the answer position to every row
   */
  public static MiniJudgeBatch of(
      NDManager manager, MiniJudgeConfig config, List<MiniJudgeEncoder.Encoded> encoded, int[] offsets,
      boolean answer) {
    int n = encoded.size();
    int extra = answer ? 1 : 0;
    int len = 0;
    for (MiniJudgeEncoder.Encoded e : encoded) {
      len = Math.max(len, e.length() + extra);
    }
    int pd = config.imageFeatureDim();
    long[] tok = new long[n * len];
    long[] slot = new long[n * len];
    long[] pos = new long[n * len];
    float[] patch = new float[n * len * pd];
    float[] text = new float[n * len];
    float[] image = new float[n * len];
    float[] ans = new float[n * len];
    float[] keys = new float[n * len];
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
      int patchAt = 0;
      for (int j = 0; j < len; j++) {
        int at = r * len + j;
        if (j < pad) {
          keys[at] = MiniJudgeNet.maskedValue();
          continue;
        }
        int k = j - pad;
        pos[at] = offsets[r] + k;
        if (k == e.length()) {
          ans[at] = 1f;
        } else if (e.tokens()[k] < 0) {
          image[at] = 1f;
          slot[at] = e.patchSlot()[k];
          System.arraycopy(e.patches(), patchAt, patch, at * pd, pd);
          patchAt += pd;
        } else {
          text[at] = 1f;
          tok[at] = e.tokens()[k];
        }
      }
    }
    float[] bias = new float[n * len * len];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < len; i++) {
        for (int j = 0; j < len; j++) {
          // A pad row attends to itself only, so no softmax row is fully masked (such rows are numerically fragile
          // in float32); real rows never see pad keys, so their results are unchanged.
          boolean allowed = j == i || (j < i && keys[r * len + j] == 0f);
          bias[(r * len + i) * len + j] = allowed ? 0f : MiniJudgeNet.maskedValue();
        }
      }
    }
    NDArray[] arrays = {
      manager.create(tok),
      manager.create(patch, new Shape((long) n * len, pd)),
      manager.create(slot),
      manager.create(text, new Shape((long) n * len, 1)),
      manager.create(image, new Shape((long) n * len, 1)),
      manager.create(ans, new Shape((long) n * len, 1)),
      manager.create(pos),
      manager.create(bias, new Shape(n, 1, 1, len, len)),
      manager.create(keys, new Shape(n, len))
    };
    return new MiniJudgeBatch(n, len, lengths, arrays);
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
    return tokens;
  }

  NDArray patches() {
    return patches;
  }

  NDArray patchSlots() {
    return patchSlots;
  }

  NDArray isText() {
    return isText;
  }

  NDArray isImage() {
    return isImage;
  }

  NDArray isAnswer() {
    return isAnswer;
  }

  NDArray positions() {
    return positions;
  }

  /** {@code [N, 1, 1, L, L]}: causal and key padding. */
  NDArray selfBias() {
    return selfBias;
  }

  /** {@code [N, L]}: key padding only, for suffixes attending to this batch as a cached prefix. */
  NDArray keyBias() {
    return keyBias;
  }
}
