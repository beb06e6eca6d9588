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
import org.unime.conf.TrainingSettings;
import org.unime.conf.UnimeSettings;

/**
 * {@code <reports-dir>/ablation.md} and its charts: mean ± std over the seeds of every metric, per ablation row,
 * next to the paper's ablation numbers (spec section 8) for a comparison of shape, not of level (our models and
 * sets are tiny stand-ins). Driver-only; one per ablation run.
 */
final class AblationReport {
  static final String FILE = "ablation.md";

  /** One headline column: our metric and the paper's column it stands in for. */
  record Headline(String paper, String ours, String suite, String task, String metric) {}

  static final List<Headline> HEADLINES = List.of(
      new Headline("MMEB", "MMEB-style P@1, overall", Suites.MMEB_STYLE, Suites.OVERALL, ModelScorer.P_AT_1),
      new Headline("RShort", "R@1, unseen concepts (t2i and i2t)", Suites.RECALL, Suites.OVERALL, "r@1"),
      new Headline("RLong", "— (no long-caption set)", null, null, null),
      new Headline("RCompos", "compositional accuracy", Suites.COMPOSITIONAL, Suites.OVERALL, ModelScorer.ACCURACY));

  /** Paper, Qwen2-VL-2B (spec section 8): MMEB, RShort, RLong, RCompos per row; (d) is Table 3's reranked row. */
  static final Map<String, double[]> PAPER = Map.of(
      "a", new double[] {60.1, 63.4, 82.2, 60.0},
      "b", new double[] {61.6, 68.9, 89.8, 63.7},
      "c", new double[] {63.6, 72.1, 93.4, 64.1},
      "d", new double[] {67.6, 76.4, 96.9, 94.8});

  /** Paper's MMEB by τ ([SUPP] Table 10) and by number of hard negatives. */
  static final Map<Double, Double> PAPER_TAU = Map.of(0.01, 62.1, 0.02, 63.6, 0.03, 61.9);
  static final Map<Integer, Double> PAPER_K = Map.of(4, 61.3, 6, 61.8, 8, 63.6, 10, 63.0);

  private final UnimeSettings settings;
  private final String runId;
  private final EvaluationSets sets;
  private final EvaluatedModel base;
  private final List<Ablation.Arm> arms;
  private final String rerankerId;

  AblationReport(UnimeSettings settings, String runId, EvaluationSets sets, EvaluatedModel base,
      List<Ablation.Arm> arms, String rerankerId) {
    this.settings = settings;
    this.runId = runId;
    this.sets = sets;
    this.base = base;
    this.arms = List.copyOf(arms);
    this.rerankerId = rerankerId;
  }

  /** Writes the report for the runs so far; returns its path. */
  Path write(List<Ablation.Trained> runs, double seconds) throws IOException {
    Path dir = Path.of(settings.reportsDir());
    Files.createDirectories(dir);
    StringBuilder md = new StringBuilder();
    header(md, runs, seconds);
    headline(md, runs);
    if (!runs.isEmpty()) {
      headlineChart(dir.resolve("ablation-headline.png"), runs);
      tasksChart(dir.resolve("ablation-mmeb-style.png"), runs);
      md.append("\n![headline metrics, mean ± std over seeds](ablation-headline.png)\n\n")
          .append("![MMEB-style P@1 per task, mean ± std over seeds](ablation-mmeb-style.png)\n\n");
    }
    shape(md, runs);
    sweeps(md, runs);
    everyMetric(md, runs);
    runsTable(md, runs);
    Path out = dir.resolve(FILE);
    Files.writeString(out, md.toString());
    return out;
  }

  private void header(StringBuilder md, List<Ablation.Trained> runs, double seconds) {
    TrainingSettings t = settings.training();
    int planned = arms.size() * settings.evaluation().ablation().seeds().size();
    md.append("# Ablation: in-batch vs hard negatives vs UniME-V2\n\n")
        .append("- run: `").append(runId).append("`, updated ").append(Instant.now()).append(", ")
        .append(runs.size()).append(" of ").append(planned).append(" training runs done")
        .append(String.format(Locale.ROOT, ", wall time so far %.0f s (%.1f min)%n", seconds, seconds / 60))
        .append("- stage-1 embedder: `").append(t.baseModelUri()).append("` version `").append(base.version())
        .append("`\n- mined table and items read by training (Delta path → version): ")
        .append(runs.isEmpty() ? "(no run yet)" : runs.get(0).training().pins()).append('\n')
        .append("- held-out sets read from: ").append(sets.tables()).append('\n')
        .append(String.format(Locale.ROOT, "- training: %d steps of %d queries, lr %s, warm-up %d, τ %s, k %d,"
            + " %d partitions; seeds %s%n", t.steps(), t.batchSize(), t.learningRate(), t.warmupSteps(),
            t.temperature(), t.negatives(), t.partitions(), settings.evaluation().ablation().seeds()))
        .append("- results table: `").append(settings.evaluation().table()).append("` (run id above)\n")
        .append("- numbers are percent, mean ± sample std over the seeds; the paper's are Qwen2-VL-2B (spec §8)."
            + " Our metrics stand in for the paper's columns (docs/results.md): compare the shape — which row"
            + " wins, by how much relative to the spread — not the level.\n\n");
  }

  private void headline(StringBuilder md, List<Ablation.Trained> runs) {
    md.append("## Headline\n\n| row |");
    HEADLINES.forEach(h -> md.append(" ").append(h.ours()).append(" |"));
    HEADLINES.forEach(h -> md.append(" paper ").append(h.paper()).append(" |"));
    md.append("\n|---|").append("---:|".repeat(2 * HEADLINES.size())).append('\n');
    md.append("| stage-1 embedder (where every row starts) |");
    for (Headline h : HEADLINES) {
      Double v = h.suite() == null ? null : base.value(h.suite(), h.task(), h.metric());
      md.append(v == null ? " n/a |" : String.format(Locale.ROOT, " %.1f |", 100 * v));
    }
    md.append(" — | — | — | — |\n");
    for (String key : List.of("a", "b", "c")) {
      Ablation.Arm arm = arms.stream().filter(a -> a.key().equals(key)).findFirst().orElseThrow();
      md.append("| ").append(arm.label()).append(" |");
      for (Headline h : HEADLINES) {
        md.append(' ').append(cell(runs, arm, h.suite(), h.task(), h.metric())).append(" |");
      }
      paper(md, key);
    }
    md.append("| (d) (c) + reranker |");
    if (rerankerId == null) {
      md.append(" pending reranker | pending reranker | n/a | pending reranker |");
    } else {
      Ablation.Arm c = arms.stream().filter(a -> a.key().equals("c")).findFirst().orElseThrow();
      md.append(' ').append(cell(runs, c, Suites.RERANK, Suites.MMEB_STYLE + ":" + Suites.OVERALL, "p@1-after"))
          .append(" | n/a | n/a | n/a |");
    }
    paper(md, "d");
  }

  private static void paper(StringBuilder md, String key) {
    for (double v : PAPER.get(key)) {
      md.append(String.format(Locale.ROOT, " %.1f |", v));
    }
    md.append('\n');
  }

  /** Same order as the paper's (a) < (b) < (c)? Per headline metric, with the spread for scale. */
  private void shape(StringBuilder md, List<Ablation.Trained> runs) {
    md.append("\n### Shape against the paper\n\nThe paper has (a) < (b) < (c) on every column.\n\n");
    for (Headline h : HEADLINES) {
      if (h.suite() == null) {
        continue;
      }
      Map<String, SeedStats> stats = new LinkedHashMap<>();
      for (String key : List.of("a", "b", "c")) {
        Ablation.Arm arm = arms.stream().filter(a -> a.key().equals(key)).findFirst().orElseThrow();
        SeedStats s = stats(runs, arm, h.suite(), h.task(), h.metric());
        if (s != null) {
          stats.put(key, s);
        }
      }
      if (stats.size() < 3) {
        continue;
      }
      List<String> order = stats.entrySet().stream()
          .sorted((x, y) -> Double.compare(x.getValue().mean(), y.getValue().mean())).map(Map.Entry::getKey).toList();
      double spread = stats.values().stream().mapToDouble(SeedStats::std).max().orElse(0);
      double range = stats.values().stream().mapToDouble(SeedStats::mean).max().orElse(0)
          - stats.values().stream().mapToDouble(SeedStats::mean).min().orElse(0);
      md.append(String.format(Locale.ROOT, "- %s: ours (%s) < (%s) < (%s)%s; the means span %.1f points, the"
              + " largest seed std is %.1f points%s.%n", h.ours(), order.get(0), order.get(1), order.get(2),
          order.equals(List.of("a", "b", "c")) ? ", the paper's order" : ", not the paper's order",
          100 * range, 100 * spread, range <= 2 * spread ? " (within about two std: not separated by these seeds)"
              : ""));
    }
  }

  private void sweeps(StringBuilder md, List<Ablation.Trained> runs) {
    Ablation.Arm c = arms.stream().filter(a -> a.key().equals("c")).findFirst().orElseThrow();
    List<Ablation.Arm> tau = arms.stream().filter(a -> a.temperature() != null).toList();
    if (!tau.isEmpty()) {
      md.append("\n## τ sweep (unime-v2)\n\n| τ | MMEB-style P@1 | paper MMEB |\n|---:|---:|---:|\n");
      sweepRow(md, runs, c, settings.training().temperature(), PAPER_TAU.get(settings.training().temperature()));
      tau.forEach(a -> sweepRow(md, runs, a, a.temperature(), PAPER_TAU.get(a.temperature())));
    }
    List<Ablation.Arm> ks = arms.stream().filter(a -> a.negatives() != null).toList();
    if (!ks.isEmpty()) {
      md.append("\n## Hard negatives per query (unime-v2)\n\n| k | MMEB-style P@1 | paper MMEB |\n|---:|---:|---:|\n");
      sweepRow(md, runs, c, settings.training().negatives(), PAPER_K.get(settings.training().negatives()));
      ks.forEach(a -> sweepRow(md, runs, a, a.negatives(), PAPER_K.get(a.negatives())));
    }
  }

  private static void sweepRow(StringBuilder md, List<Ablation.Trained> runs, Ablation.Arm arm, Object value,
      Double paper) {
    md.append("| ").append(value).append(" | ")
        .append(cell(runs, arm, Suites.MMEB_STYLE, Suites.OVERALL, ModelScorer.P_AT_1)).append(" | ")
        .append(paper == null ? "—" : String.format(Locale.ROOT, "%.1f", paper)).append(" |\n");
  }

  private void everyMetric(StringBuilder md, List<Ablation.Trained> runs) {
    md.append("\n## Every metric on the held-out splits (percent, mean ± std over seeds)\n\n| suite | task | metric |"
        + " n | stage-1 |");
    arms.forEach(a -> md.append(' ').append(a.label()).append(" |"));
    md.append("\n|---|---|---|---:|---:|").append("---:|".repeat(arms.size())).append('\n');
    Map<String, MetricValue> keys = new LinkedHashMap<>();
    base.metrics().forEach(m -> keys.putIfAbsent(m.key(), m));
    runs.forEach(r -> r.model().metrics().forEach(m -> keys.putIfAbsent(m.key(), m)));
    for (MetricValue m : keys.values()) {
      Double b = base.value(m.suite(), m.task(), m.metric());
      md.append("| ").append(m.suite()).append(" | `").append(m.task()).append("` | ").append(m.metric())
          .append(" | ").append(m.queries()).append(" | ")
          .append(b == null ? "—" : String.format(Locale.ROOT, "%.1f", 100 * b)).append(" |");
      arms.forEach(a -> md.append(' ').append(cell(runs, a, m.suite(), m.task(), m.metric())).append(" |"));
      md.append('\n');
    }
  }

  private static void runsTable(StringBuilder md, List<Ablation.Trained> runs) {
    md.append("\n## Training runs\n\n| row | seed | model version | train s | eval s | loss first → last 10 steps |"
        + " held-out P@1 (training's own check) |\n|---|---:|---|---:|---:|---|---:|\n");
    for (Ablation.Trained r : runs) {
      md.append(String.format(Locale.ROOT, "| %s | %d | `%s` | %.0f | %.0f | %.3f → %.3f | %.3f |%n",
          r.arm().label(), r.seed(), r.model().version(), r.trainSeconds(), r.model().seconds(),
          r.training().summary().firstLoss(), r.training().summary().lastLoss(), r.training().heldOutP1("trained")));
    }
  }

  private void headlineChart(Path png, List<Ablation.Trained> runs) throws IOException {
    List<Headline> shown = HEADLINES.stream().filter(h -> h.suite() != null
        && base.value(h.suite(), h.task(), h.metric()) != null).toList();
    List<String> categories = shown.stream().map(Headline::ours).toList();
    List<BarChart.Series> series = new ArrayList<>();
    series.add(new BarChart.Series("stage-1", shown.stream()
        .mapToDouble(h -> base.value(h.suite(), h.task(), h.metric())).toArray(), null));
    for (Ablation.Arm arm : arms) {
      double[] mean = new double[shown.size()];
      double[] std = new double[shown.size()];
      for (int i = 0; i < shown.size(); i++) {
        SeedStats s = stats(runs, arm, shown.get(i).suite(), shown.get(i).task(), shown.get(i).metric());
        mean[i] = s == null ? Double.NaN : s.mean();
        std[i] = s == null ? Double.NaN : s.std();
      }
      series.add(new BarChart.Series(arm.label(), mean, std));
    }
    BarChart.write(png, "Ablation: headline metrics (mean ± std over seeds)", "fraction", categories, series);
  }

  /** MMEB-style P@1 per task (and the overall mean), stage-1 and every row with its spread. */
  private void tasksChart(Path png, List<Ablation.Trained> runs) throws IOException {
    List<String> tasks = base.metrics().stream()
        .filter(m -> m.suite().equals(Suites.MMEB_STYLE) && m.metric().equals(ModelScorer.P_AT_1)
            && !m.task().startsWith("meta/") && !m.task().startsWith("dist/"))
        .map(MetricValue::task).toList();
    if (tasks.isEmpty()) {
      return;
    }
    List<BarChart.Series> series = new ArrayList<>();
    series.add(new BarChart.Series("stage-1", tasks.stream()
        .mapToDouble(t -> base.value(Suites.MMEB_STYLE, t, ModelScorer.P_AT_1)).toArray(), null));
    for (Ablation.Arm arm : arms) {
      double[] mean = new double[tasks.size()];
      double[] std = new double[tasks.size()];
      for (int i = 0; i < tasks.size(); i++) {
        SeedStats s = stats(runs, arm, Suites.MMEB_STYLE, tasks.get(i), ModelScorer.P_AT_1);
        mean[i] = s == null ? Double.NaN : s.mean();
        std[i] = s == null ? Double.NaN : s.std();
      }
      series.add(new BarChart.Series(arm.label(), mean, std));
    }
    BarChart.write(png, "Ablation: MMEB-style P@1 per held-out task (mean ± std over seeds)", "P@1",
        tasks.stream().map(EvaluationReport::shortName).toList(), series);
  }

  private static String cell(List<Ablation.Trained> runs, Ablation.Arm arm, String suite, String task, String metric) {
    if (suite == null) {
      return "n/a";
    }
    SeedStats s = stats(runs, arm, suite, task, metric);
    return s == null ? "—" : s.percent() + (s.n() < 2 ? " (1 seed)" : "");
  }

  static SeedStats stats(List<Ablation.Trained> runs, Ablation.Arm arm, String suite, String task, String metric) {
    List<Double> values = runs.stream().filter(r -> r.arm().equals(arm))
        .map(r -> r.model().value(suite, task, metric)).filter(v -> v != null).toList();
    return values.isEmpty() ? null : SeedStats.of(values);
  }
}
