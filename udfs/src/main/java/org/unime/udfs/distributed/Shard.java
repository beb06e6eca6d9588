package org.unime.udfs.distributed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Spark task's part of a step's global batch: a contiguous slice of the batch's example indices.
 *
 * @param index position of the slice in the batch (0-based)
 * @param offset index in the global batch of the slice's first example
 * @param examples example indices
 */
record Shard(int index, int offset, int[] examples) implements Serializable {

  /** Splits {@code batch} into {@code parts} contiguous slices whose sizes differ by at most one. */
  static List<Shard> split(int[] batch, int parts) {
    if (parts < 1 || parts > batch.length) {
      throw new IllegalArgumentException(
          "Cannot split a batch of " + batch.length + " examples into " + parts + " shards; use 1.."
              + batch.length + " partitions");
    }
    List<Shard> shards = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      int from = (int) ((long) i * batch.length / parts);
      int to = (int) ((long) (i + 1) * batch.length / parts);
      shards.add(new Shard(i, from, Arrays.copyOfRange(batch, from, to)));
    }
    return shards;
  }
}
