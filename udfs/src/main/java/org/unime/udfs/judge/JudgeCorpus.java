package org.unime.udfs.judge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Candidates and queries held in memory, indexed for the judge's trainer and evaluator: candidate by id, each
 * candidate's concept, and its near variants ({@link NearVariant}).
 *
 * <p>A candidate's concept is what it denotes, independent of modality and image style: the emoji's code points
 * ({@code source.unified}), the icon's name ({@code source.name}), or else its own text. Two candidates are near
 * variants when they belong to the same dataset, have the same modality and image style (emoji vendor or icon
 * style), denote different concepts, and share a {@link NearVariant} key.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class JudgeCorpus {
  /** A near variant of a candidate and the attribute it differs in. */
  public record Variant(NearVariant kind, CorpusItem item) {}

  private final Map<String, CorpusItem> candidates = new LinkedHashMap<>();
  private final List<CorpusItem> queries;
  private final Map<String, String> concept = new HashMap<>();
  private final Map<String, List<Variant>> variants = new HashMap<>();

  public JudgeCorpus(Collection<CorpusItem> candidateRows, Collection<CorpusItem> queryRows) {
    candidateRows.forEach(c -> candidates.put(c.id(), c));
    this.queries = List.copyOf(queryRows);
    Map<String, String> labels = new HashMap<>();
    for (CorpusItem c : candidates.values()) {
      String name = conceptName(c);
      concept.put(c.id(), c.dataset() + ":" + name);
      if (!c.hasImage() && c.text() != null) {
        labels.put(c.dataset() + ":" + name, c.text());
      }
    }
    indexVariants(labels);
  }

  public Collection<CorpusItem> candidates() {
    return candidates.values();
  }

  public List<CorpusItem> queries() {
    return queries;
  }

  /** The candidate with this id, or null. */
  public CorpusItem candidate(String id) {
    return candidates.get(id);
  }

  /** Dataset-qualified concept of a candidate (e.g. {@code emoji:1F44B-1F3FD}, {@code tabler:bell-off}). */
  public String concept(CorpusItem candidate) {
    return concept.get(candidate.id());
  }

  /** Near variants of a candidate, by kind then id order; empty when it has none. */
  public List<Variant> variants(CorpusItem candidate) {
    return variants.getOrDefault(candidate.id(), List.of());
  }

  /** The query's positives that are candidates of this corpus (positives outside it, e.g. other splits, drop). */
  public List<CorpusItem> positives(CorpusItem query) {
    List<CorpusItem> out = new ArrayList<>(query.positiveIds().size());
    for (String id : query.positiveIds()) {
      CorpusItem c = candidates.get(id);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /** Modality and image style: near variants and random negatives are drawn within one such group. */
  static String styleGroup(CorpusItem c) {
    if (!c.hasImage()) {
      return "text";
    }
    String style = c.source().getOrDefault("vendor", c.source().getOrDefault("style", ""));
    return "image:" + style;
  }

  private static String conceptName(CorpusItem c) {
    String unified = c.source().get("unified");
    if (unified != null) {
      return unified;
    }
    String name = c.source().get("name");
    if (name != null) {
      return name;
    }
    return c.text() != null ? c.text() : c.id();
  }

  private void indexVariants(Map<String, String> labels) {
    Map<NearVariant, Map<String, List<CorpusItem>>> byKey = new EnumMap<>(NearVariant.class);
    for (CorpusItem c : candidates.values()) {
      String name = conceptName(c);
      String label = labels.get(c.dataset() + ":" + name);
      for (NearVariant kind : NearVariant.values()) {
        String key = kind.key(c.dataset(), name, label, c.source().get("base_unified"));
        if (key != null) {
          String bucket = c.dataset() + "\u0000" + styleGroup(c) + "\u0000" + key;
          byKey.computeIfAbsent(kind, k -> new HashMap<>()).computeIfAbsent(bucket, k -> new ArrayList<>()).add(c);
        }
      }
    }
    for (Map.Entry<NearVariant, Map<String, List<CorpusItem>>> kind : byKey.entrySet()) {
      for (List<CorpusItem> bucket : kind.getValue().values()) {
        if (bucket.size() < 2) {
          continue;
        }
        for (CorpusItem a : bucket) {
          for (CorpusItem b : bucket) {
            if (!Objects.equals(concept.get(a.id()), concept.get(b.id()))) {
              variants.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(new Variant(kind.getKey(), b));
            }
          }
        }
      }
    }
  }
}
