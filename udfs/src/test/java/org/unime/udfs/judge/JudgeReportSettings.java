package org.unime.udfs.judge;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Settings and JSON helpers shared by the judge's benchmark runners (not tests). */
final class JudgeReportSettings {
  private JudgeReportSettings() {}

  /**
   * The values proposed for {@code unime.judge.training} in docs/judge.md, with {@code steps} steps; system
   * properties {@code judge.lr}, {@code judge.share}, {@code judge.listwise} and {@code judge.groups} override them
   * for experiments.
   */
  static JudgeTrainingSettings judge(int steps) {
    double lr = Double.parseDouble(System.getProperty("judge.lr", "2e-3"));
    double share = Double.parseDouble(System.getProperty("judge.share", "0.95"));
    double listwise = Double.parseDouble(System.getProperty("judge.listwise", "2.0"));
    int groups = Integer.getInteger("judge.groups", 16);
    return new JudgeTrainingSettings(
        MiniJudgeConfig.defaults(2), steps, groups, 8, 7, lr, Math.max(1, steps / 20), 0.01, 1.0, listwise, 0, share,
        42, 50);
  }

  /** A small JSON writer for maps, lists, numbers and strings (enough for the reports). */
  static String toJson(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, "");
    return sb.toString();
  }

  private static void write(Object value, StringBuilder sb, String indent) {
    if (value instanceof Map<?, ?> map) {
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(indent).append("  \"").append(e.getKey()).append("\": ");
        write(e.getValue(), sb, indent + "  ");
        sb.append(++i < map.size() ? ",\n" : "\n");
      }
      sb.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) instanceof Map) {
          sb.append('\n').append(indent).append("  ");
          write(list.get(i), sb, indent + "  ");
        } else {
          write(list.get(i), sb, indent);
        }
        sb.append(i + 1 < list.size() ? ", " : "");
      }
      sb.append(']');
    } else if (value instanceof Double d) {
      sb.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.4f", d) : "null");
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else {
      sb.append('"').append(String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
  }
}
