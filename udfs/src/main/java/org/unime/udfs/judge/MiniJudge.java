package org.unime.udfs.judge;

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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.unime.udfs.embed.BuiltInEmbedder;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelException;
import org.unime.udfs.train.ParameterSnapshot;

/**
 * The built-in judge: {@link MiniJudgeNet} behind the {@link JudgeModel} contract, with a real KV prefix cache.
 * {@link #encodeQuery} runs the instruction and query once and keeps every layer's keys and values; {@link
 * #scoreCandidates} runs only the candidates (in batches) against them.
 *
 * <p>Artifact layout: {@value #WEIGHTS} (weights), {@value MiniJudgeVocabulary#FILE} (vocabulary) and, when the
 * architecture has an embedder, the frozen stage-1 embedder's own artifact copied into {@value #EMBEDDER_DIR}/, so
 * the judge is self-contained and its version covers the embedder too.
 *
 * <p>Load one per executor JVM with {@link JudgeModels#open}, which goes through the model cache. Thread-safe:
 * forward passes only read the weights and run with autograd off in the calling thread.
 */
public final class MiniJudge implements JudgeModel {
  /** Weights file inside the artifact directory ({@link ParameterSnapshot} format, names as in the network). */
  public static final String WEIGHTS = "judge-weights.bin";
  /** Sub-folder holding the embedder's artifact, when the architecture uses one. */
  public static final String EMBEDDER_DIR = "embedder";

  private final String id;
  private final String version;
  private final MiniJudgeNet net;
  private final MiniJudgeEncoder encoder;
  private final NDManager root;
  private final int batchSize;
  private final List<AutoCloseable> owned;

  MiniJudge(String id, String version, MiniJudgeNet net, MiniJudgeEncoder encoder, NDManager root, int batchSize,
      List<AutoCloseable> owned) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("Cannot judge: batch size must be >= 1 (got " + batchSize + ")");
    }
    this.id = id;
    this.version = version;
    this.net = net;
    this.encoder = encoder;
    this.root = root;
    this.batchSize = batchSize;
    this.owned = owned;
  }

  /** Loads an artifact written by {@link #save}; the caller owns (and closes) the result. */
  public static MiniJudge load(ModelArtifact artifact, DeviceSpec device, int batchSize) {
    artifact.verify();
    MiniJudgeConfig config = MiniJudgeConfig.fromManifest(artifact.manifest());
    NDManager root = NDManager.newBaseManager(device.toDevice(), "PyTorch");
    EmbeddingModel embedder = null;
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(artifact.file(WEIGHTS))))) {
      MiniJudgeNet net = MiniJudgeNet.fromSnapshot(config, root, ParameterSnapshot.read(in));
      MiniJudgeVocabulary vocabulary = MiniJudgeVocabulary.load(artifact.file(MiniJudgeVocabulary.FILE));
      if (config.embedderDim() > 0) {
        ModelArtifact inner = ModelArtifact.open(artifact.dir().resolve(EMBEDDER_DIR).toString());
        embedder = BuiltInEmbedder.load(inner, device, batchSize);
      }
      MiniJudgeEncoder encoder = new MiniJudgeEncoder(config, vocabulary, embedder);
      List<AutoCloseable> owned = new ArrayList<>(List.of(net, encoder));
      if (embedder != null) {
        owned.add(embedder);
      }
      return new MiniJudge(artifact.manifest().id(), artifact.manifest().version(), net, encoder, root, batchSize,
          owned);
    } catch (IOException | RuntimeException e) {
      if (embedder != null) {
        embedder.close();
      }
      root.close();
      throw new ModelException("Cannot load judge " + artifact.manifest().id() + " from " + artifact.uri(), e);
    }
  }

  /**
   * Writes the weights, vocabulary and (when not null) a copy of the embedder's artifact into an artifact directory
   * (a {@link ModelArtifact.WeightsWriter}).
   */
  public static void save(MiniJudgeNet net, MiniJudgeVocabulary vocabulary, ModelArtifact embedder, Path dir)
      throws IOException {
    vocabulary.save(dir);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
      net.snapshot().write(out);
    }
    if (embedder != null) {
      Path target = dir.resolve(EMBEDDER_DIR);
      try (Stream<Path> files = Files.walk(embedder.dir())) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path to = target.resolve(embedder.dir().relativize(f).toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      }
    }
  }

  /** A judge over a network and encoder someone else owns (e.g. the trainer's, or a test's). */
  static MiniJudge borrowing(String id, MiniJudgeNet net, MiniJudgeEncoder encoder, int batchSize) {
    return new MiniJudge(id, "unsaved", net, encoder, NDManager.newBaseManager("PyTorch"), batchSize, List.of());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String version() {
    return version;
  }

  public MiniJudgeConfig config() {
    return net.config();
  }

  @Override
  public PrefixHandle encodeQuery(JudgeItem query) {
    NDManager scope = root.newSubManager();
    try {
      float[] vector = encoder.vectors(List.of(query))[0];
      MiniJudgeEncoder.Encoded encoded = encoder.prefix(query, vector);
      MiniJudgeNet.KvCache cache =
          noGrad(() -> net.prefill(MiniJudgeBatch.of(scope, net.config(), List.of(encoded), new int[1], false, null)));
      return new CachedPrefix(this, query, encoded.length(), vector, cache, scope);
    } catch (RuntimeException e) {
      scope.close();
      throw ModelException.batchFailed(id, "encode the query", 1, String.valueOf(query.id()), e);
    }
  }

  @Override
  public float[] scoreCandidates(PrefixHandle prefix, List<JudgeItem> candidates) {
    CachedPrefix own = CachedPrefix.check(prefix, this);
    float[] out = new float[candidates.size()];
    for (int from = 0; from < candidates.size(); from += batchSize) {
      List<JudgeItem> batch = candidates.subList(from, Math.min(candidates.size(), from + batchSize));
      try (NDManager scope = root.newSubManager()) {
        MiniJudgeBatch packed = suffixBatch(scope, own, batch);
        float[] scores =
            noGrad(() -> MiniJudgeNet.probabilityYes(net.scoreSuffixes(own.cache, packed, batch.size())));
        System.arraycopy(scores, 0, out, from, scores.length);
      } catch (RuntimeException e) {
        throw ModelException.batchFailed(id, "score candidates", batch.size(), String.valueOf(batch.get(0).id()), e);
      }
    }
    return out;
  }

  /**
   * Groups with at least a batch of candidates keep the per-query path (one prefix reused over several batches).
   * Smaller groups are sorted by size and packed: up to {@code batch size / largest group} queries share one prefill
   * and one suffix pass, shorter groups padded with repeats of their last candidate whose scores are dropped. A pack
   * of one query is scored by {@link #score}, so a run whose groups are all large (a full mine-all) is unchanged.
   */
  @Override
  public List<float[]> scoreQueries(List<QueryCandidates> groups) {
    float[][] out = new float[groups.size()][];
    List<Integer> small = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      int size = groups.get(i).candidates().size();
      if (size == 0) {
        out[i] = new float[0];
      } else if (size >= batchSize) {
        out[i] = score(groups.get(i).query(), groups.get(i).candidates());
      } else {
        small.add(i);
      }
    }
    small.sort(Comparator.comparingInt((Integer i) -> groups.get(i).candidates().size()).reversed());
    for (int from = 0; from < small.size(); ) {
      int width = groups.get(small.get(from)).candidates().size();
      int to = Math.min(small.size(), from + Math.max(1, batchSize / width));
      List<Integer> pack = small.subList(from, to);
      if (pack.size() == 1) {
        QueryCandidates g = groups.get(pack.get(0));
        out[pack.get(0)] = score(g.query(), g.candidates());
      } else {
        scorePack(groups, pack, width, out);
      }
      from = to;
    }
    return Arrays.asList(out);
  }

  /** One prefill over the pack's queries and one suffix pass over {@code queries x width} candidate rows. */
  private void scorePack(List<QueryCandidates> groups, List<Integer> pack, int width, float[][] out) {
    int q = pack.size();
    List<JudgeItem> queries = new ArrayList<>(q);
    List<JudgeItem> rows = new ArrayList<>(q * width);
    for (int i : pack) {
      List<JudgeItem> candidates = groups.get(i).candidates();
      queries.add(groups.get(i).query());
      for (int j = 0; j < width; j++) {
        rows.add(candidates.get(Math.min(j, candidates.size() - 1)));
      }
    }
    try (NDManager scope = root.newSubManager()) {
      float[][] queryVectors = encoder.vectors(queries);
      List<MiniJudgeEncoder.Encoded> prefixes = new ArrayList<>(q);
      for (int i = 0; i < q; i++) {
        prefixes.add(encoder.prefix(queries.get(i), queryVectors[i]));
      }
      float[][] vectors = encoder.vectors(rows);
      List<MiniJudgeEncoder.Encoded> suffixes = new ArrayList<>(rows.size());
      int[] offsets = new int[rows.size()];
      float[][] rowQueryVectors = new float[rows.size()][];
      for (int r = 0; r < rows.size(); r++) {
        suffixes.add(encoder.suffix(rows.get(r), vectors[r]));
        offsets[r] = prefixes.get(r / width).length();
        rowQueryVectors[r] = queryVectors[r / width];
      }
      float[] scores = noGrad(() -> {
        MiniJudgeNet.KvCache cache =
            net.prefill(MiniJudgeBatch.of(scope, net.config(), prefixes, new int[q], false, null));
        return MiniJudgeNet.probabilityYes(net.scoreSuffixes(cache,
            MiniJudgeBatch.of(scope, net.config(), suffixes, offsets, true, rowQueryVectors), width));
      });
      for (int p = 0; p < q; p++) {
        int size = groups.get(pack.get(p)).candidates().size();
        out[pack.get(p)] = Arrays.copyOfRange(scores, p * width, p * width + size);
      }
    } catch (RuntimeException e) {
      throw ModelException.batchFailed(id, "score several queries' candidates", rows.size(),
          String.valueOf(queries.get(0).id()), e);
    }
  }

  private MiniJudgeBatch suffixBatch(NDManager scope, CachedPrefix prefix, List<JudgeItem> batch) {
    float[][] vectors = encoder.vectors(batch);
    List<MiniJudgeEncoder.Encoded> suffixes = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      suffixes.add(encoder.suffix(batch.get(i), vectors[i]));
    }
    int[] offsets = new int[batch.size()];
    Arrays.fill(offsets, prefix.length);
    float[][] queryVectors = new float[batch.size()][];
    Arrays.fill(queryVectors, prefix.vector);
    return MiniJudgeBatch.of(scope, net.config(), suffixes, offsets, true, queryVectors);
  }

  /**
   * Scores without prefix reuse: every candidate's whole sequence (instruction, query, candidate) runs through the
   * network. Same results as {@link #score}; kept as the baseline of the throughput benchmark and the cache test.
   */
  public float[] scoreWithoutPrefixReuse(JudgeItem query, List<JudgeItem> candidates) {
    float[] out = new float[candidates.size()];
    // Encoded (tokenised, patched, embedded) once: the baseline differs from score() only in the network's work.
    MiniJudgeEncoder.Encoded prefix = encoder.prefix(query, encoder.vectors(List.of(query))[0]);
    for (int from = 0; from < candidates.size(); from += batchSize) {
      List<JudgeItem> batch = candidates.subList(from, Math.min(candidates.size(), from + batchSize));
      try (NDManager scope = root.newSubManager()) {
        float[][] vectors = encoder.vectors(batch);
        List<MiniJudgeEncoder.Encoded> rows = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          rows.add(prefix.then(encoder.suffix(batch.get(i), vectors[i])));
        }
        MiniJudgeBatch packed = MiniJudgeBatch.of(scope, net.config(), rows, new int[batch.size()], true, null);
        float[] scores = noGrad(() -> MiniJudgeNet.probabilityYes(net.scoreFull(packed)));
        System.arraycopy(scores, 0, out, from, scores.length);
      } catch (RuntimeException e) {
        throw ModelException.batchFailed(id, "score candidates", batch.size(), String.valueOf(batch.get(0).id()), e);
      }
    }
    return out;
  }

  /** Raw Yes/No logits of one whole sequence, no padding and no cache: the reference the cache is tested against. */
  float[] logitsFull(JudgeItem query, JudgeItem candidate) {
    try (NDManager scope = root.newSubManager()) {
      float[][] vectors = encoder.vectors(List.of(query, candidate));
      MiniJudgeEncoder.Encoded row = encoder.prefix(query, vectors[0]).then(encoder.suffix(candidate, vectors[1]));
      MiniJudgeBatch packed = MiniJudgeBatch.of(scope, net.config(), List.of(row), new int[1], true, null);
      return noGrad(() -> net.scoreFull(packed).toFloatArray());
    }
  }

  /** Raw Yes/No logits through the cache, {@code [candidates][2]}. */
  float[][] logitsCached(JudgeItem query, List<JudgeItem> candidates) {
    try (CachedPrefix prefix = (CachedPrefix) encodeQuery(query); NDManager scope = root.newSubManager()) {
      MiniJudgeBatch packed = suffixBatch(scope, prefix, candidates);
      float[] flat = noGrad(() -> net.scoreSuffixes(prefix.cache, packed, candidates.size()).toFloatArray());
      float[][] out = new float[candidates.size()][2];
      for (int i = 0; i < out.length; i++) {
        out[i][0] = flat[2 * i];
        out[i][1] = flat[2 * i + 1];
      }
      return out;
    }
  }

  /** Runs with autograd off in this thread (torch's grad mode is thread-local), restoring it afterwards. */
  static <T> T noGrad(Supplier<T> body) {
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
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        throw new ModelException("Cannot close judge " + id, e);
      }
    }
  }

  /** Per-layer keys and values of one query's prefix, in their own NDManager, and the query's item vector. */
  private static final class CachedPrefix implements PrefixHandle {
    private final MiniJudge owner;
    private final JudgeItem query;
    private final int length;
    private final float[] vector;
    private final MiniJudgeNet.KvCache cache;
    private final NDManager scope;
    private boolean closed;

    CachedPrefix(
        MiniJudge owner, JudgeItem query, int length, float[] vector, MiniJudgeNet.KvCache cache, NDManager scope) {
      this.owner = owner;
      this.query = query;
      this.length = length;
      this.vector = vector;
      this.cache = cache;
      this.scope = scope;
    }

    static CachedPrefix check(PrefixHandle handle, MiniJudge judge) {
      if (!(handle instanceof CachedPrefix p) || p.owner != judge) {
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
      return length;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        scope.close();
      }
    }
  }
}
