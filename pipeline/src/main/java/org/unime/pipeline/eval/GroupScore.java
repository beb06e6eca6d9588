package org.unime.pipeline.eval;

import java.util.List;
import java.util.Objects;

/**
 * The unweighted mean of a group's task scores.
 *
 * @param group group name, e.g. {@code Classification} or {@code Replace}
 * @param mean mean of the scores of {@code tasks}
 * @param tasks the group's tasks that had a score, in the group's order (at least one)
 * @param missing the group's tasks that had none; non-empty means the mean is not comparable to the paper's
 */
public record GroupScore(String group, double mean, List<String> tasks, List<String> missing) {

  public GroupScore {
    Objects.requireNonNull(group, "group");
    tasks = List.copyOf(tasks);
    missing = List.copyOf(missing);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("Cannot make group score " + group + ": no task has a score (got missing "
          + missing + ")");
    }
  }

  /** Whether every task of the group was scored. */
  public boolean complete() {
    return missing.isEmpty();
  }
}
