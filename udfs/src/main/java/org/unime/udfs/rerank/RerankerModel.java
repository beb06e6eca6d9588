package org.unime.udfs.rerank;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.unime.pipeline.rerank.RerankMode;
import org.unime.pipeline.rerank.Reranking;
import org.unime.udfs.embed.BuiltInEmbedder;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.judge.MiniJudgeVocabulary;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelException;
import org.unime.udfs.train.ParameterSnapshot;

/**
 * A trained reranker: reorders one query's top-k, listwise (one prompt over all k candidates, ordered by the
 * position answers "(1)".."(k)") or pairwise (one prompt per candidate, ordered by P(Yes)). The result is always a
 * permutation of the input ({@link Reranking}).
 *
 * <p>Artifact layout: {@value #WEIGHTS}, {@value MiniJudgeVocabulary#FILE} and, when the architecture has an
 * embedder, the frozen embedder's artifact copied into {@value #EMBEDDER_DIR}/ so the reranker is self-contained.
 *
 * <p>On executors open it with {@link RerankerModels#open} (one instance per JVM, shared; do not close that one).
 * Thread-safe: forward passes only read the weights and run with autograd off in the calling thread.
 */
public final class RerankerModel implements AutoCloseable {
  /** Weights file inside the artifact ({@link ParameterSnapshot} format). */
  public static final String WEIGHTS = "reranker-weights.bin";
  /** Sub-folder holding the embedder's artifact, when the architecture uses one. */
  public static final String EMBEDDER_DIR = "embedder";

  private final String id;
  private final String version;
  private final RerankerNet net;
  private final RerankerEncoder encoder;
  private final NDManager root;
  private final int batchSize;
  private final List<AutoCloseable> owned;

  private RerankerModel(String id, String version, RerankerNet net, RerankerEncoder encoder, NDManager root,
      int batchSize, List<AutoCloseable> owned) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("Cannot rerank: batch size must be >= 1 (got " + batchSize + ")");
    }
    this.id = id;
    this.version = version;
    this.net = net;
    this.encoder = encoder;
    this.root = root;
    this.batchSize = batchSize;
    this.owned = owned;
  }

  /**
   * Loads an artifact written by the {@link RerankerTrainer}; the caller owns (and closes) the result.
   *
   * @param batchSize pairwise prompts per forward pass (a listwise prompt is one row)
   */
  public static RerankerModel load(ModelArtifact artifact, DeviceSpec device, int batchSize) {
    artifact.verify();
    RerankerConfig config = RerankerConfig.fromManifest(artifact.manifest());
    NDManager root = NDManager.newBaseManager(device.toDevice(), "PyTorch");
    List<AutoCloseable> owned = new ArrayList<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(artifact.file(WEIGHTS))))) {
      RerankerNet net = RerankerNet.fromSnapshot(config, root, ParameterSnapshot.read(in));
      owned.add(net);
      EmbeddingModel embedder = null;
      if (config.backbone().embedderDim() > 0) {
        embedder = BuiltInEmbedder.load(
            ModelArtifact.open(artifact.dir().resolve(EMBEDDER_DIR).toString()), device, batchSize);
        owned.add(embedder);
      }
      MiniJudgeVocabulary vocabulary = MiniJudgeVocabulary.load(artifact.file(MiniJudgeVocabulary.FILE));
      RerankerEncoder encoder = new RerankerEncoder(config, vocabulary, embedder);
      owned.add(encoder);
      return new RerankerModel(
          artifact.manifest().id(), artifact.manifest().version(), net, encoder, root, batchSize, owned);
    } catch (IOException | RuntimeException e) {
      closeAll(owned);
      root.close();
      throw new ModelException("Cannot load reranker " + artifact.manifest().id() + " from " + artifact.uri(), e);
    }
  }

  /** Writes weights, vocabulary and (when not null) a copy of the embedder's artifact into an artifact directory. */
  static void save(RerankerNet net, MiniJudgeVocabulary vocabulary, ModelArtifact embedder, Path dir)
      throws IOException {
    vocabulary.save(dir);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
      net.snapshot().write(out);
    }
    if (embedder == null) {
      return;
    }
    Path target = dir.resolve(EMBEDDER_DIR);
    try (Stream<Path> files = Files.walk(embedder.dir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = target.resolve(embedder.dir().relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
  }

  /** A reranker over a network and encoder someone else owns (the trainer's, a test's). */
  static RerankerModel borrowing(String id, RerankerNet net, RerankerEncoder encoder, int batchSize) {
    return new RerankerModel(id, "unsaved", net, encoder, NDManager.newBaseManager("PyTorch"), batchSize, List.of());
  }

  public String id() {
    return id;
  }

  /** The artifact's content hash. */
  public String version() {
    return version;
  }

  public RerankerConfig config() {
    return net.config();
  }

  /** The largest top-k a listwise prompt can hold. */
  public int maxCandidates() {
    return net.config().maxCandidates();
  }

  /** The new order of {@code candidates} (the embedder's top-k, best first) for {@code query}. */
  public Reranking rerank(JudgeItem query, List<JudgeItem> candidates, RerankMode mode) {
    if (candidates.isEmpty()) {
      return Reranking.byScore(new double[0]);
    }
    if (mode == RerankMode.LISTWISE) {
      return Reranking.listwise(listLogits(query, candidates));
    }
    double[][] logits = pairLogits(query, candidates);
    double[] yes = new double[logits.length];
    double[] no = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      yes[i] = logits[i][0];
      no[i] = logits[i][1];
    }
    return Reranking.pairwise(yes, no);
  }

  /** The position logits "(1)".."(k)" of the listwise prompt over {@code candidates} in their given order. */
  public double[] listLogits(JudgeItem query, List<JudgeItem> candidates) {
    int k = candidates.size();
    if (k < 1 || k > maxCandidates()) {
      throw new IllegalArgumentException(
          "Cannot rerank listwise with model " + id + ": it answers over 1.." + maxCandidates() + " candidates (got "
              + k + " for query " + query.id() + ")");
    }
    try (NDManager scope = root.newSubManager()) {
      RerankBatch batch = RerankBatch.of(scope, net.config(), List.of(encoder.list(query, candidates)));
      float[] row = noGrad(() -> net.logits(batch).toFloatArray());
      double[] out = new double[k];
      for (int i = 0; i < k; i++) {
        out[i] = row[RerankerConfig.PAIR_ANSWERS + i];
      }
      return out;
    } catch (RuntimeException e) {
      throw ModelException.batchFailed(id, "rerank listwise", 1, String.valueOf(query.id()), e);
    }
  }

  /** [l_Yes, l_No] of each candidate's pairwise prompt, in input order. */
  public double[][] pairLogits(JudgeItem query, List<JudgeItem> candidates) {
    double[][] out = new double[candidates.size()][];
    int width = net.config().headWidth();
    for (int from = 0; from < candidates.size(); from += batchSize) {
      List<JudgeItem> chunk = candidates.subList(from, Math.min(candidates.size(), from + batchSize));
      try (NDManager scope = root.newSubManager()) {
        RerankBatch batch = RerankBatch.of(scope, net.config(), encoder.pairs(query, chunk));
        float[] flat = noGrad(() -> net.logits(batch).toFloatArray());
        for (int i = 0; i < chunk.size(); i++) {
          out[from + i] = new double[] {flat[i * width], flat[i * width + 1]};
        }
      } catch (RuntimeException e) {
        throw ModelException.batchFailed(
            id, "rerank pairwise", chunk.size(), String.valueOf(chunk.get(0).id()), e);
      }
    }
    return out;
  }

  /** Runs with autograd off in this thread (torch's grad mode is thread-local), restoring it afterwards. */
  private static <T> T noGrad(Supplier<T> body) {
    boolean before = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return body.get();
    } finally {
      JniUtils.setGradMode(before);
    }
  }

  @Override
  public void close() {
    root.close();
    closeAll(owned);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable c : resources) {
      try {
        c.close();
      } catch (Exception e) {
        throw new ModelException("Cannot close reranker resource " + c, e);
      }
    }
  }
}
