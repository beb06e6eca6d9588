package org.unime.udfs.train;

/**
 * Which examples each step trains on: every epoch is a fresh seeded permutation of all examples, cut into full
 * batches (the incomplete tail of an epoch is skipped, so every step has exactly {@code batchSize} examples and the
 * tail is different every epoch). The state needed to regenerate the current epoch is the RNG state at its start,
 * which {@link Checkpoint} stores. Mutable, not thread-safe.
 */
final class DataOrder {
  private final int exampleCount;
  private final int batchSize;
  private final int batchesPerEpoch;
  private int epoch;
  private long epochStartState;
  private long nextEpochStartState;
  private int[] order;

  DataOrder(long seed, int exampleCount, int batchSize) {
    if (exampleCount < batchSize) {
      throw new IllegalArgumentException(
          "Cannot train: the task has " + exampleCount + " examples, fewer than one batch of " + batchSize
              + "; lower the batch size or add data");
    }
    this.exampleCount = exampleCount;
    this.batchSize = batchSize;
    this.batchesPerEpoch = exampleCount / batchSize;
    restore(0, TrainingRandom.derive(seed, 0x0DA7A0DE5L));
  }

  /** The example indices of the batch for 0-based step {@code step}; steps must not go back past the epoch start. */
  int[] batch(int step) {
    int wanted = step / batchesPerEpoch;
    if (wanted < epoch) {
      throw new IllegalStateException(
          "Cannot rewind the data order to epoch " + wanted + " from epoch " + epoch + "; restore a checkpoint");
    }
    while (epoch < wanted) {
      restore(epoch + 1, nextEpochStartState);
    }
    int[] batch = new int[batchSize];
    System.arraycopy(order, (step % batchesPerEpoch) * batchSize, batch, 0, batchSize);
    return batch;
  }

  /** Positions the order at the start of {@code epochIndex}, whose RNG state at start was {@code state}. */
  void restore(int epochIndex, long state) {
    TrainingRandom random = new TrainingRandom(state);
    this.order = random.permutation(exampleCount);
    this.epoch = epochIndex;
    this.epochStartState = state;
    this.nextEpochStartState = random.state();
  }

  int epochOf(int step) {
    return step / batchesPerEpoch;
  }

  int batchInEpoch(int step) {
    return step % batchesPerEpoch;
  }

  int epoch() {
    return epoch;
  }

  long epochStartState() {
    return epochStartState;
  }

  int batchesPerEpoch() {
    return batchesPerEpoch;
  }
}
