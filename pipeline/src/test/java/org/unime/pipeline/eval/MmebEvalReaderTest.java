package org.unime.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MmebEvalReaderTest {
  @Test
  void readsJsonLinesSkippingBlankLinesAndExtraKeys() throws Exception {
    List<MmebRow> rows = MmebEvalReader.readAll(EvalFixtures.resource("mmeb/ImageNet-1K.jsonl"));

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).targetTexts()).containsExactly("goldfish", "tench", "great white shark");
    assertThat(rows.get(0).queryImagePath()).isEqualTo("ImageNet-1K/Test/0001.jpeg");
    assertThat(rows.get(1).targetImagePaths()).containsExactly("", "", "");
    assertThat(rows.get(2).index()).isEqualTo(2);
    assertThat(rows.get(2).candidateCount()).isEqualTo(3);
  }

  @Test
  void readsAJsonArrayWithNullOrAbsentQueryImage() throws Exception {
    List<MmebRow> rows = MmebEvalReader.readAll(EvalFixtures.resource("mmeb/MSCOCO_t2i.json"));

    assertThat(rows).extracting(MmebRow::queryImagePath).containsExactly("", "");
    assertThat(rows.get(1).targetImagePaths()).containsExactly("MSCOCO_t2i/Test/cat.jpg", "MSCOCO_t2i/Test/dog.jpg");
  }

  @Test
  void streamsRowByRowAndReportsTheBadLineWhenReached() throws Exception {
    try (MmebEvalReader reader = MmebEvalReader.open(EvalFixtures.resource("mmeb/bad-length.jsonl"))) {
      assertThat(reader.next().queryText()).isEqualTo("q1");
      assertThatThrownBy(reader::hasNext)
          .isInstanceOf(UncheckedIOException.class)
          .cause()
          .isInstanceOf(EvalFormatException.class)
          .hasMessage("Cannot read MMEB-eval row at line 2 of bad-length.jsonl: tgt_text and tgt_img_path differ in"
              + " length (got 3 and 2)");
    }
  }

  @Test
  void badRowsNameTheirLineAndField() {
    assertThatThrownBy(() -> MmebEvalReader.readAll(EvalFixtures.resource("mmeb/missing-field.json")))
        .isInstanceOf(EvalFormatException.class)
        .hasMessage("Cannot read MMEB-eval row at row 1 (line 3 of missing-field.json): field qry_text is missing"
            + " (got keys [qry_img_path, tgt_text, tgt_img_path])");
    assertThatThrownBy(() -> MmebEvalReader.readAll(EvalFixtures.resource("mmeb/bad-json.jsonl")))
        .isInstanceOf(EvalFormatException.class)
        .hasMessageStartingWith("Cannot read MMEB-eval row at line 2 of bad-json.jsonl: malformed JSON at line 3");
    assertThatThrownBy(() -> MmebEvalReader.readAll(EvalFixtures.resource("mmeb/empty-candidates.jsonl")))
        .hasMessage("Cannot read MMEB-eval row at line 1 of empty-candidates.jsonl: the row has no candidates"
            + " (got tgt_text [])");
    assertThatThrownBy(() -> MmebEvalReader.readAll(EvalFixtures.resource("mmeb/empty.jsonl")))
        .hasMessage("Cannot read MMEB-eval row at the start of empty.jsonl: expected JSON Lines objects or a JSON"
            + " array (got an empty file)");
  }
}
