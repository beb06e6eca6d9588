package org.unime.udfs.unime;

import java.util.List;
import org.unime.udfs.embed.RetrievalEvaluator;

/** The Markdown report of a training run ({@code <reports-dir>/train-<loss>.md}). */
final class RunReport {
  private RunReport() {}

  static String markdown(UnimeTraining.Result r) {
    UnimeTraining.RunSummary s = r.summary();
    StringBuilder md = new StringBuilder();
    md.append("## UniME-V2 training: ").append(r.loss()).append("\n\n")
        .append("- run: `").append(r.runId()).append('`')
        .append(r.resumedFromStep() > 0 ? " (resumed at step " + r.resumedFromStep() + ")" : "").append('\n')
        .append("- tables read (Delta path → version): ").append(r.pins()).append('\n')
        .append("- model: `").append(r.artifact().dir().toAbsolutePath().normalize()).append("` version `")
        .append(r.artifact().manifest().version()).append("`\n")
        .append(String.format(
            "- %d steps: loss %.4f → %.4f (means of the first and last 10 steps)%s%n", s.steps(), s.firstLoss(),
            s.lastLoss(),
            Double.isNaN(s.firstKl1()) ? "" : String.format("; KL(Q‖P) %.4f → %.4f", s.firstKl1(), s.lastKl1())))
        .append(String.format(
            "- throughput %.1f samples/s; communication %.0f%% of a step; per step %.2f MB down, %.2f MB up%n",
            s.samplesPerSecond(), 100 * s.communicationShare(), s.bytesDown() / 1e6, s.bytesUp() / 1e6))
        .append("- loss curve: `").append(r.lossCurve().toAbsolutePath().normalize()).append("`\n\n");
    if (!r.heldOut().isEmpty()) {
      md.append("| held-out set | queries | pool | P@1 stage-1 (base) | P@1 trained |\n|---|---:|---:|---:|---:|\n");
      List<RetrievalEvaluator.Result> base = r.heldOut().get("base");
      List<RetrievalEvaluator.Result> trained = r.heldOut().get("trained");
      for (int i = 0; i < trained.size(); i++) {
        RetrievalEvaluator.Result t = trained.get(i);
        md.append(String.format(
            "| %s | %d | %s | %.3f | %.3f |%n", t.name(), t.queries(), t.poolSize() == 0 ? "—" : t.poolSize(),
            base.get(i).recallAt1(), t.recallAt1()));
      }
    }
    return md.toString();
  }
}
