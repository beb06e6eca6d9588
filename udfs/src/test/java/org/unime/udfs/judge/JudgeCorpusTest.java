package org.unime.udfs.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Near-variant indexing and the pairwise evaluation's bookkeeping, on hand-made rows (no model, no files). */
class JudgeCorpusTest {
  static final byte[] PNG = TestImages.disc(java.awt.Color.RED, false);

  static CorpusItem emojiText(String unified, String base, String label, String split) {
    return new CorpusItem("emoji:text:" + unified, "emoji", split, label, null, List.of(),
        Map.of("unified", unified, "base_unified", base));
  }

  static CorpusItem emojiImage(String unified, String base, String vendor, String split) {
    return new CorpusItem("emoji:" + vendor + ":" + unified + ":image", "emoji", split, null, PNG, List.of(),
        Map.of("unified", unified, "base_unified", base, "vendor", vendor));
  }

  static CorpusItem icon(String set, String name, String style) {
    return style == null
        ? new CorpusItem(set + ":text:" + name, set, "train", name.replace('-', ' '), null, List.of(),
            Map.of("name", name))
        : new CorpusItem(set + ":" + style + ":" + name + ":image", set, "train", null, PNG, List.of(),
            Map.of("name", name, "style", style));
  }

  static final List<CorpusItem> CANDIDATES =
      List.of(
          emojiText("1F44B", "1F44B", "waving hand", "train"),
          emojiText("1F44B-1F3FD", "1F44B", "waving hand: medium skin tone", "train"),
          emojiText("1F44B-1F3FF", "1F44B", "waving hand: dark skin tone", "train"),
          emojiImage("1F44B-1F3FD", "1F44B", "google", "train"),
          emojiImage("1F44B-1F3FF", "1F44B", "google", "train"),
          emojiImage("1F44B-1F3FF", "1F44B", "twitter", "eval-unseen-vendor"),
          emojiText("1F64D-200D-2642-FE0F", "1F64D-200D-2642-FE0F", "man frowning", "train"),
          emojiText("1F64D-200D-2640-FE0F", "1F64D-200D-2640-FE0F", "woman frowning", "train"),
          emojiText("1F64D", "1F64D", "person frowning", "train"),
          icon("tabler", "bell", null),
          icon("tabler", "bell-off", null),
          icon("tabler", "bell", "outline"),
          icon("tabler", "bell", "filled"),
          icon("tabler", "bell-off", "outline"),
          icon("mdi", "bell", "default"),
          icon("mdi", "bell-outline", "default"),
          icon("mdi", "bell-off-outline", "default"));

  static List<String> variantIds(JudgeCorpus corpus, String id) {
    List<String> out = new ArrayList<>();
    corpus.variants(corpus.candidate(id)).forEach(v -> out.add(v.kind().wireName() + ":" + v.item().id()));
    return out;
  }

  @Test
  void skinTonesAreVariantsWithinOneModalityAndVendor() {
    JudgeCorpus corpus = new JudgeCorpus(CANDIDATES, List.of());
    assertThat(variantIds(corpus, "emoji:text:1F44B-1F3FD"))
        .containsExactlyInAnyOrder("skin-tone:emoji:text:1F44B", "skin-tone:emoji:text:1F44B-1F3FF");
    assertThat(variantIds(corpus, "emoji:google:1F44B-1F3FD:image"))
        .containsExactly("skin-tone:emoji:google:1F44B-1F3FF:image");
  }

  @Test
  void genderWordsMakeVariantsOnlyWhenTheRestOfTheLabelMatches() {
    JudgeCorpus corpus = new JudgeCorpus(CANDIDATES, List.of());
    assertThat(variantIds(corpus, "emoji:text:1F64D-200D-2642-FE0F"))
        .containsExactlyInAnyOrder("gender:emoji:text:1F64D-200D-2640-FE0F", "gender:emoji:text:1F64D");
    assertThat(variantIds(corpus, "emoji:text:1F44B")).noneMatch(v -> v.startsWith("gender"));
  }

  @Test
  void iconsPairXWithXOffAndXOutlineButNotWithTheirOwnStyles() {
    JudgeCorpus corpus = new JudgeCorpus(CANDIDATES, List.of());
    assertThat(variantIds(corpus, "tabler:text:bell")).containsExactly("off:tabler:text:bell-off");
    assertThat(variantIds(corpus, "tabler:outline:bell:image")).containsExactly("off:tabler:outline:bell-off:image");
    assertThat(variantIds(corpus, "tabler:filled:bell:image")).isEmpty();
    assertThat(variantIds(corpus, "mdi:default:bell:image")).containsExactly("style:mdi:default:bell-outline:image");
    assertThat(variantIds(corpus, "mdi:default:bell-outline:image"))
        .containsExactlyInAnyOrder("style:mdi:default:bell:image", "off:mdi:default:bell-off-outline:image");
  }

  @Test
  void pairwiseAccuracyCountsStrictWinsPerKindAndAssignsTriplesToSplits() {
    CorpusItem i2t =
        new CorpusItem("emoji:google:1F44B-1F3FD:i2t", "emoji", "train", "Find the emoji name.", PNG,
            List.of("emoji:text:1F44B-1F3FD"), Map.of());
    CorpusItem t2i =
        new CorpusItem("emoji:text:1F44B-1F3FF:t2i", "emoji", "train", "Find the emoji: waving hand: dark skin tone",
            null, List.of("emoji:google:1F44B-1F3FF:image", "emoji:twitter:1F44B-1F3FF:image"), Map.of());
    JudgeCorpus corpus = new JudgeCorpus(CANDIDATES, List.of(i2t, t2i));

    List<PairwiseEvaluation.Case> train = PairwiseEvaluation.cases(corpus, "train", 0, 1);
    assertThat(train).hasSize(2).allSatisfy(c -> assertThat(c.query().split()).isEqualTo("train"));
    // The twitter image has no twitter variant here, so the unseen-vendor split has no triple.
    assertThat(PairwiseEvaluation.cases(corpus, "eval-unseen-vendor", 0, 1)).isEmpty();

    PairScorer ties = new PairScorer() {
      @Override
      public String name() {
        return "constant";
      }

      @Override
      public float[] score(CorpusItem query, List<CorpusItem> candidates) {
        return new float[candidates.size()];
      }
    };
    PairwiseEvaluation.Result result = PairwiseEvaluation.evaluate(train, "train", ties);
    assertThat(result.total()).isEqualTo(3);
    assertThat(result.correct()).as("ties count as wrong").isZero();
    assertThat(result.byKind()).containsOnlyKeys(NearVariant.SKIN_TONE);
  }
}
