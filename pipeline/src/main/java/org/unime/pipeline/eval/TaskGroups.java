package org.unime.pipeline.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named groups of tasks whose scores are averaged without weights (spec §7: a meta-task score is the plain mean of
 * its datasets' accuracies, however many rows each has). Immutable; a task may belong to several groupings (MMEB's
 * meta-tasks and its IND/OOD split are two {@code TaskGroups}) but to one group within each.
 */
public final class TaskGroups {
  private final Map<String, List<String>> groups;

  private TaskGroups(Map<String, List<String>> groups) {
    this.groups = groups;
  }

  /** MMEB's four meta-tasks: Classification (10), VQA (10), Retrieval (12), Grounding (4). */
  public static TaskGroups mmebMetaTasks() {
    return builder()
        .group("Classification", "ImageNet-1K", "N24News", "HatefulMemes", "VOC2007", "SUN397", "Place365",
            "ImageNet-A", "ImageNet-R", "ObjectNet", "Country211")
        .group("VQA", "OK-VQA", "A-OKVQA", "DocVQA", "InfographicsVQA", "ChartQA", "Visual7W", "ScienceQA", "VizWiz",
            "GQA", "TextVQA")
        .group("Retrieval", "VisDial", "CIRR", "VisualNews_t2i", "VisualNews_i2t", "MSCOCO_t2i", "MSCOCO_i2t",
            "NIGHTS", "WebQA", "FashionIQ", "Wiki-SS-NQ", "OVEN", "EDIS")
        .group("Grounding", "MSCOCO", "RefCOCO", "RefCOCO-Matching", "Visual7W-Pointing")
        .build();
  }

  /** MMEB's in-distribution (20 datasets seen in MMEB-train) and out-of-distribution (16) split. */
  public static TaskGroups mmebDistribution() {
    return builder()
        .group("IND", "ImageNet-1K", "N24News", "HatefulMemes", "VOC2007", "SUN397", "OK-VQA", "A-OKVQA", "DocVQA",
            "InfographicsVQA", "ChartQA", "Visual7W", "VisDial", "CIRR", "VisualNews_t2i", "VisualNews_i2t",
            "MSCOCO_t2i", "MSCOCO_i2t", "NIGHTS", "WebQA", "MSCOCO")
        .group("OOD", "Place365", "ImageNet-A", "ImageNet-R", "ObjectNet", "Country211", "ScienceQA", "VizWiz", "GQA",
            "TextVQA", "FashionIQ", "Wiki-SS-NQ", "OVEN", "EDIS", "RefCOCO", "RefCOCO-Matching", "Visual7W-Pointing")
        .build();
  }

  /** SugarCrepe: Replace = obj/att/rel, Swap = obj/att, Add = obj/att. */
  public static TaskGroups sugarCrepe() {
    return builder()
        .group("Replace", "replace_obj", "replace_att", "replace_rel")
        .group("Swap", "swap_obj", "swap_att")
        .group("Add", "add_obj", "add_att")
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Group name → its tasks, in insertion order. */
  public Map<String, List<String>> groups() {
    return groups;
  }

  /**
   * The mean of each group over its tasks that have a score. Groups with no scored task are left out (their
   * absence is visible, unlike a mean of nothing); a partly scored group lists what it {@linkplain
   * GroupScore#missing() missed}. Scores of tasks in no group are ignored here (they still count in
   * {@link #overall}).
   */
  public List<GroupScore> means(Map<String, Double> taskScores) {
    List<GroupScore> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> g : groups.entrySet()) {
      List<String> present = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      double sum = 0.0;
      for (String task : g.getValue()) {
        Double score = taskScores.get(task);
        if (score == null) {
          missing.add(task);
        } else {
          present.add(task);
          sum += score;
        }
      }
      if (!present.isEmpty()) {
        out.add(new GroupScore(g.getKey(), sum / present.size(), present, missing));
      }
    }
    return out;
  }

  /**
   * The unweighted mean over every task score given. The reference averages the meta-task lists plus IND/OOD,
   * which counts each dataset twice and gives this same value for the full 36.
   */
  public static double overall(Map<String, Double> taskScores) {
    if (taskScores.isEmpty()) {
      throw new IllegalArgumentException("Cannot average task scores: there are none (got {})");
    }
    return taskScores.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  /** Collects groups; {@link #build()} checks that no task is in two groups. Not thread-safe. */
  public static final class Builder {
    private final Map<String, List<String>> groups = new LinkedHashMap<>();

    private Builder() {}

    public Builder group(String name, String... tasks) {
      return group(name, List.of(tasks));
    }

    public Builder group(String name, List<String> tasks) {
      Objects.requireNonNull(name, "name");
      if (tasks.isEmpty()) {
        throw new IllegalArgumentException("Cannot add task group " + name + ": it has no tasks (got [])");
      }
      if (groups.putIfAbsent(name, List.copyOf(tasks)) != null) {
        throw new IllegalArgumentException("Cannot add task group " + name + ": the name is taken (got " + name + ")");
      }
      return this;
    }

    public TaskGroups build() {
      Map<String, String> owner = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> g : groups.entrySet()) {
        for (String task : g.getValue()) {
          String previous = owner.put(task, g.getKey());
          if (previous != null) {
            throw new IllegalArgumentException("Cannot build task groups: task " + task + " is in both " + previous
                + " and " + g.getKey() + " (got " + task + ")");
          }
        }
      }
      if (groups.isEmpty()) {
        throw new IllegalArgumentException("Cannot build task groups: none was added (got 0 groups)");
      }
      return new TaskGroups(Collections.unmodifiableMap(new LinkedHashMap<>(groups)));
    }
  }
}
