package org.unime.udfs.evaluate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.unime.pipeline.eval.CompositionalItem;
import org.unime.pipeline.eval.TaskGroups;
import org.unime.udfs.embed.EmbeddingInput;

/**
 * SugarCrepe-style items (an image, its caption, a one-detail negative caption) with the inputs to embed: each
 * item's image reference maps to an image input, and captions are embedded as plain text.
 *
 * @param suite {@link Suites#COMPOSITIONAL} or {@link Suites#SUGAR_CREPE}
 * @param items at least one
 * @param images {@link CompositionalItem#image()} → the input embedded for it
 * @param groups how subsets average into Replace / Swap / Add
 */
public record CompositionalSet(
    String suite, List<CompositionalItem> items, Map<String, EmbeddingInput> images, TaskGroups groups) {

  public CompositionalSet {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(groups, "groups");
    items = List.copyOf(items);
    images = Map.copyOf(images);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("Cannot make compositional set " + suite + ": it has no items (got 0)");
    }
    for (CompositionalItem item : items) {
      if (!images.containsKey(item.image())) {
        throw new IllegalArgumentException("Cannot make compositional set " + suite + ": item " + item.id()
            + " has no image input (got image " + item.image() + ")");
      }
    }
  }
}
