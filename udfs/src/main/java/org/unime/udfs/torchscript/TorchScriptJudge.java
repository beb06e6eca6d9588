package org.unime.udfs.torchscript;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.judge.JudgeModel;
import org.unime.udfs.judge.JudgePrompt;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.judge.PrefixHandle;

/**
 * A judge backed by an exported VLM (e.g. Qwen2.5-VL) under the export contract: the sequence is
 * {@code chat-prefix + judge prompt + chat-suffix}, the module returns logits {@code [B, T, V]}, and the score is
 * {@code softmax([l_Yes, l_No])[0]} at the last non-pad position, with the Yes/No ids taken as the first token of
 * {@code yes-token} / {@code no-token} (the reference code's rule).
 *
 * <p>Prefix reuse here covers tokenisation and image preprocessing of the query side, which
 * {@link #encodeQuery} does once. The export contract has no KV-cache inputs, so the module still runs the whole
 * sequence per candidate; see docs/torchscript-export.md for what a cached export would need.
 *
 * <p>Thread-safe; load once per executor JVM.
 */
public final class TorchScriptJudge implements JudgeModel {
  private final TorchScriptModel model;
  private final int batchSize;
  private final NDManager root;
  private final long yesId;
  private final long noId;
  private final List<TokenLayout.Piece> chatSuffix;
  private final List<TokenLayout.Piece> chatPrefix;

  private TorchScriptJudge(TorchScriptModel model, int batchSize, ai.djl.Device device) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("Cannot judge: batch size must be >= 1 (got " + batchSize + ")");
    }
    this.model = model;
    this.batchSize = batchSize;
    this.root = NDManager.newBaseManager(device, "PyTorch");
    TokenLayout layout = model.layout();
    this.yesId = layout.firstId(model.spec().yesToken(), "yes-token");
    this.noId = layout.firstId(model.spec().noToken(), "no-token");
    this.chatPrefix = layout.pieces(literal(model.spec().chatPrefix()));
    this.chatSuffix = layout.pieces(literal(model.spec().chatSuffix()));
  }

  /** Loads a judge manifest (role {@code judge}) with its module and tokenizer. */
  public static TorchScriptJudge load(Path manifest, DeviceSpec device, int batchSize) throws IOException {
    return load(manifest, device, batchSize, null);
  }

  static TorchScriptJudge load(Path manifest, DeviceSpec device, int batchSize, TorchScriptModel.Identity identity)
      throws IOException {
    TorchScriptModel model = TorchScriptModel.load(manifest, device.toDevice(), TorchScriptSpec.Role.JUDGE, identity);
    return new TorchScriptJudge(model, batchSize, device.toDevice());
  }

  @Override
  public String id() {
    return model.id();
  }

  @Override
  public String version() {
    return model.version();
  }

  /** The resolved {@code [yes, no]} token ids. */
  public long[] yesNoIds() {
    return new long[] {yesId, noId};
  }

  @Override
  public PrefixHandle encodeQuery(JudgeItem query) {
    try {
      List<TokenLayout.Piece> pieces = new ArrayList<>(chatPrefix);
      pieces.addAll(model.layout().pieces(JudgePrompt.prefix(query)));
      return new Prefix(this, query, List.copyOf(pieces));
    } catch (RuntimeException e) {
      throw TorchScriptErrors.forBatch("encode the query", model.id(), List.of(query), e);
    }
  }

  @Override
  public float[] scoreCandidates(PrefixHandle prefix, List<JudgeItem> candidates) {
    Prefix own = Prefix.check(prefix, this);
    float[] out = new float[candidates.size()];
    for (int from = 0; from < candidates.size(); from += batchSize) {
      List<JudgeItem> batch = candidates.subList(from, Math.min(candidates.size(), from + batchSize));
      try {
        float[] scores = scoreBatch(own, batch);
        System.arraycopy(scores, 0, out, from, scores.length);
      } catch (RuntimeException e) {
        throw TorchScriptErrors.forBatch("score candidates", model.id(), batch, e);
      }
    }
    return out;
  }

  /** The padded ids and mask of one batch; the images' pixels are appended to {@code pixels} in order. */
  TokenLayout.Padded layout(PrefixHandle handle, List<JudgeItem> batch, List<float[]> pixels) {
    Prefix prefix = Prefix.check(handle, this);
    TokenLayout layout = model.layout();
    List<long[]> rows = new ArrayList<>(batch.size());
    for (JudgeItem candidate : batch) {
      List<TokenLayout.Piece> pieces = new ArrayList<>(prefix.pieces);
      pieces.addAll(layout.pieces(JudgePrompt.suffix(candidate)));
      pieces.addAll(chatSuffix);
      TokenLayout.Row row = layout.row(pieces);
      rows.add(row.ids());
      pixels.addAll(row.pixels());
    }
    return layout.pad(rows, model.spec().paddingSide());
  }

  private float[] scoreBatch(Prefix prefix, List<JudgeItem> batch) {
    List<float[]> pixels = new ArrayList<>();
    TokenLayout.Padded padded = layout(prefix, batch, pixels);
    try (NDManager scope = root.newSubManager()) {
      NDArray logits = model.forward(scope, padded, pixels);
      NDArray last = Pooling.lastToken(logits, padded.lastIndex());
      NDArray yesNo = last.get(":, " + yesId).stack(last.get(":, " + noId), 1);
      return yesNo.softmax(1).get(":, 0").toFloatArray();
    }
  }

  private static List<JudgePrompt.Segment> literal(String text) {
    return text == null || text.isEmpty() ? List.of() : List.of(new JudgePrompt.Text(text));
  }

  @Override
  public void close() {
    root.close();
    model.close();
  }

  /** Tokenised (and preprocessed) chat prefix plus the judge prompt's query side. */
  private static final class Prefix implements PrefixHandle {
    private final TorchScriptJudge owner;
    private final JudgeItem query;
    private final List<TokenLayout.Piece> pieces;
    private boolean closed;

    Prefix(TorchScriptJudge owner, JudgeItem query, List<TokenLayout.Piece> pieces) {
      this.owner = owner;
      this.query = query;
      this.pieces = pieces;
    }

    static Prefix check(PrefixHandle handle, TorchScriptJudge judge) {
      if (!(handle instanceof Prefix p) || p.owner != judge) {
        throw new IllegalArgumentException(
            "Cannot score candidates: the prefix was encoded by another judge than " + judge.id());
      }
      if (p.closed) {
        throw new IllegalStateException("Cannot score candidates: the prefix of query " + p.query.id() + " is closed");
      }
      return p;
    }

    @Override
    public JudgeItem query() {
      return query;
    }

    @Override
    public int length() {
      return pieces.stream().mapToInt(p -> p.ids().length).sum();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
