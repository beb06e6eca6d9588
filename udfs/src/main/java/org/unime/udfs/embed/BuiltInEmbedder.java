package org.unime.udfs.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelException;
import org.unime.udfs.model.ModelManifest;
import org.unime.udfs.train.ParameterSnapshot;
import org.unime.udfs.train.TrainingLock;

/**
 * The built-in embedding model: frozen all-MiniLM-L6-v2 for text, a small CNN for images, trainable heads into one
 * {@code dimension}-sized space, image+text items fused by summing the image part and the projected text (the
 * instruction), then L2-normalised (see {@link EmbedderArchitecture}). Trained by {@link EmbedderTrainer}; saved and
 * loaded as a {@link ModelArtifact} with {@code weights.bin} ({@link ParameterSnapshot} format) and the manifest.
 *
 * <p>Thread-safe for {@link #embed}: the network is only read and every call uses its own arrays. Text features come
 * from the JVM-wide MiniLM feature cache, so instructions and labels are encoded once per JVM.
 */
public final class BuiltInEmbedder implements EmbeddingModel {
  /** Model id written to the manifest. */
  public static final String MODEL_ID = "builtin-embedder";

  static final String WEIGHTS = "weights.bin";

  private final NDManager manager;
  private final EmbedderNetwork network;
  private final ImagePreprocessor preprocessor;
  private final MiniLmEncoder encoder;
  private final String version;
  private final int batchSize;

  BuiltInEmbedder(NDManager manager, EmbedderNetwork network, String version, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("Cannot create the embedder: batch size must be >= 1 (got " + batchSize + ")");
    }
    this.manager = manager;
    this.network = network;
    this.preprocessor = new ImagePreprocessor(network.architecture().imageSize());
    this.encoder = MiniLmEncoder.shared();
    this.version = version;
    this.batchSize = batchSize;
  }

  /** Loads the artifact's weights onto {@code device}; checks the files against the manifest's hash first. */
  public static BuiltInEmbedder load(ModelArtifact artifact, DeviceSpec device, int batchSize) {
    artifact.verify();
    ModelManifest manifest = artifact.manifest();
    EmbedderArchitecture architecture = EmbedderArchitecture.fromManifest(manifest);
    requireSameTextTower(manifest);
    NDManager manager = NDManager.newBaseManager(device.toDevice(), "PyTorch");
    try {
      EmbedderNetwork network = new EmbedderNetwork(architecture);
      TrainingLock.initializeSeeded(network, manager, 0, network.inputShapes());
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(artifact.file(WEIGHTS))))) {
        ParameterSnapshot.read(in).copyInto(network);
      }
      return new BuiltInEmbedder(manager, network, manifest.version(), batchSize);
    } catch (IOException | RuntimeException e) {
      manager.close();
      if (e instanceof ModelException m) {
        throw m;
      }
      throw new ModelException("Cannot load model " + manifest.id() + " from " + artifact.uri(), e);
    }
  }

  /** The heads were trained on one exact text tower; another ONNX file or truncation would silently skew them. */
  private static void requireSameTextTower(ModelManifest manifest) {
    MiniLmEncoder encoder = MiniLmEncoder.shared();
    String sha = manifest.architectureValue("text-tower-sha256");
    String tokens = manifest.architectureValue("text-max-tokens");
    if (!sha.equals(encoder.sha256()) || !tokens.equals(Integer.toString(MiniLmEncoder.MAX_TOKENS))) {
      throw new ModelException(
          "Cannot load model " + manifest.id() + ": it was trained on text tower " + sha + " with " + tokens
              + " tokens, but the classpath has " + encoder.sha256() + " with " + MiniLmEncoder.MAX_TOKENS
              + "; retrain it with the `models` command");
    }
  }

  /**
   * Writes this model as an artifact at {@code uri}; {@code trainingData} maps each Delta table read to its version.
   * The returned artifact's manifest carries the new content version.
   */
  public ModelArtifact save(String uri, Map<String, Long> trainingData) {
    ParameterSnapshot weights = ParameterSnapshot.of(network);
    ModelManifest draft =
        ModelManifest.draft(MODEL_ID, network.architecture().toMap(encoder.sha256()), trainingData);
    return ModelArtifact.write(
        uri,
        draft,
        dir -> {
          try (DataOutputStream out =
              new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
            weights.write(out);
          }
        });
  }

  @Override
  public String id() {
    return MODEL_ID;
  }

  /** The artifact version; {@code "unsaved"} for a model fresh from training. */
  @Override
  public String version() {
    return version;
  }

  @Override
  public int dimension() {
    return network.architecture().dimension();
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  public EmbedderArchitecture architecture() {
    return network.architecture();
  }

  @Override
  public float[][] embed(List<EmbeddingInput> items) {
    float[][] out = new float[items.size()][];
    for (int start = 0; start < items.size(); start += batchSize) {
      List<EmbeddingInput> batch = items.subList(start, Math.min(items.size(), start + batchSize));
      try {
        float[][] vectors = embedBatch(batch);
        System.arraycopy(vectors, 0, out, start, vectors.length);
      } catch (RuntimeException e) {
        throw ModelException.batchFailed(MODEL_ID + "@" + shortVersion(), "embed", batch.size(), batch.get(0).id(), e);
      }
    }
    return out;
  }

  private float[][] embedBatch(List<EmbeddingInput> batch) {
    List<String> texts = batch.stream().filter(EmbeddingInput::hasText).map(EmbeddingInput::text).toList();
    float[][] features = encoder.features(texts);
    RowBatch rows = new RowBatch(preprocessor.length());
    int textIndex = 0;
    for (EmbeddingInput item : batch) {
      byte[] image = null;
      if (item.hasImage()) {
        try {
          image = preprocessor.preprocess(item.image());
        } catch (IOException e) {
          throw new ModelException("Cannot decode the image of item " + item.id(), e);
        }
      }
      rows.add(image, item.hasText() ? features[textIndex++] : null);
    }
    TrainingLock.disableGradientRecording();
    try (NDManager scope = manager.newSubManager()) {
      NDList inputs = rows.toInputs(scope, preprocessor.size());
      NDArray embedded = network.forward(new ParameterStore(scope, false), inputs, false).singletonOrThrow();
      float[] flat = embedded.toFloatArray();
      int d = dimension();
      float[][] vectors = new float[batch.size()][];
      for (int r = 0; r < vectors.length; r++) {
        vectors[r] = java.util.Arrays.copyOfRange(flat, r * d, (r + 1) * d);
      }
      return vectors;
    }
  }

  private String shortVersion() {
    return version.length() > 12 ? version.substring(0, 12) : version;
  }

  EmbedderNetwork network() {
    return network;
  }

  @Override
  public void close() {
    manager.close();
  }
}
