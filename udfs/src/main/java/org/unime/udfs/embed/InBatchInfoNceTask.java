package org.unime.udfs.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.unime.udfs.train.BatchContext;
import org.unime.udfs.train.TrainingTask;

/**
 * Stage-1 pretraining objective: in-batch InfoNCE from each query to its positive. The batch's candidates are the
 * distinct positives of its examples; every other candidate is a negative for a query, except candidates that are
 * also positives of that query (masked out, e.g. Tabler's outline and filled icon of one concept). With
 * {@code z = cos(q, c) / τ}:
 *
 * <pre>
 *   loss = mean_b ( logsumexp_j (z_bj + mask_bj) − z_b,target(b) )
 * </pre>
 *
 * <p>Examples are (query, one positive) pairs over {@link PreparedItems}; the same candidate is shared by many
 * queries (Fashion-MNIST's ten class names), which the dedup turns into one column. With augmentation on, every
 * image is augmented afresh each time it is used ({@link ImageAugmenter}), drawn from the step's seed so a resumed
 * run sees the same images.
 */
final class InBatchInfoNceTask implements TrainingTask {
  private static final float MASKED = -1e4f;

  private final EmbedderNetwork network;
  private final PreparedItems items;
  private final int[] queries;
  private final int[] positives;
  private final int[][] otherPositives;
  private final float temperature;
  private final ImageAugmenter augmenter;

  /** {@code otherPositives[e]} lists the item indices of example e's query's positives besides its own. */
  InBatchInfoNceTask(
      EmbedderNetwork network, PreparedItems items, int[] queries, int[] positives, int[][] otherPositives,
      double temperature, boolean augment) {
    this.network = network;
    this.items = items;
    this.queries = queries;
    this.positives = positives;
    this.otherPositives = otherPositives;
    this.temperature = (float) temperature;
    this.augmenter = augment ? new ImageAugmenter(network.architecture().imageSize()) : null;
  }

  private byte[] image(int item, SplittableRandom random) {
    byte[] pixels = items.image(item);
    return pixels == null || augmenter == null ? pixels : augmenter.augment(pixels, random);
  }

  @Override
  public Block block() {
    return network;
  }

  @Override
  public int exampleCount() {
    return queries.length;
  }

  @Override
  public NDArray loss(BatchContext context, int[] examples) {
    int b = examples.length;
    Map<Integer, Integer> columns = new LinkedHashMap<>();
    for (int e : examples) {
      columns.putIfAbsent(positives[e], columns.size());
    }
    int c = columns.size();
    RowBatch rows = new RowBatch(3 * network.architecture().imageSize() * network.architecture().imageSize());
    SplittableRandom random = new SplittableRandom(context.seed());
    for (int e : examples) {
      rows.add(image(queries[e], random), items.text(queries[e]));
    }
    for (int item : columns.keySet()) {
      rows.add(image(item, random), items.text(item));
    }
    float[] mask = new float[b * c];
    float[] target = new float[b * c];
    for (int r = 0; r < b; r++) {
      int e = examples[r];
      int own = columns.get(positives[e]);
      target[r * c + own] = 1f;
      for (int other : otherPositives[e]) {
        Integer column = columns.get(other);
        if (column != null && column != own) {
          mask[r * c + column] = MASKED;
        }
      }
    }
    NDList inputs = rows.toInputs(context.manager(), network.architecture().imageSize());
    NDArray embedded = network.forward(context.parameterStore(), inputs, true).singletonOrThrow();
    NDArray q = embedded.get(new NDIndex("0:" + b));
    NDArray k = embedded.get(new NDIndex(b + ":"));
    NDArray logits =
        q.matMul(k.transpose())
            // A manager-held scalar, not div(Number): see UnimeLosses.like for the autograd pitfall.
            .div(context.manager().create((float) temperature))
            .add(context.manager().create(FloatBuffer.wrap(mask), new Shape(b, c)));
    NDArray logProbabilities = logits.logSoftmax(1);
    NDArray onehot = context.manager().create(FloatBuffer.wrap(target), new Shape(b, c));
    return logProbabilities.mul(onehot).sum(new int[] {1}).neg().mean();
  }
}
