package org.unime.udfs.judge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Training groups for the judge: one per (query, positive) of the training split, each with the positive's near
 * variants, plus per-style pools to draw random negatives from. Labels: the positive is "Yes", every other candidate
 * "No".
 *
 * <p>Immutable; {@link #candidates} draws a group's candidate list from a seed, so a training step is reproducible.
 */
final class JudgeGroups {
  /** A query, one of its positives, and the positive's near variants that are not positives of the query. */
  record Group(CorpusItem query, CorpusItem positive, List<JudgeCorpus.Variant> variants) {}

  private final JudgeCorpus corpus;
  private final List<Group> groups;
  private final Map<String, List<CorpusItem>> pools = new HashMap<>();

  private JudgeGroups(JudgeCorpus corpus, List<Group> groups) {
    this.corpus = corpus;
    this.groups = List.copyOf(groups);
    for (CorpusItem c : corpus.candidates()) {
      pools.computeIfAbsent(JudgeCorpus.styleGroup(c), k -> new ArrayList<>()).add(c);
    }
  }

  /**
   * Groups of every query of the corpus, shuffled with {@code seed} and cut to {@code max} (0 = all). When
   * {@code nearVariantShare} is above the natural share of groups that have near variants, those groups are repeated
   * until they make up that share of the list (the data order then visits them more often).
   */
  static JudgeGroups of(JudgeCorpus corpus, int max, double nearVariantShare, long seed) {
    List<Group> all = new ArrayList<>();
    for (CorpusItem q : corpus.queries()) {
      List<CorpusItem> positives = corpus.positives(q);
      Set<String> positiveIds = new HashSet<>(q.positiveIds());
      for (CorpusItem p : positives) {
        List<JudgeCorpus.Variant> variants = new ArrayList<>();
        for (JudgeCorpus.Variant v : corpus.variants(p)) {
          if (!positiveIds.contains(v.item().id())) {
            variants.add(v);
          }
        }
        all.add(new Group(q, p, variants));
      }
    }
    Random random = new Random(seed);
    Collections.shuffle(all, random);
    List<Group> kept = max > 0 && all.size() > max ? new ArrayList<>(all.subList(0, max)) : all;
    return new JudgeGroups(corpus, oversample(kept, nearVariantShare, random));
  }

  private static List<Group> oversample(List<Group> groups, double share, Random random) {
    List<Group> withVariants = groups.stream().filter(g -> !g.variants().isEmpty()).toList();
    int others = groups.size() - withVariants.size();
    if (withVariants.isEmpty() || share >= 1.0 || (double) withVariants.size() / groups.size() >= share) {
      return groups;
    }
    long wanted = Math.round(share * others / (1.0 - share));
    List<Group> out = new ArrayList<>(groups);
    for (long i = withVariants.size(); i < wanted; i++) {
      out.add(withVariants.get((int) (i % withVariants.size())));
    }
    Collections.shuffle(out, random);
    return out;
  }

  List<Group> groups() {
    return groups;
  }

  int size() {
    return groups.size();
  }

  /**
   * The group's candidates, positive first: up to {@code maxNear} near variants (a seeded sample when there are
   * more), then random candidates of the positive's modality and style that are neither positives of the query nor
   * the positive's concept, up to {@code size}.
   */
  List<CorpusItem> candidates(Group g, int size, int maxNear, SplittableRandom random) {
    List<CorpusItem> out = new ArrayList<>(size);
    out.add(g.positive());
    Set<String> used = new HashSet<>(g.query().positiveIds());
    used.add(g.positive().id());
    List<JudgeCorpus.Variant> near = new ArrayList<>(g.variants());
    for (int i = 0; i < Math.min(maxNear, near.size()); i++) {
      int pick = i + random.nextInt(near.size() - i);
      Collections.swap(near, i, pick);
      CorpusItem v = near.get(i).item();
      if (used.add(v.id())) {
        out.add(v);
      }
    }
    List<CorpusItem> pool = pools.get(JudgeCorpus.styleGroup(g.positive()));
    String positiveConcept = corpus.concept(g.positive());
    for (int attempts = 0; out.size() < size && attempts < 50 * size; attempts++) {
      CorpusItem c = pool.get(random.nextInt(pool.size()));
      if (!corpus.concept(c).equals(positiveConcept) && used.add(c.id())) {
        out.add(c);
      }
    }
    if (out.size() == 1) {
      throw new IllegalStateException(
          "Cannot build a training group for query " + g.query().id() + ": no candidate of style "
              + JudgeCorpus.styleGroup(g.positive()) + " can serve as a negative");
    }
    while (out.size() < size) {
      // A tiny pool: repeat negatives rather than shrink the group (every group in a batch has the same size).
      out.add(out.get(1 + random.nextInt(Math.max(1, out.size() - 1))));
    }
    return out;
  }
}
