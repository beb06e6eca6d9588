package org.unime.udfs.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The trainable part of the built-in embedder (see {@link EmbedderArchitecture}): the image CNN with its head, the
 * text head over frozen MiniLM features, and the head for the text part of image+text items.
 *
 * <p>Input ({@link RowBatch#toInputs}): {@code [images (Ni,3,s,s), text features (Nt,384), context features (Nc,384),
 * image selection (R,Ni), text selection (R,Nt), context selection (R,Nc)]}; a part with no items is a
 * {@code (0, …)}-shaped array and is skipped. Row r of the output is
 * {@code L2(Σ selection[r,·] · part embeddings)}, shape {@code (R, dimension)}. Forward passes are thread-safe for
 * inference (parameters are only read).
 */
final class EmbedderNetwork extends AbstractBlock {
  private static final byte VERSION = 1;

  private final EmbedderArchitecture architecture;
  private final SequentialBlock image;
  private final SequentialBlock text;
  private final Linear context;

  EmbedderNetwork(EmbedderArchitecture a) {
    super(VERSION);
    this.architecture = a;
    this.image =
        addChildBlock(
            "image",
            new SequentialBlock()
                .add(conv(a.channels1()))
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(conv(a.channels2()))
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(conv(a.channels3()))
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(a.imageHidden()).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(a.dimension()).build()));
    this.text =
        addChildBlock(
            "text",
            new SequentialBlock()
                .add(Linear.builder().setUnits(a.textHidden()).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(a.dimension()).build()));
    this.context = addChildBlock("context", Linear.builder().setUnits(a.dimension()).build());
  }

  EmbedderArchitecture architecture() {
    return architecture;
  }

  /** Initialises every parameter (call under {@code TrainingLock.initializeSeeded} for seeded weights). */
  Shape[] inputShapes() {
    int s = architecture.imageSize();
    return new Shape[] {
      new Shape(1, 3, s, s),
      new Shape(1, MiniLmEncoder.DIMENSION),
      new Shape(1, MiniLmEncoder.DIMENSION),
      new Shape(1, 1),
      new Shape(1, 1),
      new Shape(1, 1)
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    image.initialize(manager, dataType, inputShapes[0]);
    text.initialize(manager, dataType, inputShapes[1]);
    context.initialize(manager, dataType, inputShapes[2]);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray sum = null;
    sum = addPart(sum, image, store, inputs.get(0), inputs.get(3), training);
    sum = addPart(sum, text, store, inputs.get(1), inputs.get(4), training);
    sum = addPart(sum, context, store, inputs.get(2), inputs.get(5), training);
    if (sum == null) {
      throw new IllegalArgumentException("Cannot embed an empty batch");
    }
    // A manager-held floor, not maximum(Number): autograd keeps the operand (see UnimeLosses.like).
    NDArray norm = sum.norm(new int[] {1}, true).maximum(sum.getManager().create(1e-12f));
    return new NDList(sum.div(norm));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[3].get(0), architecture.dimension())};
  }

  private static NDArray addPart(
      NDArray sum, ai.djl.nn.Block part, ParameterStore store, NDArray items, NDArray selection, boolean training) {
    if (items.getShape().get(0) == 0) {
      return sum;
    }
    NDArray embedded = part.forward(store, new NDList(items), training).singletonOrThrow();
    NDArray rows = selection.matMul(embedded);
    return sum == null ? rows : sum.add(rows);
  }

  private static Conv2d conv(int channels) {
    return Conv2d.builder()
        .setFilters(channels)
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .build();
  }
}
