package org.unime.udfs.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelException;
import org.unime.udfs.train.ParameterSnapshot;
import org.unime.udfs.train.TrainingLock;

/**
 * The built-in embedder's network opened for training code outside this package (the UniME-V2 stage-2 trainer):
 * its {@link Block}, a differentiable forward pass over prepared items, and saving in the built-in artifact format
 * (so {@link BuiltInEmbedder#load} and mining read the result unchanged). Adds no behaviour of its own: it reuses
 * {@link EmbedderNetwork}, {@link RowBatch} and {@link PreparedItems} exactly as stage-1 training does.
 *
 * <p>Lifecycle: owns its NDManager; {@link #close()} frees the weights. Not thread-safe for training (one
 * optimizer step at a time, under {@code TrainingLock}); forward passes only read the parameters.
 */
public final class TrainableEmbedder implements AutoCloseable {
  private final NDManager manager;
  private final EmbedderNetwork network;

  private TrainableEmbedder(NDManager manager, EmbedderNetwork network) {
    this.manager = manager;
    this.network = network;
  }

  /** Loads an artifact written by {@link BuiltInEmbedder#save} (checked against its manifest hash) to fine-tune it. */
  public static TrainableEmbedder load(ModelArtifact artifact, DeviceSpec device) {
    artifact.verify();
    TrainableEmbedder model = create(EmbedderArchitecture.fromManifest(artifact.manifest()), device);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(artifact.file(BuiltInEmbedder.WEIGHTS))))) {
      ParameterSnapshot.read(in).copyInto(model.network);
      return model;
    } catch (IOException | RuntimeException e) {
      model.close();
      if (e instanceof ModelException m) {
        throw m;
      }
      throw new ModelException("Cannot load model " + artifact.manifest().id() + " from " + artifact.uri(), e);
    }
  }

  /**
   * A network of this shape with seeded initial weights (seed 0), to be overwritten with a weight snapshot: how an
   * executor builds its replica without reading the artifact.
   */
  public static TrainableEmbedder create(EmbedderArchitecture architecture, DeviceSpec device) {
    NDManager manager = NDManager.newBaseManager(device.toDevice(), "PyTorch");
    try {
      EmbedderNetwork network = new EmbedderNetwork(architecture);
      TrainingLock.initializeSeeded(network, manager, 0, network.inputShapes());
      return new TrainableEmbedder(manager, network);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Computes every item's model inputs once: the frozen MiniLM feature of its text (JVM-wide cache) and its
   * preprocessed image. Items with equal images or texts share one array, so a forward pass runs each once.
   */
  public static Inputs prepare(List<EmbeddingInput> items, EmbedderArchitecture architecture) {
    PreparedItems prepared =
        PreparedItems.prepare(
            items, new ImagePreprocessor(architecture.imageSize()), MiniLmEncoder.shared(), BuiltInEmbedder.MODEL_ID);
    int n = prepared.size();
    String[] ids = new String[n];
    byte[][] images = new byte[n][];
    float[][] texts = new float[n][];
    for (int i = 0; i < n; i++) {
      ids[i] = prepared.id(i);
      images[i] = prepared.image(i);
      texts[i] = prepared.text(i);
    }
    return new Inputs(ids, images, texts);
  }

  /** The trainable network (every parameter is trained). */
  public Block block() {
    return network;
  }

  public EmbedderArchitecture architecture() {
    return network.architecture();
  }

  /** The manager holding the weights; per-step arrays belong in sub-managers of it. */
  public NDManager manager() {
    return manager;
  }

  /**
   * L2-normalised embeddings of {@code items} (indices into {@code inputs}), shape {@code (items.length, dimension)},
   * built from NDArray ops in {@code scope} so that autograd sees them when a gradient collector is recording.
   */
  public NDArray embed(NDManager scope, ParameterStore store, Inputs inputs, int[] items, boolean training) {
    int imageSize = network.architecture().imageSize();
    RowBatch rows = new RowBatch(3 * imageSize * imageSize);
    for (int item : items) {
      rows.add(inputs.images[item], inputs.texts[item]);
    }
    NDList in = rows.toInputs(scope, imageSize);
    return network.forward(store, in, training).singletonOrThrow();
  }

  /**
   * Saves the current weights as a built-in embedder artifact at {@code uri}; {@code trainingData} maps each Delta
   * table read to its version (recorded in the manifest). Loads the MiniLM tower, whose hash the manifest pins.
   */
  public ModelArtifact save(String uri, Map<String, Long> trainingData) {
    // A view sharing this manager: not closed here, the weights stay ours.
    BuiltInEmbedder view = new BuiltInEmbedder(manager, network, "unsaved", 1);
    return view.save(uri, trainingData);
  }

  @Override
  public void close() {
    manager.close();
  }

  /**
   * Prepared model inputs of a list of items, addressed by index: preprocessed image bytes and/or a MiniLM text
   * feature per item. Serializable (Java serialization keeps shared arrays shared), so a trainer can broadcast it
   * once. Immutable by convention: the arrays are not copied.
   */
  public static final class Inputs implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] ids;
    private final byte[][] images;
    private final float[][] texts;

    private Inputs(String[] ids, byte[][] images, float[][] texts) {
      this.ids = ids;
      this.images = images;
      this.texts = texts;
    }

    /**
     * Wraps already prepared inputs (tests and benchmarks): {@code images[i]} is {@code 3·s·s} RGB bytes in
     * channel-major order or null, {@code texts[i]} a 384-float MiniLM feature or null; not both null.
     */
    public static Inputs of(String[] ids, byte[][] images, float[][] texts) {
      if (ids.length != images.length || ids.length != texts.length) {
        throw new IllegalArgumentException(
            "Cannot wrap inputs: " + ids.length + " ids, " + images.length + " images, " + texts.length + " texts");
      }
      for (int i = 0; i < ids.length; i++) {
        if (images[i] == null && texts[i] == null) {
          throw new IllegalArgumentException("Cannot wrap inputs: item " + ids[i] + " has neither image nor text");
        }
        if (texts[i] != null && texts[i].length != MiniLmEncoder.DIMENSION) {
          throw new IllegalArgumentException(
              "Cannot wrap inputs: the text feature of item " + ids[i] + " has " + texts[i].length + " values, expected "
                  + MiniLmEncoder.DIMENSION);
        }
      }
      return new Inputs(ids, images, texts);
    }

    /** Length of a text feature (the frozen MiniLM tower's output). */
    public static int textFeatureLength() {
      return MiniLmEncoder.DIMENSION;
    }

    public int size() {
      return ids.length;
    }

    public String id(int index) {
      return ids[index];
    }

    /** Bytes held (images and text features), for the bytes-moved accounting of a broadcast. */
    public long byteSize() {
      long bytes = 0;
      Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (int i = 0; i < ids.length; i++) {
        if (images[i] != null && seen.add(images[i])) {
          bytes += images[i].length;
        }
        if (texts[i] != null && seen.add(texts[i])) {
          bytes += 4L * texts[i].length;
        }
      }
      return bytes;
    }
  }
}
