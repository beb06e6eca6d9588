package org.unime.udfs.unime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.unime.conf.TrainingSettings.Loss;
import org.unime.udfs.distributed.ShardedTask;
import org.unime.udfs.embed.TrainableEmbedder;
import org.unime.udfs.train.BatchContext;

/**
 * The UniME-V2 training task over the built-in embedder (spec §5). Per example b: the query q_b and its candidate
 * list C_b = [positive, first k stored negatives] go through the same encoder; z_b = q_b · C_bᵀ (cosine: the
 * embeddings are L2-normalised); then, by {@link Loss}:
 *
 * <ul>
 *   <li>{@code unime-v2}: symmetric KL between softmax(z_b/τ) and softmax(T_b/τ), T_b = [s_pos, s_neg_1..k]
 *       ({@link UnimeLosses#symmetricKl}); per-example, so shards add up;
 *   <li>{@code hard-negatives-only}: InfoNCE over the same k + 1 candidates, positive as the target;
 *   <li>{@code in-batch}: InfoNCE from each query to every distinct positive of the global batch (positives shared
 *       by several queries are one column; the query's other positives are masked out). This couples examples, so
 *       the distributed trainer uses GradCache: {@link #representations} are (query, positive) rows.
 * </ul>
 *
 * <p>The loss math runs in float32 whatever the model's precision. No randomness (no augmentation, no dropout), so
 * a step is a deterministic function of weights and batch. Lifecycle: owns the model ({@link #close()}).
 * Single-threaded use, inside the training lock.
 */
public final class UnimeTask implements ShardedTask {
  private static final float MASKED = -1e4f;

  private final TrainableEmbedder model;
  private final TrainableEmbedder.Inputs inputs;
  private final ExampleSet examples;
  private final Loss loss;
  private final double temperature;

  /** A task over {@code model} (which it then owns) and prepared {@code inputs} that {@code examples} index. */
  public UnimeTask(
      TrainableEmbedder model, TrainableEmbedder.Inputs inputs, ExampleSet examples, Loss loss, double temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("Cannot build the UniME-V2 task: τ must be > 0 (got " + temperature + ")");
    }
    this.model = model;
    this.inputs = inputs;
    this.examples = examples;
    this.loss = loss;
    this.temperature = temperature;
  }

  /** The model being trained (owned by this task). */
  TrainableEmbedder model() {
    return model;
  }

  @Override
  public Block block() {
    return model.block();
  }

  @Override
  public int exampleCount() {
    return examples.size();
  }

  @Override
  public Split split() {
    return loss == Loss.IN_BATCH ? Split.SHARED_REPRESENTATIONS : Split.PER_EXAMPLE;
  }

  @Override
  public PartialLoss partialLoss(BatchContext context, int[] batch, int normaliser) {
    if (loss == Loss.IN_BATCH) {
      throw new IllegalStateException("Cannot compute an in-batch loss per example: use representationLoss");
    }
    NDArray similarities = similarities(context, batch);
    if (loss == Loss.HARD_NEGATIVES_ONLY) {
      return UnimeLosses.infoNceFirstColumn(similarities, temperature, normaliser);
    }
    int n = examples.candidatesPerExample();
    float[] scores = new float[batch.length * n];
    for (int r = 0; r < batch.length; r++) {
      System.arraycopy(examples.targets()[batch[r]], 0, scores, r * n, n);
    }
    NDArray judge = context.manager().create(FloatBuffer.wrap(scores), new Shape(batch.length, n));
    return UnimeLosses.symmetricKl(similarities, judge, temperature, normaliser);
  }

  /** z (B × (k+1)): cosine of each query with its candidates, in float32. */
  NDArray similarities(BatchContext context, int[] batch) {
    int b = batch.length;
    int n = examples.candidatesPerExample();
    int[] items = new int[b + b * n];
    for (int r = 0; r < b; r++) {
      items[r] = examples.queries()[batch[r]];
      System.arraycopy(examples.candidates()[batch[r]], 0, items, b + r * n, n);
    }
    NDArray embedded =
        model.embed(context.manager(), context.parameterStore(), inputs, items, true).toType(DataType.FLOAT32, false);
    long d = embedded.getShape().get(1);
    NDArray q = embedded.get(new NDIndex("0:" + b));
    NDArray c = embedded.get(new NDIndex(b + ":")).reshape(b, n, d);
    return c.mul(q.expandDims(1)).sum(new int[] {2});
  }

  @Override
  public int rowsPerExample() {
    return 2;
  }

  /** Rows (query, positive) per example. */
  @Override
  public NDArray representations(BatchContext context, int[] batch) {
    int[] items = new int[2 * batch.length];
    for (int r = 0; r < batch.length; r++) {
      items[2 * r] = examples.queries()[batch[r]];
      items[2 * r + 1] = examples.positive(batch[r]);
    }
    return model.embed(context.manager(), context.parameterStore(), inputs, items, true);
  }

  @Override
  public PartialLoss representationLoss(NDManager manager, NDArray representations, int[] batch) {
    int b = batch.length;
    long d = representations.getShape().get(1);
    NDArray pairs = representations.toType(DataType.FLOAT32, false).reshape(b, 2, d);
    NDArray q = pairs.get(new NDIndex(":, 0, :"));
    NDArray p = pairs.get(new NDIndex(":, 1, :"));
    Map<Integer, Integer> columns = new LinkedHashMap<>();
    Map<Integer, Integer> firstRow = new LinkedHashMap<>();
    for (int r = 0; r < b; r++) {
      int item = examples.positive(batch[r]);
      if (!columns.containsKey(item)) {
        columns.put(item, columns.size());
        firstRow.put(item, r);
      }
    }
    int c = columns.size();
    float[] selection = new float[c * b];
    firstRow.forEach((item, row) -> selection[columns.get(item) * b + row] = 1f);
    float[] mask = new float[b * c];
    float[] target = new float[b * c];
    for (int r = 0; r < b; r++) {
      int own = columns.get(examples.positive(batch[r]));
      target[r * c + own] = 1f;
      for (int other : examples.otherPositives()[batch[r]]) {
        Integer column = columns.get(other);
        if (column != null && column != own) {
          mask[r * c + column] = MASKED;
        }
      }
    }
    NDArray keys = manager.create(FloatBuffer.wrap(selection), new Shape(c, b)).matMul(p);
    NDArray logits =
        q.matMul(keys.transpose()).div(UnimeLosses.like(q, temperature)).add(manager.create(FloatBuffer.wrap(mask), new Shape(b, c)));
    return UnimeLosses.infoNceMasked(logits, manager.create(FloatBuffer.wrap(target), new Shape(b, c)), b);
  }

  @Override
  public void close() {
    model.close();
  }
}
