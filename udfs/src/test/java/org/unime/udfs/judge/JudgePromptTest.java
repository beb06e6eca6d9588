package org.unime.udfs.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class JudgePromptTest {

  @Test
  void rendersTheVerbatimInstructionWithQueryAndCandidate() {
    JudgeItem query = new JudgeItem("q", "<|image_1|>\nFind the emoji name that describes the given image.",
        TestImages.disc(Color.RED, false));
    JudgeItem candidate = JudgeItem.text("c", "waving hand: medium skin tone");
    assertThat(JudgePrompt.render(query, candidate))
        .isEqualTo("I will provide you with a query and a candidate. Please evaluate whether the candidate meets"
            + " the requirements of the query. If it does, respond with 'Yes'; if it doesn't, respond with 'No'."
            + " Query:<image>Find the emoji name that describes the given image., Candidates:waving hand: medium"
            + " skin tone.");
  }

  @Test
  void prefixIsSharedAndSuffixHoldsOnlyTheCandidate() {
    JudgeItem query = JudgeItem.text("q", "Find the icon that matches: bell off");
    assertThat(JudgePrompt.prefix(query))
        .containsExactly(
            new JudgePrompt.Text(JudgePrompt.INSTRUCTION + " Query:"),
            new JudgePrompt.ItemText("Find the icon that matches: bell off"),
            new JudgePrompt.Text(", Candidates:"));
    byte[] png = TestImages.disc(Color.BLUE, true);
    assertThat(JudgePrompt.suffix(JudgeItem.image("c", png)))
        .hasSize(2)
        .first()
        .isInstanceOfSatisfying(JudgePrompt.Image.class, i -> assertThat(i.png()).isSameAs(png));
  }

  @Test
  void stripsThePhi3ImagePlaceholderAndDropsEmptyTexts() {
    assertThat(JudgePrompt.stripImagePlaceholder("<|image_1|>\nRepresent the image")).isEqualTo("Represent the image");
    assertThat(JudgePrompt.stripImagePlaceholder("a <|image_1|> b")).isEqualTo("a b");
    JudgeItem onlyPlaceholder = new JudgeItem("q", "<|image_1|>", TestImages.disc(Color.RED, false));
    assertThat(JudgePrompt.prefix(onlyPlaceholder)).hasSize(3).noneMatch(s -> s instanceof JudgePrompt.ItemText);
  }

  @Test
  void anItemNeedsTextOrImage() {
    assertThatThrownBy(() -> new JudgeItem("x", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build a judge item: it needs a text, an image or both (got neither for id x)");
  }
}
