package org.unime.udfs.torchscript;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.judge.JudgePrompt;
import org.unime.udfs.model.DeviceSpec;

/**
 * Embeds items with an exported VLM embedder (VLM2Vec-style) under the export contract: each item is laid out by the
 * manifest's {@code template}, the module returns hidden states {@code [B, T, D]}, and the embedding is the hidden
 * state of the last non-pad token (left or right padding), L2-normalised.
 *
 * <p>Thread-safe; load once per executor JVM. Items are embedded in batches of {@code batchSize}.
 */
public final class TorchScriptEmbedder implements EmbeddingModel {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(image|text)}");

  private final TorchScriptModel model;
  private final int batchSize;
  private final NDManager root;
  private int dimension;

  private TorchScriptEmbedder(TorchScriptModel model, int batchSize, ai.djl.Device device) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("Cannot embed: batch size must be >= 1 (got " + batchSize + ")");
    }
    this.model = model;
    this.batchSize = batchSize;
    this.root = NDManager.newBaseManager(device, "PyTorch");
  }

  /**
   * Loads an embedder manifest (role {@code embedder}) with its module and tokenizer.
   *
   * @param manifest the adapter manifest JSON; module and tokenizer paths resolve against its folder
   */
  public static TorchScriptEmbedder load(Path manifest, DeviceSpec device, int batchSize) throws IOException {
    return load(manifest, device, batchSize, null);
  }

  static TorchScriptEmbedder load(
      Path manifest, DeviceSpec device, int batchSize, TorchScriptModel.Identity identity) throws IOException {
    TorchScriptModel model =
        TorchScriptModel.load(manifest, device.toDevice(), TorchScriptSpec.Role.EMBEDDER, identity);
    TorchScriptEmbedder embedder = new TorchScriptEmbedder(model, batchSize, device.toDevice());
    embedder.dimension = embedder.embed(List.of(EmbeddingInput.text("probe", "a")))[0].length;
    return embedder;
  }

  @Override
  public String id() {
    return model.id();
  }

  @Override
  public String version() {
    return model.version();
  }

  /** Embedding width, read from the module's output when it was loaded. */
  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  /** L2-normalised embeddings, one per item, in item order. */
  @Override
  public float[][] embed(List<EmbeddingInput> items) {
    float[][] out = new float[items.size()][];
    for (int from = 0; from < items.size(); from += batchSize) {
      List<EmbeddingInput> batch = items.subList(from, Math.min(items.size(), from + batchSize));
      try {
        float[][] vectors = embedBatch(batch);
        System.arraycopy(vectors, 0, out, from, vectors.length);
      } catch (RuntimeException e) {
        throw TorchScriptErrors.forBatch("embed", model.id(), batch.size(), String.valueOf(batch.get(0).id()), e);
      }
    }
    return out;
  }

  /** The template's segments for one item: literal text, then {@code {image}} / {@code {text}} where present. */
  List<JudgePrompt.Segment> segments(EmbeddingInput item) {
    List<JudgePrompt.Segment> out = new ArrayList<>();
    String template = model.spec().template();
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      addLiteral(template.substring(at, m.start()), out);
      if (m.group(1).equals("image") && item.image() != null) {
        out.add(new JudgePrompt.Image(item.image()));
      } else if (m.group(1).equals("text") && item.text() != null && !item.text().isEmpty()) {
        out.add(new JudgePrompt.ItemText(item.text()));
      }
      at = m.end();
    }
    addLiteral(template.substring(at), out);
    return out;
  }

  private static void addLiteral(String text, List<JudgePrompt.Segment> out) {
    if (!text.isEmpty()) {
      out.add(new JudgePrompt.Text(text));
    }
  }

  /** The padded ids and mask of a batch; the images' pixels are appended to {@code pixels} in placeholder order. */
  TokenLayout.Padded layout(List<EmbeddingInput> batch, List<float[]> pixels) {
    TokenLayout layout = model.layout();
    List<long[]> rows = new ArrayList<>(batch.size());
    for (EmbeddingInput item : batch) {
      TokenLayout.Row row = layout.row(layout.pieces(segments(item)));
      rows.add(row.ids());
      pixels.addAll(row.pixels());
    }
    return layout.pad(rows, model.spec().paddingSide());
  }

  private float[][] embedBatch(List<EmbeddingInput> batch) {
    List<float[]> pixels = new ArrayList<>();
    TokenLayout.Padded padded = layout(batch, pixels);
    try (NDManager scope = root.newSubManager()) {
      NDArray hidden = model.forward(scope, padded, pixels);
      NDArray pooled = Pooling.lastToken(hidden, padded.lastIndex());
      NDArray norm = pooled.norm(new int[] {1}, true).maximum(1e-12f);
      NDArray unit = pooled.div(norm);
      int dim = (int) unit.getShape().get(1);
      float[] flat = unit.toFloatArray();
      float[][] out = new float[batch.size()][dim];
      for (int i = 0; i < out.length; i++) {
        System.arraycopy(flat, i * dim, out[i], 0, dim);
      }
      return out;
    }
  }

  @Override
  public void close() {
    root.close();
    model.close();
  }
}
