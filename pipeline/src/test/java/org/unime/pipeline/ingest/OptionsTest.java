package org.unime.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Options fail fast, on construction, with messages naming the bad value. */
class OptionsTest {
  private static final HoldoutPolicy HOLDOUT = new HoldoutPolicy(0.1, "s");

  @Test
  void emojiDefaults() {
    EmojiOptions options = EmojiOptions.builder(HOLDOUT).build();
    assertThat(options.maxConcepts()).isZero();
    assertThat(options.vendors()).containsExactly(EmojiVendor.GOOGLE, EmojiVendor.TWITTER);
    assertThat(options.imageToTextInstruction()).isEqualTo("Find the emoji name that describes the given image.");
    assertThat(options.textToImageInstruction()).isEqualTo("Find the emoji image that matches: ");
  }

  @Test
  void emojiRefusesBadValues() {
    assertThatThrownBy(() -> EmojiOptions.builder(HOLDOUT).withMaxConcepts(-1).build())
        .hasMessage("Cannot configure emoji source: max concepts must be >= 0, 0 meaning all (got -1)");
    assertThatThrownBy(() -> EmojiOptions.builder(HOLDOUT).withVendors(EmojiVendor.GOOGLE, EmojiVendor.GOOGLE).build())
        .hasMessage("Cannot configure emoji source: the unseen vendor must differ from the training vendor "
            + "(got google for both)");
    assertThatThrownBy(() -> EmojiOptions.builder(HOLDOUT).withTextToImageInstruction(" ").build())
        .hasMessage("Cannot configure emoji source: the text-to-image instruction must not be blank (got \" \")");
    assertThatThrownBy(() -> EmojiOptions.builder(null).build()).isInstanceOf(NullPointerException.class);
  }

  @Test
  void appleAndFacebookCannotBeNamed() {
    assertThat(EmojiVendor.fromWireName("Twitter")).isEqualTo(EmojiVendor.TWITTER);
    assertThatThrownBy(() -> EmojiVendor.fromWireName("apple"))
        .hasMessage("Cannot use emoji vendor: its artwork licence forbids use as training data; "
            + "expected google or twitter (got apple)");
    assertThatThrownBy(() -> EmojiVendor.fromWireName("samsung"))
        .hasMessage("Cannot parse emoji vendor: expected google or twitter (got samsung)");
  }

  @Test
  void iconStylesMustBelongToTheSet() {
    assertThat(IconOptions.builder(IconSet.TABLER, HOLDOUT).build().styles()).containsExactly("outline", "filled");
    assertThat(IconOptions.builder(IconSet.MDI, HOLDOUT).build().styles()).containsExactly("default");
    // Planned in the set's order whatever order they were given in.
    assertThat(IconOptions.builder(IconSet.TABLER, HOLDOUT).withStyles(List.of("filled", "outline")).build().styles())
        .containsExactly("outline", "filled");
    assertThatThrownBy(() -> IconOptions.builder(IconSet.MDI, HOLDOUT).withStyles(List.of("outline")).build())
        .hasMessage("Cannot configure mdi source: styles must be distinct values among [default] (got [outline])");
    assertThatThrownBy(() -> IconOptions.builder(IconSet.TABLER, HOLDOUT).withStyles(List.of()).build())
        .hasMessageContaining("(got [])");
    assertThatThrownBy(() -> IconOptions.builder(IconSet.TABLER, HOLDOUT).withMaxConcepts(-5).build())
        .hasMessage("Cannot configure tabler source: max concepts must be >= 0, 0 meaning all (got -5)");
  }

  @Test
  void fashionMnistRefusesNegativeLimits() {
    assertThat(FashionMnistOptions.defaults().withMaxTest(7).maxTest()).isEqualTo(7);
    assertThatThrownBy(() -> FashionMnistOptions.defaults().withMaxTrain(-1))
        .hasMessage("Cannot configure fashion-mnist source: max train and max test must be >= 0, 0 meaning all "
            + "(got -1, 0)");
    assertThatThrownBy(() -> FashionMnistOptions.defaults().withInstruction(""))
        .hasMessage("Cannot configure fashion-mnist source: the query instruction must not be blank (got \"\")");
  }
}
