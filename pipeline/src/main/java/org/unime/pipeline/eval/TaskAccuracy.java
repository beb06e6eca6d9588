package org.unime.pipeline.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Correct over total for one task (an MMEB dataset, a SugarCrepe subset...). Accuracy is a fraction in [0, 1]; the
 * reference prints percentages.
 *
 * @param task task name, e.g. {@code ImageNet-1K} or {@code replace_obj}
 * @param correct rows scored correct
 * @param total rows scored; at least 1, since an empty task has no accuracy and must not average in as 0
 */
public record TaskAccuracy(String task, long correct, long total) {

  public TaskAccuracy {
    Objects.requireNonNull(task, "task");
    if (total < 1) {
      throw new IllegalArgumentException("Cannot score task " + task + ": it has no rows (got total " + total + ")");
    }
    if (correct < 0 || correct > total) {
      throw new IllegalArgumentException(
          "Cannot score task " + task + ": correct must be within 0.." + total + " (got " + correct + ")");
    }
  }

  public double accuracy() {
    return (double) correct / total;
  }

  /** Task name → accuracy, in list order; the input of {@link TaskGroups#means}. */
  public static Map<String, Double> accuracies(List<TaskAccuracy> tasks) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (TaskAccuracy t : tasks) {
      if (out.put(t.task(), t.accuracy()) != null) {
        throw new IllegalArgumentException("Cannot collect accuracies: task " + t.task() + " appears twice (got "
            + t.task() + ")");
      }
    }
    return out;
  }

  /** Counts one task's rows as they stream past. Not thread-safe. */
  public static final class Tally {
    private final String task;
    private long correct;
    private long total;

    public Tally(String task) {
      this.task = Objects.requireNonNull(task, "task");
    }

    public Tally hit() {
      correct++;
      total++;
      return this;
    }

    public Tally miss() {
      total++;
      return this;
    }

    /** Fails when no row was counted: an empty task is a broken input, not an accuracy of 0. */
    public TaskAccuracy build() {
      return new TaskAccuracy(task, correct, total);
    }
  }
}
