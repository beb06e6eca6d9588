package org.unime.udfs.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.unime.udfs.train.ParameterSnapshot;

/**
 * The mini-MLLM judge network: a pre-LayerNorm causal decoder over one sequence of text tokens and image-patch
 * tokens, with a two-way (Yes, No) head read at the answer position, written with plain NDArray ops so that its
 * attention can use an explicit KV cache.
 *
 * <p>Input embedding per position: WordPiece embedding (text), or a linear map of the image position's features
 * (a patch's RGB values, or the image's colour histogram for its last position) plus a learned within-image slot
 * (image), or a linear map of the frozen stage-1 embedder's item vector (one position per item, when the
 * architecture has an embedder), or a learned answer vector (the answer position); plus a learned absolute position.
 * With an embedder the head also adds {@code cos_w * cosine(query vector, candidate vector)} to the Yes logit, so the
 * judge starts from the embedder's ranking and learns the fine-grained corrections (the real-MLLM analogue: a judge
 * built on pretrained vision and text encoders). Attention is causal
 * and ignores padding; sequences are left-padded so the answer position is always last.
 *
 * <p>Prefix reuse: {@link #prefill} runs the query side once and returns each layer's keys and values; {@link
 * #scoreSuffixes} runs candidates whose queries attend to those cached keys/values plus their own (causal) ones.
 * Running {@link #scoreFull} on the concatenated sequence gives the same logits: the cache is exact, not an
 * approximation.
 *
 * <p>It is a DJL {@link ai.djl.nn.Block} only so that the shared {@link org.unime.udfs.train.TrainingLoop} can see
 * its parameters; its forward passes are the methods below.
 *
 * <p>Parameters live in a sub-manager of the one given at construction, freed by {@link #close}. Forward passes are
 * thread-safe (they only read parameters); results are attached to the manager of the {@link MiniJudgeBatch} passed
 * in.
 */
public final class MiniJudgeNet extends AbstractBlock implements AutoCloseable {
  private static final float MASKED = -1e9f;
  /** Initial weight of the embedder-cosine prior: 1 / the embedder's InfoNCE temperature (0.05). */
  private static final float COSINE_SCALE = 20f;

  private final MiniJudgeConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> params;

  private MiniJudgeNet(MiniJudgeConfig config, NDManager manager, Map<String, NDArray> arrays) {
    this.config = config;
    this.manager = manager;
    Map<String, NDArray> view = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      NDArray array = e.getValue();
      array.setName(e.getKey());
      addParameter(Parameter.builder().setName(e.getKey()).setType(Parameter.Type.OTHER).optArray(array).build());
      view.put(e.getKey(), array);
    }
    this.params = Collections.unmodifiableMap(view);
  }

  /** A freshly initialised network; the same seed gives the same weights on every machine. */
  public static MiniJudgeNet initialise(MiniJudgeConfig config, NDManager parent, long seed) {
    NDManager manager = parent.newSubManager();
    SplittableRandom random = new SplittableRandom(seed);
    float residualStd = (float) (0.02 / Math.sqrt(2.0 * config.layers()));
    float patchStd = (float) (1 / Math.sqrt(config.imageFeatureDim()));
    Map<String, NDArray> p = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : shapes(config).entrySet()) {
      String name = e.getKey();
      Shape shape = new Shape(e.getValue());
      if (name.endsWith("_g")) {
        p.put(name, manager.ones(shape));
      } else if (name.equals("cos_w")) {
        // The head starts as the embedder's ranking (P(Yes) = sigmoid(cos_w * cosine + ...)); training corrects it.
        p.put(name, manager.create(new float[] {COSINE_SCALE}, shape));
      } else if (shape.dimension() == 1 && !name.equals("answer")) {
        p.put(name, manager.zeros(shape));
      } else {
        boolean residual = name.endsWith("_wo") || name.endsWith("_w2");
        float std = name.equals("patch_w") ? patchStd : residual ? residualStd : 0.02f;
        p.put(name, normal(manager, random, std, shape));
      }
    }
    return new MiniJudgeNet(config, manager, p);
  }

  /** A network with the given weights (e.g. read from an artifact); names and shapes are checked. */
  public static MiniJudgeNet fromSnapshot(MiniJudgeConfig config, NDManager parent, ParameterSnapshot weights) {
    Map<String, long[]> expected = shapes(config);
    if (!weights.names().equals(List.copyOf(expected.keySet()))) {
      throw new IllegalArgumentException(
          "Cannot load mini judge weights: expected parameters " + expected.keySet() + " (got " + weights.names()
              + ")");
    }
    NDManager manager = parent.newSubManager();
    Map<String, NDArray> p = new LinkedHashMap<>();
    for (int i = 0; i < weights.size(); i++) {
      String name = weights.names().get(i);
      if (!Arrays.equals(weights.shape(i), expected.get(name))) {
        manager.close();
        throw new IllegalArgumentException(
            "Cannot load mini judge weights: parameter " + name + " should have shape "
                + Arrays.toString(expected.get(name)) + " (got " + Arrays.toString(weights.shape(i)) + ")");
      }
      p.put(name, manager.create(weights.values(i), new Shape(weights.shape(i))));
    }
    return new MiniJudgeNet(config, manager, p);
  }

  /** Parameter names and shapes, in order, for a configuration. */
  static Map<String, long[]> shapes(MiniJudgeConfig config) {
    Map<String, long[]> m = new LinkedHashMap<>();
    int d = config.dim();
    m.put("tok_emb", new long[] {config.vocabSize(), d});
    m.put("pos_emb", new long[] {config.maxPositions(), d});
    m.put("patch_w", new long[] {config.imageFeatureDim(), d});
    m.put("patch_b", new long[] {d});
    m.put("patch_pos", new long[] {config.tokensPerImage(), d});
    m.put("answer", new long[] {d});
    for (int l = 0; l < config.layers(); l++) {
      m.put(l + "_ln1_g", new long[] {d});
      m.put(l + "_ln1_b", new long[] {d});
      m.put(l + "_wqkv", new long[] {d, 3L * d});
      m.put(l + "_bqkv", new long[] {3L * d});
      m.put(l + "_wo", new long[] {d, d});
      m.put(l + "_bo", new long[] {d});
      m.put(l + "_ln2_g", new long[] {d});
      m.put(l + "_ln2_b", new long[] {d});
      m.put(l + "_w1", new long[] {d, config.ffnDim()});
      m.put(l + "_b1", new long[] {config.ffnDim()});
      m.put(l + "_w2", new long[] {config.ffnDim(), d});
      m.put(l + "_b2", new long[] {d});
    }
    m.put("lnf_g", new long[] {d});
    m.put("lnf_b", new long[] {d});
    m.put("head_w", new long[] {d, 2});
    m.put("head_b", new long[] {2});
    if (config.embedderDim() > 0) {
      m.put("item_w", new long[] {config.embedderDim(), d});
      m.put("item_b", new long[] {d});
      m.put("cos_w", new long[] {1});
    }
    return m;
  }

  public MiniJudgeConfig config() {
    return config;
  }

  /** Parameters by name, in a stable order. */
  public Map<String, NDArray> parameters() {
    return params;
  }

  /** A host copy of the weights, for saving (the training loop's snapshot format). */
  public ParameterSnapshot snapshot() {
    return ParameterSnapshot.of(this);
  }

  /** Not used: the judge runs through {@link #prefill}, {@link #scoreSuffixes} and {@link #scoreFull}. */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    throw new UnsupportedOperationException(
        "Cannot run the mini judge as a plain block: use prefill/scoreSuffixes/scoreFull");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(-1, 2)};
  }

  /**
   * Cached per-layer keys (transposed, {@code [Q, 1, H, dh, Lp]}) and values ({@code [Q, 1, H, Lp, dh]}) of a prefix
   * batch, its key-padding bias {@code [Q, 1, 1, 1, Lp]} and the real prefix lengths.
   */
  public record KvCache(List<NDArray> keys, List<NDArray> values, NDArray bias, int[] lengths) {}

  /** Runs the query side; only the keys/values are kept. */
  public KvCache prefill(MiniJudgeBatch prefix) {
    NDArray x = embed(prefix).expandDims(1);
    NDArray selfBias = prefix.selfBias();
    List<NDArray> keys = new ArrayList<>(config.layers());
    List<NDArray> values = new ArrayList<>(config.layers());
    for (int l = 0; l < config.layers(); l++) {
      NDArray[] kv = new NDArray[2];
      x = layer(l, x, selfBias, null, kv);
      keys.add(kv[0]);
      values.add(kv[1]);
    }
    NDArray pastBias = prefix.keyBias().reshape(prefix.rows(), 1, 1, 1, prefix.length());
    return new KvCache(keys, values, pastBias, prefix.lengths());
  }

  /**
   * Runs candidates against a cached prefix. The suffix batch holds {@code Q x G} rows, query-major, each ending
   * with the answer position.
   *
   * @return Yes/No logits {@code [Q * G, 2]}
   */
  public NDArray scoreSuffixes(KvCache cache, MiniJudgeBatch suffix, int groupSize) {
    int queries = cache.lengths().length;
    NDArray x = embed(suffix).reshape(queries, groupSize, suffix.length(), config.dim());
    NDArray selfBias = suffix.selfBias().reshape(queries, groupSize, 1, suffix.length(), suffix.length());
    for (int l = 0; l < config.layers(); l++) {
      x = layer(l, x, selfBias, new NDArray[] {cache.keys().get(l), cache.values().get(l), cache.bias()}, null);
    }
    return head(x.get(":, :, -1, :").reshape(queries * (long) groupSize, config.dim()), suffix);
  }

  /** Runs whole sequences (prefix, suffix and answer position in one row each), no cache. */
  public NDArray scoreFull(MiniJudgeBatch full) {
    NDArray x = embed(full).expandDims(1);
    NDArray selfBias = full.selfBias();
    for (int l = 0; l < config.layers(); l++) {
      x = layer(l, x, selfBias, null, null);
    }
    return head(x.get(":, 0, -1, :"), full);
  }

  /**
   * Input embeddings {@code [N, L, d]}. Every op here has a batch array as its first operand or an explicit manager,
   * because DJL attaches a result to its first operand's manager: a lookup written {@code param.get(index)} would pile
   * up in the network's manager on every call.
   */
  private NDArray embed(MiniJudgeBatch b) {
    NDManager m = b.tokens().getManager();
    NDArray tokens = rows(m, "tok_emb", b.tokens());
    NDArray patches = b.patches().matMul(params.get("patch_w")).add(params.get("patch_b"))
        .add(rows(m, "patch_pos", b.patchSlots()));
    NDArray x = tokens.mul(b.isText()).add(patches.mul(b.isImage()))
        .add(b.isAnswer().mul(params.get("answer")))
        .add(rows(m, "pos_emb", b.positions()));
    if (config.embedderDim() > 0) {
      x = x.add(b.itemVectors().matMul(params.get("item_w")).add(params.get("item_b")).mul(b.isItem()));
    }
    return x.reshape(b.rows(), b.length(), config.dim());
  }

  /** Rows {@code index} of a parameter matrix, attached to {@code manager}. */
  private NDArray rows(NDManager manager, String name, NDArray index) {
    return params.get(name).get(manager, new NDIndex("{}", index));
  }

  /**
   * One decoder layer on {@code x [Q, G, L, d]}.
   *
   * @param past null, or {transposed keys [Q,1,H,dh,Lp], values [Q,1,H,Lp,dh], bias [Q,1,1,1,Lp]} to attend to
   *     before the own keys
   * @param kvOut null, or a 2-array that receives this layer's own transposed keys and values
   */
  private NDArray layer(int l, NDArray x, NDArray selfBias, NDArray[] past, NDArray[] kvOut) {
    Shape s = x.getShape();
    long q = s.get(0);
    long g = s.get(1);
    long len = s.get(2);
    int h = config.heads();
    int dh = config.headDim();
    NDArray normed = norm(x, l + "_ln1_g", l + "_ln1_b");
    NDList qkv = normed.matMul(params.get(l + "_wqkv")).add(params.get(l + "_bqkv")).split(3, 3);
    NDArray query = heads(qkv.get(0), q, g, len, h, dh).mul(constant(x, (float) (1 / Math.sqrt(dh))));
    NDArray key = heads(qkv.get(1), q, g, len, h, dh);
    NDArray value = heads(qkv.get(2), q, g, len, h, dh);
    NDArray keyT = key.swapAxes(3, 4);
    if (kvOut != null) {
      kvOut[0] = keyT;
      kvOut[1] = value;
    }
    NDArray own = query.matMul(keyT).add(selfBias);
    NDArray mixed;
    if (past == null) {
      mixed = own.softmax(4).matMul(value);
    } else {
      NDArray cached = query.matMul(past[0]).add(past[2]);
      long pastLen = past[0].getShape().get(4);
      NDArray attn = cached.concat(own, 4).softmax(4);
      NDList parts = attn.split(new long[] {pastLen}, 4);
      mixed = parts.get(0).matMul(past[1]).add(parts.get(1).matMul(value));
    }
    NDArray merged = mixed.transpose(0, 1, 3, 2, 4).reshape(q, g, len, (long) h * dh);
    x = x.add(merged.matMul(params.get(l + "_wo")).add(params.get(l + "_bo")));
    NDArray ff =
        Activation.gelu(norm(x, l + "_ln2_g", l + "_ln2_b").matMul(params.get(l + "_w1")).add(params.get(l + "_b1")));
    return x.add(ff.matMul(params.get(l + "_w2")).add(params.get(l + "_b2")));
  }

  /**
   * A scalar owned by {@code like}'s manager, for use on a training path instead of {@code NDArray.mul(Number)}.
   * DJL's PyTorch engine turns a Java number into a temporary tensor over a direct buffer and closes it right after
   * the op; autograd keeps that tensor for the backward pass (d(a*c)/da = c), and once the JVM collects the buffer
   * the backward pass reads freed memory: random, sometimes astronomically large or NaN gradients. A constant held by
   * the step's manager lives until the step ends.
   */
  static NDArray constant(NDArray like, float value) {
    return like.getManager().create(value);
  }

  private static NDArray heads(NDArray t, long q, long g, long len, int h, int dh) {
    return t.reshape(q, g, len, h, dh).transpose(0, 1, 3, 2, 4);
  }

  private NDArray norm(NDArray x, String gamma, String beta) {
    return LayerNorm.layerNorm(x, new Shape(config.dim()), params.get(gamma), params.get(beta), 1e-5f)
        .singletonOrThrow();
  }

  /** Yes/No logits {@code [N, 2]}; with an embedder, {@code cos_w * cosine} is added to the Yes logit. */
  private NDArray head(NDArray last, MiniJudgeBatch batch) {
    NDArray normed = norm(last, "lnf_g", "lnf_b");
    NDArray logits = normed.matMul(params.get("head_w")).add(params.get("head_b"));
    if (config.embedderDim() == 0) {
      return logits;
    }
    NDArray prior = batch.cosine().mul(params.get("cos_w"));
    return logits.add(prior.concat(prior.zerosLike(), 1));
  }

  /** P(Yes) = softmax([l_Yes, l_No])[0] per row of {@code [N, 2]} logits. */
  public static float[] probabilityYes(NDArray logits) {
    return logits.softmax(1).get(":, 0").toType(DataType.FLOAT32, false).toFloatArray();
  }

  static float maskedValue() {
    return MASKED;
  }

  private static NDArray normal(NDManager manager, SplittableRandom random, float std, Shape s) {
    float[] values = new float[(int) s.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (nextGaussian(random) * std);
    }
    return manager.create(values, s);
  }

  /** Box-Muller on SplittableRandom (which has no nextGaussian on Java 17). */
  private static double nextGaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public void close() {
    manager.close();
  }
}
