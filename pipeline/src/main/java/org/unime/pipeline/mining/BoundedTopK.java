package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the {@code k} best (similarity, candidate id) pairs offered for one query, in {@link
 * ScoredCandidate#BEST_FIRST} order.
 *
 * <p>The kept set is exact and independent of the offer order: ties at the boundary are decided by candidate id,
 * never by arrival. Two partial results over disjoint candidate blocks can therefore be {@link #merge merged} into
 * exactly the top-k of the union. Precondition: each candidate is offered at most once per query (blocks and
 * partitions are disjoint); a repeated id would be kept twice.
 *
 * <p>Internally a bounded binary min-heap whose root is the worst kept pair, so {@link #offer} costs O(1) for a
 * rejected pair and O(log k) for an accepted one.
 *
 * <p>Mutable and not thread-safe: use one instance per query per task. It is {@link Serializable} so that partial
 * results can be shuffled between Spark stages.
 */
public final class BoundedTopK implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int INITIAL_CAPACITY = 16;

  private final int k;
  private float[] sims;
  private String[] ids;
  private int size;

  private BoundedTopK(int k) {
    this.k = k;
    int capacity = Math.min(k, INITIAL_CAPACITY);
    this.sims = new float[capacity];
    this.ids = new String[capacity];
  }

  /** An empty top-k that keeps at most {@code k >= 1} pairs. */
  public static BoundedTopK keeping(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("Cannot create a top-k: k must be at least 1 (got " + k + ")");
    }

    return new BoundedTopK(k);
  }

  /** The maximum number of pairs kept. */
  public int k() {
    return k;
  }

  /** The number of pairs currently kept, at most {@link #k()}. */
  public int size() {
    return size;
  }

  /**
   * A cheap pre-check: false means {@link #offer} would certainly reject a pair with this similarity, whatever its
   * id. Lets a kernel skip id lookups for most scores once the top-k is full.
   */
  public boolean couldAccept(float similarity) {
    return size < k || similarity >= sims[0];
  }

  /**
   * Offers one pair; returns whether it is now kept.
   *
   * @throws IllegalArgumentException if the similarity is NaN (a NaN would make the order undefined)
   */
  public boolean offer(String candidateId, float similarity) {
    Objects.requireNonNull(candidateId, "candidateId");
    if (Float.isNaN(similarity)) {
      throw new IllegalArgumentException(
          "Cannot offer candidate " + candidateId + " to a top-k: similarity is NaN (got " + similarity + ")");
    }

    float sim = similarity + 0.0f; // fold -0.0f into +0.0f, as ScoredCandidate does
    if (size < k) {
      grow();
      sims[size] = sim;
      ids[size] = candidateId;
      siftUp(size++);
      return true;
    }

    if (worse(sim, candidateId, sims[0], ids[0])) {
      return false;
    }

    sims[0] = sim;
    ids[0] = candidateId;
    siftDown(0);
    return true;
  }

  /**
   * Adds every pair kept by {@code other}, which must cover a candidate set disjoint from this one and keep the same
   * {@code k}; afterwards this holds the exact top-k of both. {@code other} is not modified.
   */
  public BoundedTopK merge(BoundedTopK other) {
    if (other == this) {
      throw new IllegalArgumentException(
          "Cannot merge a top-k with itself: every candidate would be counted twice (got the same instance)");
    }

    if (other.k != k) {
      throw new IllegalArgumentException(
          "Cannot merge top-k results: both must keep the same k for the merge to be exact (got " + k + " and "
              + other.k + ")");
    }

    for (int i = 0; i < other.size; i++) {
      offer(other.ids[i], other.sims[i]);
    }

    return this;
  }

  /** The kept pairs, best first. A new list each call; this top-k is unchanged. */
  public List<ScoredCandidate> sortedDescending() {
    List<ScoredCandidate> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new ScoredCandidate(ids[i], sims[i]));
    }

    out.sort(ScoredCandidate.BEST_FIRST);
    return out;
  }

  /** True when pair a ranks strictly behind pair b. */
  private static boolean worse(float simA, String idA, float simB, String idB) {
    return ScoredCandidate.compareBestFirst(simA, idA, simB, idB) > 0;
  }

  private void grow() {
    if (size == sims.length) {
      int capacity = (int) Math.min((long) k, 2L * sims.length);
      sims = Arrays.copyOf(sims, capacity);
      ids = Arrays.copyOf(ids, capacity);
    }
  }

  private void siftUp(int index) {
    int i = index;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(sims[i], ids[i], sims[parent], ids[parent])) {
        return;
      }

      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int index) {
    int i = index;
    while (true) {
      int worst = i;
      int left = 2 * i + 1;
      int right = left + 1;
      if (left < size && worse(sims[left], ids[left], sims[worst], ids[worst])) {
        worst = left;
      }

      if (right < size && worse(sims[right], ids[right], sims[worst], ids[worst])) {
        worst = right;
      }

      if (worst == i) {
        return;
      }

      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    float sim = sims[a];
    sims[a] = sims[b];
    sims[b] = sim;
    String id = ids[a];
    ids[a] = ids[b];
    ids[b] = id;
  }
}
