package org.unime.udfs.judge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Pairwise accuracy on near variants: for a query, its positive {@code p} and a near variant {@code v} of {@code p}
 * (a different concept differing in one attribute, see {@link NearVariant}), a scorer is correct iff
 * {@code score(q, p) > score(q, v)} (strictly, as in the reference SugarCrepe evaluation; ties are wrong).
 *
 * <p>A triple belongs to split {@code S} when its query is in {@code S}, or when its positive and variant both are
 * (a training-split text query judged against unseen-vendor images). The triples are grouped by (query, positive),
 * so each scorer call scores {@code [p, v1, v2, ...]} together. Cases are drawn in a seeded order and each
 * {@link NearVariant} kind is capped separately, so rare kinds (x vs x-off) are not drowned by skin tones; every
 * scorer sees exactly the same triples.
 */
public final class PairwiseEvaluation {
  private PairwiseEvaluation() {}

  /** One (query, positive) and the variants it is compared with. */
  public record Case(CorpusItem query, CorpusItem positive, List<JudgeCorpus.Variant> variants) {}

  /**
   * Accuracy of one scorer on one split.
   *
   * @param byKind correct and total count per near-variant kind
   * @param outcomes per triple, in case and variant order, whether the scorer got it right (for paired comparisons
   *     of two scorers on the same cases)
   */
  public record Result(
      String scorer, String split, int correct, int total, Map<NearVariant, int[]> byKind, boolean[] outcomes) {
    public double accuracy() {
      return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** Half-width of the 95% normal-approximation confidence interval. */
    public double ci95() {
      double p = accuracy();
      return total == 0 ? Double.NaN : 1.96 * Math.sqrt(p * (1 - p) / total);
    }

    public double accuracy(NearVariant kind) {
      int[] c = byKind.get(kind);
      return c == null || c[1] == 0 ? Double.NaN : (double) c[0] / c[1];
    }
  }

  /**
   * The cases of a split in a seeded order, keeping at most {@code maxPerKind} triples of each kind (0 = all).
   */
  public static List<Case> cases(JudgeCorpus corpus, String split, int maxPerKind, long seed) {
    List<Case> all = new ArrayList<>();
    for (CorpusItem q : corpus.queries()) {
      Set<String> positiveIds = new HashSet<>(q.positiveIds());
      for (CorpusItem p : corpus.positives(q)) {
        boolean queryIn = q.split().equals(split);
        List<JudgeCorpus.Variant> variants = new ArrayList<>();
        for (JudgeCorpus.Variant v : corpus.variants(p)) {
          boolean held = queryIn || (p.split().equals(split) && v.item().split().equals(split));
          if (held && !positiveIds.contains(v.item().id())) {
            variants.add(v);
          }
        }
        if (!variants.isEmpty()) {
          all.add(new Case(q, p, variants));
        }
      }
    }
    Collections.shuffle(all, new Random(seed));
    if (maxPerKind <= 0) {
      return all;
    }
    Map<NearVariant, Integer> taken = new EnumMap<>(NearVariant.class);
    List<Case> kept = new ArrayList<>();
    for (Case c : all) {
      List<JudgeCorpus.Variant> room = new ArrayList<>();
      for (JudgeCorpus.Variant v : c.variants()) {
        if (taken.getOrDefault(v.kind(), 0) < maxPerKind) {
          taken.merge(v.kind(), 1, Integer::sum);
          room.add(v);
        }
      }
      if (!room.isEmpty()) {
        kept.add(new Case(c.query(), c.positive(), room));
      }
    }
    return kept;
  }

  /**
   * Paired comparison of two results on the same cases: {@code [a right and b wrong, b right and a wrong]}.
   */
  public static int[] discordant(Result a, Result b) {
    if (a.outcomes().length != b.outcomes().length) {
      throw new IllegalArgumentException(
          "Cannot compare results: they cover " + a.outcomes().length + " and " + b.outcomes().length + " triples");
    }
    int[] out = new int[2];
    for (int i = 0; i < a.outcomes().length; i++) {
      out[0] += a.outcomes()[i] && !b.outcomes()[i] ? 1 : 0;
      out[1] += b.outcomes()[i] && !a.outcomes()[i] ? 1 : 0;
    }
    return out;
  }

  /**
   * Two-sided exact McNemar test: the probability, if both scorers were equally good, of a split of the discordant
   * triples at least as uneven as {@code b} vs {@code c}.
   */
  public static double mcNemarP(int b, int c) {
    int n = b + c;
    if (n == 0) {
      return 1.0;
    }
    double tail = 0;
    double logHalfN = n * Math.log(0.5);
    for (int i = 0; i <= Math.min(b, c); i++) {
      tail += Math.exp(logChoose(n, i) + logHalfN);
    }
    return Math.min(1.0, 2 * tail);
  }

  private static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  /** Scores every case with {@code scorer}. */
  public static Result evaluate(List<Case> cases, String split, PairScorer scorer) {
    int correct = 0;
    int total = 0;
    Map<NearVariant, int[]> byKind = new EnumMap<>(NearVariant.class);
    List<Boolean> outcomes = new ArrayList<>();
    for (Case c : cases) {
      List<CorpusItem> candidates = new ArrayList<>(c.variants().size() + 1);
      candidates.add(c.positive());
      c.variants().forEach(v -> candidates.add(v.item()));
      float[] scores = scorer.score(c.query(), candidates);
      for (int i = 0; i < c.variants().size(); i++) {
        boolean right = scores[0] > scores[i + 1];
        int[] k = byKind.computeIfAbsent(c.variants().get(i).kind(), x -> new int[2]);
        k[0] += right ? 1 : 0;
        k[1]++;
        correct += right ? 1 : 0;
        total++;
        outcomes.add(right);
      }
    }
    boolean[] flags = new boolean[outcomes.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = outcomes.get(i);
    }
    return new Result(scorer.name(), split, correct, total, byKind, flags);
  }
}
