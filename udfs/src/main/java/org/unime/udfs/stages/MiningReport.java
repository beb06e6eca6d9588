package org.unime.udfs.stages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a mine-all run did, stage by stage: rows in and out and wall time. */
public final class MiningReport {
  /** One stage's line. */
  public record Stage(String name, long rowsIn, long rowsOut, long rejected, double seconds, String note) {}

  private final List<Stage> stages = new ArrayList<>();

  public void add(Stage stage) {
    stages.add(stage);
  }

  public List<Stage> stages() {
    return List.copyOf(stages);
  }

  public String toMarkdown() {
    StringBuilder sb = new StringBuilder("| stage | rows in | rows out | rejected | seconds | note |\n|---|---:|---:|---:|---:|---|\n");
    for (Stage s : stages) {
      sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %s |%n",
          s.name(), s.rowsIn(), s.rowsOut(), s.rejected(), s.seconds(), s.note()));
    }
    return sb.toString();
  }
}
