package org.unime.udfs.judge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.unime.udfs.model.DeviceSpec;

/** Scratch runner for tuning (not a test): trains on real data and prints held-out pairwise accuracy. */
public final class JudgeExperiment {
  private JudgeExperiment() {}

  public static void main(String[] args) throws Exception {
    int steps = Integer.parseInt(args.length > 0 ? args[0] : "300");
    int emojiMod = Integer.parseInt(args.length > 1 ? args[1] : "1");
    int icons = Integer.parseInt(args.length > 2 ? args[2] : "1500");
    double lr = Double.parseDouble(args.length > 3 ? args[3] : "1e-3");
    int maxNear = Integer.parseInt(args.length > 4 ? args[4] : "7");
    double share = Double.parseDouble(args.length > 5 ? args[5] : "0.8");
    long t0 = System.nanoTime();
    RealData data = RealData.load(b -> Math.floorMod(b.hashCode(), emojiMod) == 0, icons, icons);
    System.out.printf("loaded %d candidates, %d queries in %.1f s%n", data.candidates.size(), data.queries.size(),
        (System.nanoTime() - t0) / 1e9);
    JudgeTrainingSettings settings =
        new JudgeTrainingSettings(MiniJudgeConfig.defaults(2), steps, 16, 8, maxNear, lr, steps / 20, 0.01, 1.0, 1.0, 0,
            share, 42, 25);
    Path out = Files.createTempDirectory("judge-exp");
    JudgeTrainer.Result result =
        JudgeTrainer.train(data.candidates, data.queries, settings, out.resolve("judge").toString(), Map.of());
    System.out.printf("trained %d steps in %.1f s, %.1f pairs/s, loss %.4f -> %.4f, groups %d%n",
        result.summary().steps(), result.summary().seconds(), result.pairsPerSecond(), result.summary().firstLoss(),
        result.summary().lastLoss(), result.groups());
    JudgeCorpus corpus = new JudgeCorpus(data.candidates, data.queries);
    try (MiniJudge judge = MiniJudge.load(result.artifact(), DeviceSpec.CPU, 32)) {
      for (String split : List.of("train", "eval-unseen-concept", "eval-unseen-vendor")) {
        List<PairwiseEvaluation.Case> cases = PairwiseEvaluation.cases(corpus, split, 1500, 7);
        long t1 = System.nanoTime();
        PairwiseEvaluation.Result r = PairwiseEvaluation.evaluate(cases, split, PairScorer.of(judge));
        System.out.printf("%s: acc %.3f ± %.3f (%d triples) %s in %.1f s%n", split, r.accuracy(), r.ci95(), r.total(),
            kinds(r), (System.nanoTime() - t1) / 1e9);
      }
    }
  }

  private static String kinds(PairwiseEvaluation.Result r) {
    StringBuilder sb = new StringBuilder();
    r.byKind().forEach((k, v) -> sb.append(k.wireName()).append('=').append(String.format("%.3f", (double) v[0] / v[1]))
        .append('/').append(v[1]).append(' '));
    return sb.toString();
  }
}
