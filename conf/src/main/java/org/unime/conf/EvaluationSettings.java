package org.unime.conf;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation of embedding models ({@code unime.evaluation.*}, spec section 7): where the results go, how the
 * MMEB-style candidate lists and recall@k are built, the optional public benchmark files, and the ablation runner
 * ({@code ablation}). Built once on the driver; plain values only. docs/results.md describes every metric.
 *
 * @param table Delta table of the results, merged on (model version, suite, task, metric)
 * @param maxCandidates candidates per MMEB-style row, the ground truth included; 0 = the whole pool
 * @param recallKs the k of recall@k, ascending
 * @param mllib count P@1 and recall@k with Spark MLlib's RankingMetrics as well, and fail when the counts differ
 * @param rerankDepth how many of the embedder's top candidates a reranker reorders
 * @param imageInstruction text given with each image of the Karpathy and SugarCrepe sets
 * @param mmeb MMEB-eval task files, if configured
 * @param karpathy a Karpathy-split caption file (Flickr30K, COCO), if configured
 * @param sugarCrepe SugarCrepe subset files, if configured
 * @param ablation the {@code ablation} command's runs
 */
public record EvaluationSettings(
    String table,
    int maxCandidates,
    List<Integer> recallKs,
    boolean mllib,
    int rerankDepth,
    String imageInstruction,
    BenchmarkDir mmeb,
    Karpathy karpathy,
    BenchmarkDir sugarCrepe,
    Ablation ablation)
    implements Serializable {

  public EvaluationSettings {
    recallKs = List.copyOf(recallKs);
  }

  /**
   * A folder of benchmark files and the root their relative image paths resolve against.
   *
   * @param dir the folder; empty = not configured
   * @param imageRoot root of the relative image paths; empty = paths are used as written
   */
  public record BenchmarkDir(String dir, String imageRoot) implements Serializable {
    public boolean configured() {
      return !dir.isEmpty();
    }
  }

  /**
   * A Karpathy-split JSON file ({@code dataset_flickr30k.json}, {@code dataset_coco.json}).
   *
   * @param file the file; empty = not configured
   * @param imageRoot root of the images' {@code filepath/filename}
   * @param split the split read
   * @param maxCaptionsPerImage captions kept per image (COCO: 5)
   */
  public record Karpathy(String file, String imageRoot, String split, int maxCaptionsPerImage)
      implements Serializable {
    public boolean configured() {
      return !file.isEmpty();
    }
  }

  /**
   * The ablation runner: rows (a) in-batch, (b) hard-negatives-only, (c) unime-v2, each trained once per seed.
   *
   * @param seeds training seeds; every row is trained once per seed
   * @param outputDir folder of the ablation's models ({@code <outputDir>/<run>/<loss>})
   * @param runDir folder of the ablation's training runs ({@code <runDir>/<run>/<loss>})
   * @param temperatureSweep also train unime-v2 at each of {@code temperatures}
   * @param temperatures τ values of the sweep
   * @param negativesSweep also train unime-v2 with each of {@code negatives} hard negatives
   * @param negatives k values of the sweep
   */
  public record Ablation(
      List<Long> seeds,
      String outputDir,
      String runDir,
      boolean temperatureSweep,
      List<Double> temperatures,
      boolean negativesSweep,
      List<Integer> negatives)
      implements Serializable {
    public Ablation {
      seeds = List.copyOf(seeds);
      temperatures = List.copyOf(temperatures);
      negatives = List.copyOf(negatives);
    }
  }

  static EvaluationSettings from(ConfigReader r) {
    String p = "unime.evaluation.";
    String table = r.string(p + "table");
    if (table.isBlank()) {
      r.problem(p + "table", table, "must name a folder");
    }
    int maxCandidates = r.intAtLeast(p + "max-candidates", 0);
    if (maxCandidates == 1) {
      r.problem(p + "max-candidates", maxCandidates, "must be 0 (the whole pool) or at least 2");
    }
    List<Integer> ks = ints(r, p + "recall-ks", 1);
    if (ks.isEmpty() || !ks.equals(ks.stream().distinct().sorted().toList())) {
      r.problem(p + "recall-ks", ks, "must be a non-empty ascending list without repeats");
    }
    return new EvaluationSettings(
        table,
        maxCandidates,
        ks,
        r.bool(p + "mllib"),
        r.intAtLeast(p + "rerank-depth", 2),
        r.string(p + "image-instruction"),
        new BenchmarkDir(r.optionalString(p + "mmeb.dir"), r.optionalString(p + "mmeb.image-root")),
        new Karpathy(
            r.optionalString(p + "karpathy.file"), r.optionalString(p + "karpathy.image-root"),
            r.string(p + "karpathy.split"), r.intAtLeast(p + "karpathy.max-captions-per-image", 1)),
        new BenchmarkDir(r.optionalString(p + "sugar-crepe.dir"), r.optionalString(p + "sugar-crepe.image-root")),
        ablation(r, p + "ablation."));
  }

  private static Ablation ablation(ConfigReader r, String p) {
    List<Long> seeds = new ArrayList<>();
    for (String raw : r.stringList(p + "seeds")) {
      try {
        seeds.add(Long.parseLong(raw.trim()));
      } catch (NumberFormatException e) {
        r.problem(p + "seeds", raw, "must be a list of integers");
      }
    }
    if (seeds.isEmpty() || seeds.size() != seeds.stream().distinct().count()) {
      r.problem(p + "seeds", seeds, "must be a non-empty list without repeats");
    }
    List<Double> temperatures = new ArrayList<>();
    for (String raw : r.stringList(p + "temperatures")) {
      double t = parseDouble(raw);
      if (!(t >= 1e-4 && t < 100.0)) {
        r.problem(p + "temperatures", raw, "must be a list of numbers in [1e-4, 100)");
      } else {
        temperatures.add(t);
      }
    }
    List<Integer> negatives = ints(r, p + "negatives", 1);
    for (String key : new String[] {"output-dir", "run-dir"}) {
      if (r.string(p + key).isBlank()) {
        r.problem(p + key, "", "must name a folder");
      }
    }
    return new Ablation(
        seeds, r.string(p + "output-dir"), r.string(p + "run-dir"), r.bool(p + "temperature-sweep"), temperatures,
        r.bool(p + "negatives-sweep"), negatives);
  }

  private static List<Integer> ints(ConfigReader r, String key, int min) {
    List<Integer> out = new ArrayList<>();
    for (String raw : r.stringList(key)) {
      try {
        int v = Integer.parseInt(raw.trim());
        if (v < min) {
          r.problem(key, raw, "must hold integers >= " + min);
        } else {
          out.add(v);
        }
      } catch (NumberFormatException e) {
        r.problem(key, raw, "must be a list of integers");
      }
    }
    return out;
  }

  private static double parseDouble(String raw) {
    try {
      return Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
