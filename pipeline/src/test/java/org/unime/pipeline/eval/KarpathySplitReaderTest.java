package org.unime.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KarpathySplitReaderTest {
  @Test
  void readsOneSplitWithCaptionsGroupedByImage() throws Exception {
    CaptionCorpus corpus = KarpathySplitReader.forSplit("test").build()
        .read(EvalFixtures.resource("karpathy/dataset_flickr30k_tiny.json"));

    assertThat(corpus.images()).containsExactly("1000092795.jpg", "1000268201.jpg");
    assertThat(corpus.captions()).hasSize(8).startsWith("Two men in green shirts.", "Two guys stand in a yard.");
    assertThat(corpus.captionImage()).containsExactly(0, 0, 1, 1, 1, 1, 1, 1);
  }

  @Test
  void capsCaptionsPerImageLikeTheCocoFiveK() throws Exception {
    CaptionCorpus corpus = KarpathySplitReader.forSplit("test").withMaxCaptionsPerImage(5).build()
        .read(EvalFixtures.resource("karpathy/dataset_flickr30k_tiny.json"));

    assertThat(corpus.captions()).hasSize(7).doesNotContain("A sixth caption.");
  }

  @Test
  void cocoImagesKeepTheirFilePath() throws Exception {
    CaptionCorpus corpus = KarpathySplitReader.forSplit("test").build()
        .read(EvalFixtures.resource("karpathy/dataset_coco_tiny.json"));

    assertThat(corpus.images()).containsExactly("val2014/COCO_val2014_000000391895.jpg");
    assertThat(corpus.captions())
        .containsExactly("A man with a red helmet on a small moped.", "Man riding a motor bike.");
  }

  @Test
  void badImagesAndEmptySplitsAreNamed() {
    KarpathySplitReader test = KarpathySplitReader.forSplit("test").build();
    assertThatThrownBy(() -> test.read(EvalFixtures.resource("karpathy/no-raw.json")))
        .isInstanceOf(EvalFormatException.class)
        .hasMessage("Cannot read Karpathy-split image at image 1 (line 3 of no-raw.json), sentence 1: field raw is"
            + " missing (got keys [tokens])");
    assertThatThrownBy(() -> test.read(EvalFixtures.resource("karpathy/no-sentences.json")))
        .hasMessage("Cannot read Karpathy-split image at image 0 (line 2 of no-sentences.json): image a.jpg needs a"
            + " non-empty \"sentences\" array (got ARRAY of size 0)");
    assertThatThrownBy(() -> KarpathySplitReader.forSplit("val").build()
            .read(EvalFixtures.resource("karpathy/dataset_coco_tiny.json")))
        .hasMessage("Cannot read Karpathy-split image at dataset_coco_tiny.json: no image is in split val (got splits"
            + " [restval, test])");
    assertThatThrownBy(() -> KarpathySplitReader.forSplit("test").withMaxCaptionsPerImage(0))
        .hasMessage("Cannot cap captions per image: the cap must be at least 1 (got 0)");
  }
}
