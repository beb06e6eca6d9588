package org.unime.udfs.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.unime.conf.EvaluationSettings;

/**
 * The {@code evaluate} report, {@code <reports-dir>/evaluation.md}: the models, one table per suite (rows = tasks
 * and their group means, columns = models) and PNG bar charts of the main comparisons beside it
 * ({@code evaluation-<suite>.png}). Stateless.
 */
final class EvaluationReport {
  static final String FILE = "evaluation.md";

  private EvaluationReport() {}

  /** Writes the report and its charts into {@code dir}; returns the report's path. */
  static Path write(Path dir, String runId, EvaluationSets sets, List<EvaluatedModel> models, String rerankerId,
      EvaluationSettings e) throws IOException {
    Files.createDirectories(dir);
    StringBuilder md = new StringBuilder("# Embedding evaluation\n\n");
    md.append("- run: `").append(runId).append("`, finished ").append(Instant.now()).append('\n')
        .append("- held-out sets read from (Delta path → version): ").append(sets.tables()).append('\n')
        .append("- results table: `").append(e.table()).append("` (one row per model version, suite, task, metric)\n")
        .append("- P@1 and recall@k counted by the pipeline's metric classes").append(e.mllib()
            ? " and recounted by Spark MLlib's RankingMetrics (the two agree)" : "").append('\n')
        .append("- MMEB-style rows: ground truth + ").append(e.maxCandidates() == 0 ? "the whole pool"
            : "at most " + (e.maxCandidates() - 1) + " distractors").append("; recall k = ").append(e.recallKs())
        .append("\n- how each set is built and what each metric means: docs/results.md\n\n");
    models(md, models);
    section(md, dir, models, Suites.MMEB_STYLE, "MMEB-style P@1 on the held-out splits",
        "P@1 per task; `meta/` are meta-task means, `dist/` IND/OOD means, `overall` the mean over tasks"
            + " (all unweighted).", m -> m.metric().equals(ModelScorer.P_AT_1), "P@1");
    section(md, dir, models, Suites.RECALL, "Image↔text recall@k on the unseen concepts",
        "Per dataset: its unseen-concept images (image + instruction) against its unseen-concept labels; t2i = a"
            + " label finds any of its images, i2t = an image finds its label. `overall` = mean over the datasets"
            + " (`r@k`: over both directions).", m -> m.metric().endsWith("-r@1"), "recall@1");
    section(md, dir, models, Suites.COMPOSITIONAL, "Compositional pairs on the held-out images",
        "Accuracy = the image is closer to its caption than to the one-detail negative (strictly); groups are"
            + " unweighted means of their subsets, `overall` the mean of the groups.",
        m -> m.task().startsWith("group/") || m.task().equals(Suites.OVERALL), "accuracy");
    section(md, dir, models, Suites.MMEB_EVAL, "MMEB-eval P@1", "The configured MMEB-eval task files, unchanged.",
        m -> m.metric().equals(ModelScorer.P_AT_1), "P@1");
    section(md, dir, models, Suites.KARPATHY, "Karpathy-split recall@k", "The configured caption file.",
        m -> m.metric().endsWith("-r@1"), "recall@1");
    section(md, dir, models, Suites.SUGAR_CREPE, "SugarCrepe", "The configured subset files.",
        m -> m.task().startsWith("group/") || m.task().equals(Suites.OVERALL), "accuracy");
    md.append("## Rerank gain\n\n");
    if (rerankerId == null) {
      md.append("Pending reranker: no reranker was given. `Reranker` (udfs/evaluate) is the extension point;"
          + " `EvaluateJob.reranker` is where the reranker of udfs/rerank is plugged in.\n");
    } else {
      md.append("Reranker `").append(rerankerId).append("` reorders the embedder's top ").append(e.rerankDepth())
          .append(" of each MMEB-style row.\n\n");
      table(md, models, Suites.RERANK);
    }
    Path out = dir.resolve(FILE);
    Files.writeString(out, md.toString());
    return out;
  }

  private static void models(StringBuilder md, List<EvaluatedModel> models) {
    md.append("## Models\n\n| label | model | version | loss | seed | uri | seconds |\n|---|---|---|---|---:|---|---:|\n");
    for (EvaluatedModel m : models) {
      md.append(String.format(Locale.ROOT, "| %s | %s | `%s` | %s | %s | `%s` | %.0f |%n", m.ref().label(),
          m.modelId(), m.version(), m.ref().loss() == null ? "—" : m.ref().loss(),
          m.ref().seed() == null ? "—" : m.ref().seed(), m.ref().uri(), m.seconds()));
    }
    md.append('\n');
  }

  private static void section(StringBuilder md, Path dir, List<EvaluatedModel> models, String suite, String title,
      String note, Predicate<MetricValue> charted, String yLabel) throws IOException {
    if (models.stream().noneMatch(m -> m.metrics().stream().anyMatch(v -> v.suite().equals(suite)))) {
      return;
    }
    md.append("## ").append(title).append("\n\n").append(note).append("\n\n");
    table(md, models, suite);
    String png = "evaluation-" + suite + ".png";
    chart(dir.resolve(png), title, yLabel, models, suite, charted);
    md.append("\n![").append(title).append("](").append(png).append(")\n\n");
  }

  /** Rows = (task, metric) in first-seen order over all models; columns = models. */
  static void table(StringBuilder md, List<EvaluatedModel> models, String suite) {
    Map<String, MetricValue> rows = rows(models, suite, m -> true);
    md.append("| task | metric | n |");
    models.forEach(m -> md.append(' ').append(m.ref().label()).append(" |"));
    md.append("\n|---|---|---:|").append("---:|".repeat(models.size())).append('\n');
    for (MetricValue row : rows.values()) {
      boolean group = row.task().startsWith("meta/") || row.task().startsWith("dist/")
          || row.task().startsWith("group/");
      String task = row.task().equals(Suites.OVERALL) ? "**overall**" : "`" + row.task() + "`";
      md.append("| ").append(group ? task + " (mean)" : task).append(" | ")
          .append(row.metric()).append(" | ").append(row.queries()).append(" |");
      for (EvaluatedModel m : models) {
        Double v = m.value(suite, row.task(), row.metric());
        md.append(v == null ? " — |" : String.format(Locale.ROOT, " %.3f |", v));
      }
      md.append('\n');
    }
  }

  private static void chart(Path png, String title, String yLabel, List<EvaluatedModel> models, String suite,
      Predicate<MetricValue> charted) throws IOException {
    Map<String, MetricValue> rows = rows(models, suite, charted);
    List<String> categories = new ArrayList<>();
    rows.values().forEach(r -> categories.add(shortName(r.metric().endsWith("-r@1") ? r.task() + " " + r.metric()
        : r.task())));
    List<BarChart.Series> series = new ArrayList<>();
    for (EvaluatedModel m : models) {
      double[] values = rows.values().stream()
          .mapToDouble(r -> {
            Double v = m.value(suite, r.task(), r.metric());
            return v == null ? Double.NaN : v;
          }).toArray();
      series.add(new BarChart.Series(m.ref().label(), values, null));
    }
    BarChart.write(png, title, yLabel, categories, series);
  }

  /** Chart labels: {@code i2t/emoji/eval-unseen-concept} → {@code i2t/emoji/unseen-concept}. */
  static String shortName(String task) {
    return task.replace("eval-unseen-", "unseen-");
  }

  private static Map<String, MetricValue> rows(List<EvaluatedModel> models, String suite, Predicate<MetricValue> keep) {
    Map<String, MetricValue> rows = new LinkedHashMap<>();
    for (EvaluatedModel m : models) {
      for (MetricValue v : m.metrics()) {
        if (v.suite().equals(suite) && keep.test(v)) {
          rows.putIfAbsent(v.task() + "\u0000" + v.metric(), v);
        }
      }
    }
    return rows;
  }
}
