package org.unime.udfs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unime.pipeline.eval.CompositionalItem;
import org.unime.udfs.judge.CorpusItem;

/** Compositional pairs from hand-made candidate rows shaped like the emoji and icon ingest rows. */
class CompositionalSetsTest {
  private static final byte[] PNG = {1};

  static CorpusItem emojiText(String unified, String label) {
    return new CorpusItem("emoji:text:" + unified, "emoji", "train", label, null, List.of(),
        Map.of("unified", unified, "base_unified", unified.split("-")[0]));
  }

  static CorpusItem emojiImage(String unified, String split) {
    return new CorpusItem("emoji:google:" + unified + ":image", "emoji", split, null, PNG, List.of(),
        Map.of("unified", unified, "base_unified", unified.split("-")[0], "vendor", "google"));
  }

  static CorpusItem iconText(String name) {
    return new CorpusItem("tabler:text:" + name, "tabler", "train", name.replace('-', ' ') + "; tags: x", null,
        List.of(), Map.of("name", name));
  }

  static CorpusItem iconImage(String name) {
    return new CorpusItem("tabler:outline:" + name + ":image", "tabler", "train", null, PNG, List.of(),
        Map.of("name", name, "style", "outline"));
  }

  static final List<CorpusItem> ROWS = List.of(
      emojiText("HANDS-LD", "people holding hands: light skin tone, dark skin tone"),
      emojiText("HANDS-DL", "people holding hands: dark skin tone, light skin tone"),
      emojiText("HANDS-LL", "people holding hands: light skin tone"),
      emojiImage("HANDS-LD", "train"),
      emojiImage("HANDS-LL", "train"),
      emojiText("TEACHER-M", "man teacher"),
      emojiText("TEACHER-W", "woman teacher"),
      emojiText("TEACHER-P", "teacher"),
      emojiImage("TEACHER-M", "eval-unseen-vendor"),
      emojiText("WALK", "person walking"),
      emojiText("WALK-R", "person walking: facing right"),
      emojiImage("WALK", "train"),
      emojiImage("WALK-R", "train"),
      emojiText("FIST-L", "left-facing fist"),
      emojiText("FIST-R", "right-facing fist"),
      emojiImage("FIST-L", "train"),
      emojiImage("NOLABEL", "train"),
      iconText("bell"),
      iconText("bell-off"),
      iconImage("bell"),
      iconImage("bell-off"),
      iconImage("arrow-left"),
      iconImage("arrow-right"),
      new CorpusItem("fashion-mnist:image:1", "fashion-mnist", "test", null, PNG, List.of(), Map.of()));

  @Test
  void eachSubsetPairsAnImageWithARealOneDetailNegative() {
    List<CompositionalItem> items = CompositionalSets.of(ROWS).items();

    assertThat(items)
        .extracting(i -> i.image() + " | " + i.subset() + " | " + i.caption() + " ≠ " + i.negativeCaption())
        .containsExactlyInAnyOrder(
            "emoji:google:HANDS-LD:image | swap_skin_tone | people holding hands: light skin tone, dark skin tone"
                + " ≠ people holding hands: dark skin tone, light skin tone",
            "emoji:google:TEACHER-M:image | replace_gender | man teacher ≠ woman teacher",
            "emoji:google:WALK:image | add_direction | person walking ≠ person walking: facing right",
            "emoji:google:FIST-L:image | replace_direction | left-facing fist ≠ right-facing fist",
            "tabler:outline:bell:image | add_off | bell ≠ bell off",
            "tabler:outline:arrow-left:image | replace_direction | arrow left ≠ arrow right",
            "tabler:outline:arrow-right:image | replace_direction | arrow right ≠ arrow left");
  }

  @Test
  void itemIdsNameImageSubsetAndNegativeConcept() {
    List<CompositionalItem> items =
        CompositionalSets.of(ROWS).items(c -> c.id().equals("emoji:google:HANDS-LD:image"));

    assertThat(items).extracting(CompositionalItem::id)
        .containsExactly("emoji:google:HANDS-LD:image|swap_skin_tone|HANDS-DL");
  }

  @Test
  void imagesCanBeRestrictedToASplitWhileLabelsComeFromAllRows() {
    List<CompositionalItem> items = CompositionalSets.of(ROWS).items(c -> c.split().equals("eval-unseen-vendor"));

    assertThat(items).extracting(CompositionalItem::negativeCaption).containsExactly("woman teacher");
  }

  @Test
  void aCaptionSharedByTwoConceptsIsNeverANegative() {
    List<CorpusItem> rows = List.of(
        emojiText("A", "man dancing"), emojiText("B", "woman dancing"), emojiText("C", "woman dancing"),
        emojiImage("A", "train"));

    assertThat(CompositionalSets.of(rows).items()).isEmpty();
  }

  @Test
  void captionEditsChangeOneDetail() {
    assertThat(CaptionEdits.swapSkinTones("kiss: person, person, medium-light skin tone, medium skin tone"))
        .contains("kiss: person, person, medium skin tone, medium-light skin tone");
    assertThat(CaptionEdits.swapSkinTones("kiss: medium skin tone")).isEmpty();
    assertThat(CaptionEdits.swapSkinTones("handshake: dark skin tone, dark skin tone")).isEmpty();
    assertThat(CaptionEdits.replaceGender("kiss: woman, man"))
        .containsExactly("kiss: man, man", "kiss: woman, woman");
    assertThat(CaptionEdits.replaceGender("mankind")).isEmpty();
    assertThat(CaptionEdits.replaceDirection("thumbs up")).containsExactly("thumbs down");
    assertThat(CaptionEdits.withoutFacingRight("person walking: light skin tone, facing right"))
        .isEqualTo("person walking: light skin tone");
    assertThat(CaptionEdits.withoutOff("bell off outline")).isEqualTo("bell outline");
  }

  @Test
  void groupsFollowSugarCrepesReplaceSwapAdd() {
    assertThat(CompositionalSubset.groups().groups()).containsExactly(
        Map.entry("Replace", List.of("replace_gender", "replace_direction")),
        Map.entry("Swap", List.of("swap_skin_tone")),
        Map.entry("Add", List.of("add_direction", "add_off")));
  }
}
