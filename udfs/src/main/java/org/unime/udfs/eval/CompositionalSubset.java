package org.unime.udfs.eval;

import java.util.Arrays;
import java.util.List;
import org.unime.pipeline.eval.TaskGroups;

/**
 * The compositional subsets built from our own data ({@link CompositionalSets}), named in SugarCrepe's
 * {@code <group>_<what>} style so that the same group means apply. Each negative differs from the true caption in
 * one detail and is the real caption of another concept of the same dataset.
 */
public enum CompositionalSubset {
  /** Two-person emoji with two tones, swapped: "…: light skin tone, dark skin tone" vs "…: dark…, light…". */
  SWAP_SKIN_TONE("swap_skin_tone", "Swap"),
  /** One gender word replaced: man↔woman, men↔women, boy↔girl, male↔female ("man teacher" → "woman teacher"). */
  REPLACE_GENDER("replace_gender", "Replace"),
  /** One direction word replaced: left↔right, up↔down, leftwards↔rightwards, upwards↔downwards. */
  REPLACE_DIRECTION("replace_direction", "Replace"),
  /** "facing right" added to an emoji facing the default way: "person walking" vs "person walking: facing right". */
  ADD_DIRECTION("add_direction", "Add"),
  /** "off" added to an icon name: icon {@code bell} vs caption "bell off". */
  ADD_OFF("add_off", "Add");

  private final String wireName;
  private final String group;

  CompositionalSubset(String wireName, String group) {
    this.wireName = wireName;
    this.group = group;
  }

  /** Subset name, as in {@link org.unime.pipeline.eval.CompositionalItem#subset()}. */
  public String wireName() {
    return wireName;
  }

  /** SugarCrepe group: Replace, Swap or Add. */
  public String group() {
    return group;
  }

  /** Replace / Swap / Add over these subsets, for {@link org.unime.pipeline.eval.CompositionalAccuracy}. */
  public static TaskGroups groups() {
    TaskGroups.Builder builder = TaskGroups.builder();
    for (String group : List.of("Replace", "Swap", "Add")) {
      builder.group(group, Arrays.stream(values()).filter(s -> s.group.equals(group)).map(s -> s.wireName).toList());
    }
    return builder.build();
  }
}
