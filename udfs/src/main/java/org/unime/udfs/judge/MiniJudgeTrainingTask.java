package org.unime.udfs.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.unime.udfs.train.BatchContext;
import org.unime.udfs.train.TrainingTask;

/**
 * The judge's loss for the shared {@link org.unime.udfs.train.TrainingLoop}: each example is a training group (a
 * query with its positive, near variants and random negatives); a step runs the groups' prefixes once through the KV
 * cache path and all their candidates against them, exactly as inference does.
 *
 * <p>Loss = balanced pointwise cross-entropy (mean -log P(Yes) over positives and mean -log P(No) over negatives,
 * half each) + {@code listwiseWeight} x the group softmax cross-entropy of the margins {@code l_Yes - l_No} with the
 * positive as target. The first keeps P(Yes) calibrated (mining thresholds on it); the second directly ranks the
 * positive above its near variants.
 *
 * <p>Encodings (tokens, patches) are computed once per row and cached for the run.
 */
final class MiniJudgeTrainingTask implements TrainingTask {
  private final MiniJudgeNet net;
  private final MiniJudgeEncoder encoder;
  private final JudgeGroups groups;
  private final JudgeTrainingSettings settings;
  private final Map<String, float[]> vectors;
  private final Map<String, MiniJudgeEncoder.Encoded> prefixes = new ConcurrentHashMap<>();
  private final Map<String, MiniJudgeEncoder.Encoded> suffixes = new ConcurrentHashMap<>();

  /**
   * @param vectors the frozen embedder's vector of every row id, or null when the architecture has no embedder
   */
  MiniJudgeTrainingTask(
      MiniJudgeNet net, MiniJudgeEncoder encoder, JudgeGroups groups, JudgeTrainingSettings settings,
      Map<String, float[]> vectors) {
    this.vectors = vectors;
    this.net = net;
    this.encoder = encoder;
    this.groups = groups;
    this.settings = settings;
  }

  @Override
  public Block block() {
    return net;
  }

  @Override
  public int exampleCount() {
    return groups.size();
  }

  @Override
  public NDArray loss(BatchContext context, int[] examples) {
    SplittableRandom random = new SplittableRandom(context.seed());
    int size = settings.groupSize();
    List<MiniJudgeEncoder.Encoded> queryRows = new ArrayList<>(examples.length);
    List<MiniJudgeEncoder.Encoded> candidateRows = new ArrayList<>(examples.length * size);
    int[] offsets = new int[examples.length * size];
    float[][] queryVectors = new float[examples.length * size][];
    for (int i = 0; i < examples.length; i++) {
      JudgeGroups.Group g = groups.groups().get(examples[i]);
      MiniJudgeEncoder.Encoded prefix =
          prefixes.computeIfAbsent(g.query().id(), id -> encoder.prefix(g.query().toJudgeItem(), vector(id)));
      queryRows.add(prefix);
      List<CorpusItem> candidates = groups.candidates(g, size, settings.maxNearVariants(), random);
      for (int j = 0; j < size; j++) {
        CorpusItem c = candidates.get(j);
        candidateRows.add(suffixes.computeIfAbsent(c.id(), id -> encoder.suffix(c.toJudgeItem(), vector(id))));
        offsets[i * size + j] = prefix.length();
        queryVectors[i * size + j] = prefix.queryVector();
      }
    }
    NDManager m = context.manager();
    MiniJudgeConfig config = net.config();
    MiniJudgeNet.KvCache cache =
        net.prefill(MiniJudgeBatch.of(m, config, queryRows, new int[examples.length], false, null));
    NDArray logits =
        net.scoreSuffixes(cache, MiniJudgeBatch.of(m, config, candidateRows, offsets, true, queryVectors), size);
    return loss(m, logits, examples.length, size, (float) settings.listwiseWeight());
  }

  private float[] vector(String id) {
    if (vectors == null) {
      return null;
    }
    float[] v = vectors.get(id);
    if (v == null) {
      throw new IllegalStateException("Cannot train the judge: no embedder vector was computed for row " + id);
    }
    return v;
  }

  /**
   * The loss of {@code [Q * G, 2]} logits whose rows are query-major with the positive first in each group. Every
   * constant is an array held by {@code m} (never {@code NDArray.mul(Number)}: see {@link MiniJudgeNet#constant}).
   */
  static NDArray loss(NDManager m, NDArray logits, int queries, int size, float listwiseWeight) {
    NDArray logp = logits.logSoftmax(1).reshape(queries, size, 2);
    NDArray yes = logp.get(":, :, 0");
    NDArray no = logp.get(":, :, 1");
    float[] yesWeight = new float[queries * size];
    float[] noWeight = new float[queries * size];
    for (int q = 0; q < queries; q++) {
      yesWeight[q * size] = 0.5f / queries;
      for (int j = 1; j < size; j++) {
        noWeight[q * size + j] = 0.5f / ((float) queries * (size - 1));
      }
    }
    Shape shape = new Shape(queries, size);
    NDArray pointwise = yes.mul(m.create(yesWeight, shape)).add(no.mul(m.create(noWeight, shape))).sum().neg();
    if (listwiseWeight == 0f) {
      return pointwise;
    }
    NDArray listwise = yes.sub(no).logSoftmax(1).get(":, 0").mean().neg();
    return pointwise.add(listwise.mul(m.create(listwiseWeight)));
  }
}
