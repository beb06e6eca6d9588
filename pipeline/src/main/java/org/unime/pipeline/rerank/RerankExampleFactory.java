package org.unime.pipeline.rerank;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.unime.pipeline.mining.SplitMix64;

/**
 * Builds a query's reranker training examples (spec §6): pair+ (query, positive) → Yes; pair− (query, the first
 * chosen negative) → No; a list of the first x chosen negatives with the positive inserted at a drawn position →
 * "(position)". Which negatives are "chosen" is {@link RerankSettings#negativeChoice()}; a negative equal to the
 * positive (a data error upstream) is never used, since it would make the list's answer ambiguous.
 *
 * <p>Positions are drawn from a stream keyed by (seed, query id), so the result depends on neither query order nor
 * partitioning; a trainer passes a per-step seed to redraw positions each time a query comes round (the reference
 * redraws per {@code __getitem__}). Immutable and thread-safe.
 */
public final class RerankExampleFactory implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RerankSettings settings;

  private RerankExampleFactory(RerankSettings settings) {
    this.settings = settings;
  }

  public static RerankExampleFactory create(RerankSettings settings) {
    return new RerankExampleFactory(Objects.requireNonNull(settings, "settings"));
  }

  public RerankSettings settings() {
    return settings;
  }

  /** Whether {@code query} has a usable negative; queries without one (an empty mining pool) cannot be trained on. */
  public boolean canBuild(MinedQuery query) {
    return !usableNegatives(query).isEmpty();
  }

  /**
   * The three examples of {@code query}, positions drawn from the stream of (seed, query id).
   *
   * @throws IllegalArgumentException when the query has no usable negative ({@link #canBuild} is false)
   */
  public QueryExamples examplesFor(MinedQuery query, long seed) {
    List<String> chosen = chosenNegatives(query);
    PairExample positive = new PairExample(query.queryId(), query.positiveId(), PairLabel.YES);
    PairExample negative = new PairExample(query.queryId(), chosen.get(0), PairLabel.NO);
    List<String> list = new ArrayList<>(chosen.subList(0, Math.min(settings.listSize(), chosen.size())));
    SplitMix64 random = SplitMix64.forKey(seed, query.queryId());
    int position = settings.positions().draw(random, list.size(), settings.listSize());
    list.add(position - 1, query.positiveId());
    return new QueryExamples(positive, negative, new ListExample(query.queryId(), list, position));
  }

  /**
   * The query's negatives in the order examples take them: stored order (repeats kept) for
   * {@link NegativeChoice#FIRST_STORED}; highest judge score first, ties in stored order, each id once, for
   * {@link NegativeChoice#HIGHEST_SCORE}. The first is the pair− candidate.
   */
  public List<String> chosenNegatives(MinedQuery query) {
    List<Integer> usable = usableNegatives(query);
    if (usable.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot build reranker examples for query " + query.queryId() + ": it has no hard negative other than"
              + " its positive (got " + query.negativeIds().size() + " stored negatives)");
    }
    if (settings.negativeChoice() == NegativeChoice.HIGHEST_SCORE) {
      // A stable sort keeps stored order among equal scores.
      usable.sort(Comparator.comparingDouble((Integer i) -> query.negativeScores().get(i)).reversed());
      Set<String> seen = new LinkedHashSet<>();
      for (int i : usable) {
        seen.add(query.negativeIds().get(i));
      }
      return List.copyOf(seen);
    }
    return usable.stream().map(i -> query.negativeIds().get(i)).toList();
  }

  private static List<Integer> usableNegatives(MinedQuery query) {
    List<Integer> out = new ArrayList<>(query.negativeIds().size());
    for (int i = 0; i < query.negativeIds().size(); i++) {
      if (!query.negativeIds().get(i).equals(query.positiveId())) {
        out.add(i);
      }
    }
    return out;
  }
}
