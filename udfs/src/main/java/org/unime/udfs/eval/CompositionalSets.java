package org.unime.udfs.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.unime.pipeline.eval.CompositionalItem;
import org.unime.udfs.judge.CorpusItem;

/**
 * SugarCrepe-style pair sets built from our ingested candidates: each image candidate with its true caption and a
 * negative caption that differs in one detail ({@link CompositionalSubset}). Captions are concept labels: an emoji's
 * CLDR label (from its text candidate, joined on {@code source.unified}) or an icon's name with dashes as spaces
 * ({@code source.name}; the icon text candidate's tags are left out, since they would differ too).
 *
 * <p>A negative must be the caption of another concept of the same dataset, so every negative is a real label
 * rather than a made-up string; a caption shared by two concepts is never used as a negative (it might describe
 * the image). Only edits that make the caption false are used: "bell off" is wrong for a bell, but "bell" is not
 * clearly wrong for a struck-out bell, so x-off images get no {@code add_off} item, and likewise for "facing right".
 *
 * <p>Compared with {@link org.unime.udfs.judge.NearVariant}, which groups any two tones or gender words of one base,
 * these are minimal edits (one word replaced, two tones swapped). Immutable after construction; thread-safe.
 */
public final class CompositionalSets {
  private final List<CorpusItem> images = new ArrayList<>();
  private final Map<String, String> captionOfImage = new HashMap<>();
  /** dataset → caption → concept; ambiguous captions are removed. */
  private final Map<String, Map<String, String>> conceptOfCaption = new HashMap<>();
  /** dataset → (subset, caption without the added detail) → captions with it. */
  private final Map<String, Map<String, Set<String>>> additions = new HashMap<>();

  private CompositionalSets(Collection<CorpusItem> candidates) {
    Map<String, String> emojiLabels = new HashMap<>();
    for (CorpusItem c : candidates) {
      String unified = c.source().get("unified");
      if (!c.hasImage() && c.text() != null && unified != null) {
        emojiLabels.put(c.dataset() + ":" + unified, c.text());
      }
    }
    Map<String, Map<String, Set<String>>> concepts = new HashMap<>();
    for (CorpusItem c : candidates) {
      Concept concept = concept(c, emojiLabels);
      if (concept == null) {
        continue;
      }
      concepts.computeIfAbsent(c.dataset(), d -> new HashMap<>())
          .computeIfAbsent(concept.caption(), k -> new TreeSet<>()).add(concept.id());
      if (c.hasImage()) {
        images.add(c);
        captionOfImage.put(c.id(), concept.caption());
      }
    }
    concepts.forEach((dataset, byCaption) -> index(dataset, byCaption));
  }

  /** Indexes the candidates (all splits: labels of held-out concepts' text rows are needed for their images). */
  public static CompositionalSets of(Collection<CorpusItem> candidates) {
    return new CompositionalSets(candidates);
  }

  /** Items for every image candidate that has one, in candidate order, then subset order, then negative. */
  public List<CompositionalItem> items() {
    return items(c -> true);
  }

  /** Items for the image candidates the filter accepts (e.g. one split). */
  public List<CompositionalItem> items(Predicate<CorpusItem> imageFilter) {
    List<CompositionalItem> out = new ArrayList<>();
    for (CorpusItem image : images) {
      if (imageFilter.test(image)) {
        addItems(image, out);
      }
    }
    return out;
  }

  private void addItems(CorpusItem image, List<CompositionalItem> out) {
    String caption = captionOfImage.get(image.id());
    Map<String, String> known = conceptOfCaption.getOrDefault(image.dataset(), Map.of());
    String concept = known.get(caption);
    for (CompositionalSubset subset : CompositionalSubset.values()) {
      Set<String> negatives = new TreeSet<>(negatives(subset, image.dataset(), caption));
      for (String negative : negatives) {
        String negativeConcept = known.get(negative);
        if (negativeConcept != null && !negativeConcept.equals(concept)) {
          out.add(new CompositionalItem(image.id() + "|" + subset.wireName() + "|" + negativeConcept, image.id(),
              caption, negative, subset.wireName()));
        }
      }
    }
  }

  private Collection<String> negatives(CompositionalSubset subset, String dataset, String caption) {
    return switch (subset) {
      case SWAP_SKIN_TONE -> CaptionEdits.swapSkinTones(caption).stream().toList();
      case REPLACE_GENDER -> CaptionEdits.replaceGender(caption);
      case REPLACE_DIRECTION -> CaptionEdits.replaceDirection(caption);
      case ADD_DIRECTION, ADD_OFF -> additions.getOrDefault(dataset, Map.of())
          .getOrDefault(subset.wireName() + "\u0000" + caption, Set.of());
    };
  }

  private void index(String dataset, Map<String, Set<String>> byCaption) {
    Map<String, String> unique = new HashMap<>();
    byCaption.forEach((caption, ids) -> {
      if (ids.size() == 1) {
        unique.put(caption, ids.iterator().next());
      }
    });
    conceptOfCaption.put(dataset, unique);
    Map<String, Set<String>> added = new HashMap<>();
    addition(CompositionalSubset.ADD_DIRECTION, CaptionEdits::withoutFacingRight, unique.keySet(), added);
    addition(CompositionalSubset.ADD_OFF, CaptionEdits::withoutOff, unique.keySet(), added);
    additions.put(dataset, added);
  }

  /** Maps each caption that has the detail, reduced, to the caption: the image of the reduced one gets it added. */
  private static void addition(CompositionalSubset subset, Function<String, String> without, Set<String> captions,
      Map<String, Set<String>> added) {
    for (String caption : captions) {
      String reduced = without.apply(caption);
      if (!reduced.equals(caption) && !reduced.isEmpty()) {
        added.computeIfAbsent(subset.wireName() + "\u0000" + reduced, k -> new HashSet<>()).add(caption);
      }
    }
  }

  /** An emoji's label and code points, an icon's name as words; null for rows of other datasets. */
  private static Concept concept(CorpusItem c, Map<String, String> emojiLabels) {
    String unified = c.source().get("unified");
    if (unified != null) {
      String label = emojiLabels.get(c.dataset() + ":" + unified);
      return label == null ? null : new Concept(unified, label);
    }
    String name = c.source().get("name");
    return name == null ? null : new Concept(name, name.replace('-', ' ').trim());
  }

  private record Concept(String id, String caption) {}
}
