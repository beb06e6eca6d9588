package org.unime.udfs.torchscript;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An exported module loaded under the export contract, with its tokenizer, token layout and image preprocessor. Shared
 * by the embedder and judge adapters: it turns padded rows plus their images into the contract's three inputs and
 * returns the module's first output.
 *
 * <p>Thread-safe: the loaded module is shared; each {@link #forward} works on the caller's NDManager.
 */
final class TorchScriptModel implements AutoCloseable {
  private final String id;
  private final String version;
  private final TorchScriptSpec spec;
  private final HuggingFaceTokenizer tokenizer;
  private final TokenLayout layout;
  private final ZooModel<NDList, NDList> model;

  private TorchScriptModel(Path manifest, TorchScriptSpec spec, Device device, Identity identity) throws IOException {
    Path dir = manifest.toAbsolutePath().getParent();
    String file = manifest.getFileName().toString();
    this.spec = spec;
    Path modulePath = dir.resolve(spec.module());
    Path tokenizerPath = dir.resolve(spec.tokenizer());
    if (identity == null) {
      this.id = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
      this.version = contentHash(List.of(manifest, modulePath, tokenizerPath));
    } else {
      this.id = identity.id();
      this.version = identity.version();
    }
    this.tokenizer =
        HuggingFaceTokenizer.newInstance(
            tokenizerPath, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    TorchScriptSpec.ImageSpec img = spec.image();
    this.layout = new TokenLayout(tokenizer, spec, new ImagePreprocessor(img.size(), img.mean(), img.std()));
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(modulePath)
            .optEngine("PyTorch")
            .optDevice(device)
            .optTranslator(new NoopTranslator())
            .build();
    try {
      this.model = criteria.loadModel();
    } catch (ModelNotFoundException | MalformedModelException e) {
      tokenizer.close();
      throw new IOException("Cannot load TorchScript module " + modulePath + ": " + e.getMessage(), e);
    }
  }

  /**
   * Id and version reported for a loaded export: an artifact's manifest id and content hash, or (for an export
   * loaded from a bare folder) the adapter manifest's file name and a hash of the three files.
   */
  record Identity(String id, String version) {}

  /** Loads the manifest, its tokenizer and its module onto {@code device}; {@code identity} may be null. */
  static TorchScriptModel load(Path manifest, Device device, TorchScriptSpec.Role expected, Identity identity)
      throws IOException {
    TorchScriptSpec spec = TorchScriptSpec.read(manifest);
    if (spec.role() != expected) {
      throw new IOException(
          "Cannot load " + manifest + " as a TorchScript " + expected.name().toLowerCase() + ": its role is "
              + spec.role().name().toLowerCase());
    }
    return new TorchScriptModel(manifest, spec, device, identity);
  }

  String id() {
    return id;
  }

  String version() {
    return version;
  }

  TorchScriptSpec spec() {
    return spec;
  }

  TokenLayout layout() {
    return layout;
  }

  /**
   * Runs the module on padded rows.
   *
   * @param pixels the rows' images in placeholder order, each {@code 3 x size x size}
   * @return the module's first output, attached to {@code manager}
   */
  NDArray forward(NDManager manager, TokenLayout.Padded batch, List<float[]> pixels) {
    int rows = batch.ids().length;
    int length = batch.ids()[0].length;
    int size = spec.image().size();
    float[] flat = new float[pixels.size() * 3 * size * size];
    for (int i = 0; i < pixels.size(); i++) {
      System.arraycopy(pixels.get(i), 0, flat, i * 3 * size * size, 3 * size * size);
    }
    NDList inputs =
        new NDList(
            manager.create(flatten(batch.ids()), new Shape(rows, length)),
            manager.create(flatten(batch.mask()), new Shape(rows, length)),
            manager.create(flat, new Shape(pixels.size(), 3, size, size)));
    // The block, not a Predictor: outputs stay on the caller's manager, and a shared TorchScript module may be
    // run from several threads at once.
    NDList out = model.getBlock().forward(new ParameterStore(manager, false), inputs, false);
    return out.get(0);
  }

  private static long[] flatten(long[][] m) {
    long[] out = new long[m.length * m[0].length];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
    }
    return out;
  }

  /** First 16 hex digits of SHA-256 over the files' bytes, in order. */
  static String contentHash(List<Path> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (Path f : files) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), digest)) {
          while (in.read(buffer) >= 0) {
            // reading feeds the digest
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot hash model files " + files + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash: SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public void close() {
    model.close();
    tokenizer.close();
  }
}
