package org.unime.udfs.evaluate;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.unime.pipeline.eval.TaskGroups;

/**
 * MMEB-style tasks and how their P@1 are averaged: by meta-task (Classification, Retrieval, ...) and by
 * distribution (IND/OOD), each an unweighted mean over the tasks present, and overall as the mean over all tasks
 * (spec section 7). Tasks are loaded when scored, so that a suite of large task files (MMEB-eval, whose rows name
 * a thousand images each) never holds all their images at once.
 *
 * @param suite {@link Suites#MMEB_STYLE} or {@link Suites#MMEB_EVAL}
 * @param tasks at least one; the loaded tasks' names must be unique
 * @param metaTasks meta-task groups
 * @param distribution IND/OOD groups
 */
public record TaskSuite(String suite, List<TaskLoader> tasks, TaskGroups metaTasks, TaskGroups distribution) {

  /** Builds one task's rows (reads its file, for a file-backed task). */
  @FunctionalInterface
  public interface TaskLoader {
    RetrievalTask load() throws IOException;
  }

  public TaskSuite {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(metaTasks, "metaTasks");
    Objects.requireNonNull(distribution, "distribution");
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("Cannot make suite " + suite + ": it has no tasks (got [])");
    }
  }

  /** A suite of tasks already built. */
  public static TaskSuite of(String suite, List<RetrievalTask> tasks, TaskGroups metaTasks, TaskGroups distribution) {
    return new TaskSuite(suite, tasks.stream().<TaskLoader>map(t -> () -> t).toList(), metaTasks, distribution);
  }
}
