package org.unime.pipeline.interchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;

/** The row rules on small hand-made records. */
class MinedRecordsTest {
  private static final ImportOptions OPTIONS = ImportOptions.builder("test", "t").build();

  @Test
  void rejectsTheLaterOfTwoIdenticalQueries() {
    MinedRecord first = textRecord("what is red?", "apple", "sky");
    MinedRecord again = textRecord("what is red?", "cherry", "sky");

    SourceBatch batch = MinedRecords.toSourceBatch(List.of(first, again), OPTIONS);

    // rows: query 0, apple, sky, query 1, cherry
    assertThat(batch.rowsRead()).isEqualTo(5);
    assertThat(batch.records()).extracting(SourceRecord::text)
        .containsExactly("apple", "sky", "what is red?", "cherry");
    assertThat(batch.rejects()).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(RejectReason.DUPLICATE_ID);
      assertThat(r.rowId()).isEqualTo(batch.records().get(2).id());
      assertThat(r.detail()).startsWith("record 1: ").contains("repeats the query of record 0");
    });
  }

  @Test
  void sharesCandidatesAcrossRecords() {
    SourceBatch batch = MinedRecords.toSourceBatch(
        List.of(textRecord("q1", "apple", "sky"), textRecord("q2", "sky", "apple")), OPTIONS);

    assertThat(batch.rowsRead()).isEqualTo(4);
    assertThat(batch.records()).filteredOn(r -> r.role() == Role.CANDIDATE).hasSize(2);
    SourceRecord sky = batch.records().get(1);
    assertThat(sky.source()).containsEntry(MinedRecords.RECORD_INDEX, "0");
    assertThat(batch.records().get(3).positiveIds()).containsExactly(sky.id());
  }

  @Test
  void rejectsEmptyItemsAndQueriesThatLoseTheirPositive() {
    MinedRecord emptyPositive = textRecord("q1", "<|image_1|>\n", "sky");
    MinedRecord emptyQuery = textRecord("", "apple", "sky");

    SourceBatch batch = MinedRecords.toSourceBatch(List.of(emptyPositive, emptyQuery), OPTIONS);

    assertThat(batch.rowsRead()).isEqualTo(5);
    assertThat(batch.rejects()).extracting(Reject::reason)
        .containsExactly(RejectReason.EMPTY_TEXT, RejectReason.NO_POSITIVE, RejectReason.EMPTY_TEXT);
    assertThat(batch.rejects().get(0).detail()).contains("neither text nor image").contains("<|image_1|>\\n");
  }

  @Test
  void stripsThePlaceholderAndKeepsTheRawText() {
    assertThat(PromptText.strip("<|image_1|>\nRepresent the given image.\n")).isEqualTo("Represent the given image.\n");
    assertThat(PromptText.strip("Caption:\n<|image_1|>")).isEqualTo("Caption:");
    assertThat(PromptText.strip("before\n<|image_1|>\nafter")).isEqualTo("before\nafter");
    assertThat(PromptText.strip("a <|image_1|>b")).isEqualTo("a b");
    assertThat(PromptText.strip("no image")).isEqualTo("no image");
  }

  @Test
  void validatesOptions() {
    assertThatThrownBy(() -> ImportOptions.builder("d", "a:b").build())
        .hasMessage("Cannot build import options: id prefix must be non-blank and contain no ':' (got \"a:b\")");
    assertThatThrownBy(() -> ImportOptions.builder("d", "p").withMaxRows(0).build())
        .hasMessage("Cannot build import options: max rows must be positive (got 0)");
    assertThatThrownBy(() -> ImportOptions.builder(" ", "p").build())
        .hasMessage("Cannot build import options: dataset must not be blank (got \" \")");
  }

  private static MinedRecord textRecord(String query, String positive, String negative) {
    return new MinedRecord(query, "", positive, "", 0.9, List.of(new Candidate(negative, "")), List.of(0.1));
  }
}
