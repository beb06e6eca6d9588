package org.unime.udfs.rerank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.unime.udfs.judge.MiniJudgeConfig;
import org.unime.udfs.train.ParameterSnapshot;

/**
 * The reranker network: the judge's pre-LayerNorm causal decoder (same input embeddings, attention, MLP, parameter
 * names and initialisation) with an answer head of width 2 + max-candidates read at the last position: column 0 is
 * "Yes", 1 is "No", 2 + i is "(i + 1)". Pairwise prompts use columns 0..1, listwise prompts of k candidates columns
 * 2..2+k.
 *
 * <p>Two additions make the list answer learnable by a small model: a learned embedding per list slot (added to
 * every position of candidate i, slot 0 elsewhere), which ties the "(i)" answer column to the candidate it names, and
 * a learned answer vector per prompt kind. With an embedder, the head adds {@code cos_w[c] * cosine(query, candidate
 * behind column c)} to each answer column (initialised to 1/0.05, the embedder's InfoNCE temperature, on Yes and on
 * the positions), so an untrained reranker reproduces the embedder's order and training learns the corrections.
 *
 * <p>Why not the judge's {@code MiniJudgeNet} itself: its head is fixed at (Yes, No) and its batch accessors are
 * private to the judge package, so neither composition nor a subclass can widen it. This class copies its decoder
 * (without the KV-cache path, which reranking prompts do not share across calls).
 *
 * <p>A DJL {@link ai.djl.nn.Block} only so that the shared {@link org.unime.udfs.train.TrainingLoop} sees its
 * parameters; the forward pass is {@link #logits}. Parameters live in a sub-manager of the one given at construction,
 * freed by {@link #close}. Forward passes are thread-safe (they only read parameters).
 */
final class RerankerNet extends AbstractBlock implements AutoCloseable {
  /** Initial weight of the embedder-cosine prior: 1 / the embedder's InfoNCE temperature (0.05). */
  private static final float COSINE_SCALE = 20f;

  private final RerankerConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> params;

  private RerankerNet(RerankerConfig config, NDManager manager, Map<String, NDArray> arrays) {
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
  static RerankerNet initialise(RerankerConfig config, NDManager parent, long seed) {
    NDManager manager = parent.newSubManager();
    SplittableRandom random = new SplittableRandom(seed);
    MiniJudgeConfig b = config.backbone();
    float residualStd = (float) (0.02 / Math.sqrt(2.0 * b.layers()));
    float patchStd = (float) (1 / Math.sqrt(b.imageFeatureDim()));
    Map<String, NDArray> p = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : shapes(config).entrySet()) {
      String name = e.getKey();
      Shape shape = new Shape(e.getValue());
      if (name.endsWith("_g")) {
        p.put(name, manager.ones(shape));
      } else if (name.equals("cos_w")) {
        float[] w = new float[config.headWidth()];
        Arrays.fill(w, COSINE_SCALE);
        w[1] = 0f; // the No column answers for no candidate
        p.put(name, manager.create(w, shape));
      } else if (shape.dimension() == 1 && !name.startsWith("answer_")) {
        p.put(name, manager.zeros(shape));
      } else {
        boolean residual = name.endsWith("_wo") || name.endsWith("_w2");
        float std = name.equals("patch_w") ? patchStd : residual ? residualStd : 0.02f;
        p.put(name, normal(manager, random, std, shape));
      }
    }
    return new RerankerNet(config, manager, p);
  }

  /** A network with the given weights (e.g. read from an artifact); names and shapes are checked. */
  static RerankerNet fromSnapshot(RerankerConfig config, NDManager parent, ParameterSnapshot weights) {
    Map<String, long[]> expected = shapes(config);
    if (!weights.names().equals(List.copyOf(expected.keySet()))) {
      throw new IllegalArgumentException(
          "Cannot load reranker weights: expected parameters " + expected.keySet() + " (got " + weights.names() + ")");
    }
    NDManager manager = parent.newSubManager();
    Map<String, NDArray> p = new LinkedHashMap<>();
    for (int i = 0; i < weights.size(); i++) {
      String name = weights.names().get(i);
      if (!Arrays.equals(weights.shape(i), expected.get(name))) {
        manager.close();
        throw new IllegalArgumentException(
            "Cannot load reranker weights: parameter " + name + " should have shape "
                + Arrays.toString(expected.get(name)) + " (got " + Arrays.toString(weights.shape(i)) + ")");
      }
      p.put(name, manager.create(weights.values(i), new Shape(weights.shape(i))));
    }
    return new RerankerNet(config, manager, p);
  }

  /** Parameter names and shapes, in order. */
  static Map<String, long[]> shapes(RerankerConfig config) {
    MiniJudgeConfig b = config.backbone();
    Map<String, long[]> m = new LinkedHashMap<>();
    int d = b.dim();
    m.put("tok_emb", new long[] {b.vocabSize(), d});
    m.put("pos_emb", new long[] {b.maxPositions(), d});
    m.put("patch_w", new long[] {b.imageFeatureDim(), d});
    m.put("patch_b", new long[] {d});
    m.put("patch_pos", new long[] {b.tokensPerImage(), d});
    m.put("slot_emb", new long[] {config.maxCandidates() + 1L, d});
    m.put("answer_pair", new long[] {d});
    m.put("answer_list", new long[] {d});
    for (int l = 0; l < b.layers(); l++) {
      m.put(l + "_ln1_g", new long[] {d});
      m.put(l + "_ln1_b", new long[] {d});
      m.put(l + "_wqkv", new long[] {d, 3L * d});
      m.put(l + "_bqkv", new long[] {3L * d});
      m.put(l + "_wo", new long[] {d, d});
      m.put(l + "_bo", new long[] {d});
      m.put(l + "_ln2_g", new long[] {d});
      m.put(l + "_ln2_b", new long[] {d});
      m.put(l + "_w1", new long[] {d, b.ffnDim()});
      m.put(l + "_b1", new long[] {b.ffnDim()});
      m.put(l + "_w2", new long[] {b.ffnDim(), d});
      m.put(l + "_b2", new long[] {d});
    }
    m.put("lnf_g", new long[] {d});
    m.put("lnf_b", new long[] {d});
    m.put("head_w", new long[] {d, config.headWidth()});
    m.put("head_b", new long[] {config.headWidth()});
    if (b.embedderDim() > 0) {
      m.put("item_w", new long[] {b.embedderDim(), d});
      m.put("item_b", new long[] {d});
      m.put("cos_w", new long[] {config.headWidth()});
    }
    return m;
  }

  RerankerConfig config() {
    return config;
  }

  /** A host copy of the weights, for saving. */
  ParameterSnapshot snapshot() {
    return ParameterSnapshot.of(this);
  }

  /** Not used: the reranker runs through {@link #logits}. */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    throw new UnsupportedOperationException("Cannot run the reranker as a plain block: use logits");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(-1, config.headWidth())};
  }

  /** Answer logits {@code [N, headWidth]}, read at each row's last (answer) position. */
  NDArray logits(RerankBatch batch) {
    NDArray x = embed(batch);
    for (int l = 0; l < config.backbone().layers(); l++) {
      x = layer(l, x, batch.selfBias());
    }
    NDArray last = norm(x.get(":, -1, :"), "lnf_g", "lnf_b");
    NDArray logits = last.matMul(params.get("head_w")).add(params.get("head_b"));
    if (config.backbone().embedderDim() == 0) {
      return logits;
    }
    return logits.add(batch.prior().mul(params.get("cos_w")));
  }

  /**
   * Input embeddings {@code [N, L, d]}. Every op has a batch array as its first operand or an explicit manager:
   * DJL attaches a result to its first operand's manager, and a lookup written {@code param.get(index)} would pile
   * up in the network's manager on every call.
   */
  private NDArray embed(RerankBatch b) {
    NDManager m = b.tokens().getManager();
    NDArray patches = b.patches().matMul(params.get("patch_w")).add(params.get("patch_b"))
        .add(rows(m, "patch_pos", b.patchSlots()));
    NDArray x = rows(m, "tok_emb", b.tokens()).mul(b.isText())
        .add(patches.mul(b.isImage()))
        .add(b.isPairAnswer().mul(params.get("answer_pair")))
        .add(b.isListAnswer().mul(params.get("answer_list")))
        .add(rows(m, "pos_emb", b.positions()))
        .add(rows(m, "slot_emb", b.slots()));
    if (config.backbone().embedderDim() > 0) {
      x = x.add(b.itemVectors().matMul(params.get("item_w")).add(params.get("item_b")).mul(b.isItem()));
    }
    return x.reshape(b.rows(), b.length(), config.backbone().dim());
  }

  private NDArray rows(NDManager manager, String name, NDArray index) {
    return params.get(name).get(manager, new NDIndex("{}", index));
  }

  /** One decoder layer on {@code x [N, L, d]} with additive attention bias {@code [N, 1, L, L]}. */
  private NDArray layer(int l, NDArray x, NDArray bias) {
    Shape s = x.getShape();
    long n = s.get(0);
    long len = s.get(1);
    MiniJudgeConfig b = config.backbone();
    int h = b.heads();
    int dh = b.headDim();
    NDArray normed = norm(x, l + "_ln1_g", l + "_ln1_b");
    NDList qkv = normed.matMul(params.get(l + "_wqkv")).add(params.get(l + "_bqkv")).split(3, 2);
    NDArray query = heads(qkv.get(0), n, len, h, dh).mul(constant(x, (float) (1 / Math.sqrt(dh))));
    NDArray key = heads(qkv.get(1), n, len, h, dh);
    NDArray value = heads(qkv.get(2), n, len, h, dh);
    NDArray mixed = query.matMul(key.swapAxes(2, 3)).add(bias).softmax(3).matMul(value);
    NDArray merged = mixed.transpose(0, 2, 1, 3).reshape(n, len, (long) h * dh);
    x = x.add(merged.matMul(params.get(l + "_wo")).add(params.get(l + "_bo")));
    NDArray ff =
        Activation.gelu(norm(x, l + "_ln2_g", l + "_ln2_b").matMul(params.get(l + "_w1")).add(params.get(l + "_b1")));
    return x.add(ff.matMul(params.get(l + "_w2")).add(params.get(l + "_b2")));
  }

  /**
   * A scalar owned by {@code like}'s manager, for use on a training path instead of {@code NDArray.mul(Number)},
   * whose temporary tensor is freed before the backward pass reads it (see docs/judge.md, "A DJL pitfall").
   */
  static NDArray constant(NDArray like, float value) {
    return like.getManager().create(value);
  }

  private static NDArray heads(NDArray t, long n, long len, int h, int dh) {
    return t.reshape(n, len, h, dh).transpose(0, 2, 1, 3);
  }

  private NDArray norm(NDArray x, String gamma, String beta) {
    return LayerNorm.layerNorm(x, new Shape(config.backbone().dim()), params.get(gamma), params.get(beta), 1e-5f)
        .singletonOrThrow();
  }

  private static NDArray normal(NDManager manager, SplittableRandom random, float std, Shape s) {
    float[] values = new float[(int) s.size()];
    for (int i = 0; i < values.length; i++) {
      double u1 = random.nextDouble();
      double u2 = random.nextDouble();
      // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
      values[i] = (float) (Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2) * std);
    }
    return manager.create(values, s);
  }

  @Override
  public void close() {
    manager.close();
  }
}
