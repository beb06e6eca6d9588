package org.unime.pipeline.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SugarCrepe-style accuracy (spec §7): an item is correct iff sim(image, true caption) > sim(image, negative)
 * strictly; a subset's accuracy is correct items / items, and a group's is the unweighted mean of its subsets'
 * accuracies (SugarCrepe: Replace = mean of replace_obj/att/rel, Swap = swap_obj/att, Add = add_obj/att).
 */
public final class CompositionalAccuracy {
  private CompositionalAccuracy() {}

  /**
   * Per-subset accuracy (subsets in first-seen order) and group means.
   *
   * @param scores one per item; must not be empty
   * @param groups how subsets group, e.g. {@link TaskGroups#sugarCrepe()}
   */
  public static Result score(List<PairScore> scores, TaskGroups groups) {
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("Cannot score compositional pairs: there are none (got 0 items)");
    }
    Map<String, TaskAccuracy.Tally> tallies = new LinkedHashMap<>();
    for (PairScore s : scores) {
      TaskAccuracy.Tally tally = tallies.computeIfAbsent(s.subset(), TaskAccuracy.Tally::new);
      if (s.correct()) {
        tally.hit();
      } else {
        tally.miss();
      }
    }
    List<TaskAccuracy> subsets = new ArrayList<>();
    tallies.values().forEach(t -> subsets.add(t.build()));
    return new Result(subsets, groups.means(TaskAccuracy.accuracies(subsets)));
  }

  /**
   * Per-subset accuracies and group means.
   *
   * @param subsets one per subset that had items
   * @param groups one per group with at least one scored subset
   */
  public record Result(List<TaskAccuracy> subsets, List<GroupScore> groups) {
    public Result {
      subsets = List.copyOf(subsets);
      groups = List.copyOf(groups);
    }

    /** The mean of the group means (the paper's RCompos over Replace/Swap/Add). */
    public double meanOfGroups() {
      if (groups.isEmpty()) {
        throw new IllegalStateException("Cannot average compositional groups: no group had a scored subset (got "
            + subsets.stream().map(TaskAccuracy::task).toList() + ")");
      }
      return groups.stream().mapToDouble(GroupScore::mean).average().orElseThrow();
    }
  }
}
