package org.unime.udfs.judge;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;

/**
 * Judge throughput benchmark (not a unit test; run by scripts/bench-judge.sh): judged (query, candidate) pairs per
 * second with the KV prefix cache ({@link JudgeModel#score}) and without it ({@link
 * MiniJudge#scoreWithoutPrefixReuse}, every candidate's whole sequence), on real emoji queries with {@code
 * candidates} candidates each (the paper's 50). Image-to-text and text-to-image queries alternate. Then the same
 * queries with their first few candidates only (a refresh's shape), one query per call vs packed by {@link
 * JudgeModel#scoreQueries}.
 *
 * <p>Arguments: {@code <out.json> [artifact-uri|-] [queries] [candidates] [batch-size]}. Without an artifact the
 * default architecture is used with seeded random weights (throughput does not depend on the weights).
 */
public final class JudgeThroughputBench {
  private JudgeThroughputBench() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/results/judge-throughput.json");
    String uri = args.length > 1 ? args[1] : "-";
    int queries = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    int candidates = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 50;

    RealData data = RealData.load(base -> true, -1, -1);
    List<CorpusItem> texts = new ArrayList<>();
    List<CorpusItem> images = new ArrayList<>();
    for (CorpusItem c : data.candidates) {
      (c.hasImage() ? images : texts).add(c);
    }
    Random random = new Random(42);
    List<CorpusItem> picked = new ArrayList<>(data.queries);
    java.util.Collections.shuffle(picked, random);
    List<CorpusItem> i2t = picked.stream().filter(CorpusItem::hasImage).limit(queries / 2 + 1).toList();
    List<CorpusItem> t2i = picked.stream().filter(q -> !q.hasImage()).limit(queries / 2 + 1).toList();
    List<JudgeItem> qs = new ArrayList<>();
    List<List<JudgeItem>> cs = new ArrayList<>();
    for (int i = 0; qs.size() < queries; i++) {
      boolean imageQuery = i % 2 == 0;
      CorpusItem q = (imageQuery ? i2t : t2i).get(i / 2);
      List<CorpusItem> pool = imageQuery ? texts : images;
      List<JudgeItem> list = new ArrayList<>();
      for (int k = 0; k < candidates; k++) {
        list.add(pool.get(random.nextInt(pool.size())).toJudgeItem());
      }
      qs.add(q.toJudgeItem());
      cs.add(list);
    }

    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        MiniJudge judge = open(uri, manager, batch)) {
      // Warm-up: JIT, libtorch allocator, encoder caches.
      judge.score(qs.get(0), cs.get(0));
      judge.scoreWithoutPrefixReuse(qs.get(1), cs.get(1));
      double withReuse = pairsPerSecond(qs, cs, (q, c) -> judge.score(q, c));
      double without = pairsPerSecond(qs, cs, judge::scoreWithoutPrefixReuse);
      double withReuse2 = pairsPerSecond(qs, cs, (q, c) -> judge.score(q, c));
      double reuse = Math.max(withReuse, withReuse2);
      // A refresh's shape: many queries with a few new pairs each (ten slices of each query's list), scored one query
      // at a time or packed.
      List<JudgeModel.QueryCandidates> few = new ArrayList<>();
      for (int i = 0; i < qs.size() * 10; i++) {
        int q = i % qs.size();
        int from = (i / qs.size()) * FEW % Math.max(1, cs.get(q).size() - FEW);
        List<JudgeItem> slice = cs.get(q).subList(from, Math.min(from + FEW, cs.get(q).size()));
        few.add(new JudgeModel.QueryCandidates(qs.get(q), slice));
      }
      double fewAlone = pairsPerSecond(few, groups -> {
        List<float[]> scores = new ArrayList<>();
        for (JudgeModel.QueryCandidates g : groups) {
          scores.add(judge.score(g.query(), g.candidates()));
        }
        return scores;
      });
      double fewPacked = pairsPerSecond(few, judge::scoreQueries);
      int prefixLength;
      try (PrefixHandle p = judge.encodeQuery(qs.get(0))) {
        prefixLength = p.length();
      }
      MiniJudgeConfig c = judge.config();
      String json =
          String.format(
              Locale.ROOT,
              "{%n  \"benchmark\": \"judge-throughput\",%n  \"created\": \"%s\",%n  \"model\": \"%s\","
                  + "%n  \"architecture\": {\"dim\": %d, \"heads\": %d, \"layers\": %d, \"ffn_dim\": %d,"
                  + " \"image_size\": %d, \"patch_size\": %d},%n  \"cpu_cores\": %d,%n  \"queries\": %d,%n"
                  + "  \"candidates_per_query\": %d,%n  \"batch_size\": %d,%n  \"image_query_prefix_positions\": %d,%n"
                  + "  \"pairs_per_second_with_prefix_reuse\": %.1f,%n"
                  + "  \"pairs_per_second_without_prefix_reuse\": %.1f,%n  \"speedup\": %.2f,%n"
                  + "  \"few_candidates_per_query\": %d,%n  \"few_pairs_per_second_one_query_per_call\": %.1f,%n"
                  + "  \"few_pairs_per_second_packed\": %.1f%n}%n",
              Instant.now(), judge.id() + "@" + judge.version().substring(0, Math.min(12, judge.version().length())),
              c.dim(), c.heads(), c.layers(), c.ffnDim(), c.imageSize(), c.patchSize(),
              Runtime.getRuntime().availableProcessors(), queries, candidates, batch, prefixLength, reuse, without,
              reuse / without, FEW, fewAlone, fewPacked);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, json, StandardCharsets.UTF_8);
      System.out.print(json);
      System.out.printf(
          Locale.ROOT,
          "%n| mode | pairs/s | %n|---|---|%n| with prefix reuse (KV cache) | %.1f |%n| without (full sequence per"
              + " candidate) | %.1f |%n| speedup | %.2fx |%n| %d candidates per query, one query per call | %.1f |%n"
              + "| %d candidates per query, queries packed (scoreQueries) | %.1f |%n",
          reuse, without, reuse / without, FEW, fewAlone, FEW, fewPacked);
    }
  }

  private static MiniJudge open(String uri, NDManager manager, int batch) {
    if (!uri.equals("-")) {
      return MiniJudge.load(ModelArtifact.open(uri), DeviceSpec.CPU, batch);
    }
    MiniJudgeVocabulary vocabulary = MiniJudgeVocabulary.full();
    MiniJudgeConfig config = MiniJudgeConfig.defaults(vocabulary.size());
    return new MiniJudge("mini-judge-random", "seed-42", MiniJudgeNet.initialise(config, manager, 42),
        new MiniJudgeEncoder(config, vocabulary), manager.newSubManager(), batch, List.of());
  }

  /** Candidates per query in the refresh-shaped measurement (a refresh after 1% new rows judged about 6.5). */
  private static final int FEW = 6;

  private static double pairsPerSecond(
      List<JudgeModel.QueryCandidates> groups, java.util.function.Function<List<JudgeModel.QueryCandidates>,
          List<float[]>> scorer) {
    scorer.apply(groups.subList(0, Math.min(4, groups.size())));
    long start = System.nanoTime();
    long pairs = 0;
    for (float[] scores : scorer.apply(groups)) {
      pairs += scores.length;
    }
    return pairs / ((System.nanoTime() - start) / 1e9);
  }

  private interface Scorer {
    float[] score(JudgeItem query, List<JudgeItem> candidates);
  }

  private static double pairsPerSecond(List<JudgeItem> qs, List<List<JudgeItem>> cs, Scorer scorer) {
    long start = System.nanoTime();
    long pairs = 0;
    for (int i = 0; i < qs.size(); i++) {
      pairs += scorer.score(qs.get(i), cs.get(i)).length;
    }
    return pairs / ((System.nanoTime() - start) / 1e9);
  }
}
