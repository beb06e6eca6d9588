package org.unime.pipeline.interchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.Modality;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;

/**
 * The fixture has 8 rows: 1 image query, 2 text query with an image positive, 3 broken JSON, 4 query whose image
 * never exists, 5 a repeat of 1's query, 6 an image query sharing 4's positive, 7 no {@code qry}, 8 text only; then
 * a blank line. That is 8 query rows plus 5 distinct candidates = 13 rows.
 */
class MmebTrainSourceReaderTest {
  private static final String FILE = "mmeb-train-sample.jsonl";
  private static final int ROWS = 13;

  @Test
  void withImageRootAccountsForEveryRow(@TempDir Path root) throws Exception {
    writeExistingImages(root);

    SourceBatch batch = MmebTrainSourceReader.builder(Fixtures.resource(FILE)).withImageRoot(root).build().read();

    assertThat(batch.dataset()).isEqualTo("mmeb-train");
    assertThat(batch.rowsRead()).isEqualTo(ROWS);
    assertThat(batch.records()).hasSize(9);
    assertThat(batch.rejects()).extracting(Reject::reason).containsExactly(
        RejectReason.MALFORMED_ROW, RejectReason.MISSING_IMAGE, RejectReason.DUPLICATE_ID, RejectReason.MALFORMED_ROW);
    assertThat(batch.rejects().get(0).rowId()).isEqualTo(FILE + ":3");
    assertThat(batch.rejects().get(0).detail()).startsWith("line 3: Cannot parse JSON (got ");
    assertThat(batch.rejects().get(1).detail())
        .isEqualTo("line 4: Cannot find image images/ImageNet_1K/Train/missing_0001.png under image root "
            + root.toAbsolutePath() + ": no such file (got "
            + root.toAbsolutePath().resolve("images/ImageNet_1K/Train/missing_0001.png") + ")");
    assertThat(batch.rejects().get(2).detail()).startsWith("line 5: ").contains("repeats the query of line 1");
    assertThat(batch.rejects().get(3).detail())
        .isEqualTo("line 7: Cannot read an MMEB-train row: field qry is missing "
            + "(got keys [qry_image_path, pos_text, pos_image_path])");
  }

  @Test
  void plansQueriesWithStrippedTextAndResolvedImages(@TempDir Path root) throws Exception {
    writeExistingImages(root);

    SourceBatch batch = MmebTrainSourceReader.builder(Fixtures.resource(FILE)).withImageRoot(root).build().read();

    SourceRecord first = queryFromLine(batch, 1);
    assertThat(first.id()).matches("mmeb:q:[0-9a-f]{16}");
    assertThat(first.text())
        .isEqualTo("Represent the given image with the following question: What is the dog holding?\n");
    assertThat(first.modality()).isEqualTo(Modality.IMAGE_TEXT);
    assertThat(first.image()).isEqualTo(new ImageRef.File(
        root.toAbsolutePath().resolve("images/A-OKVQA/Train/A-OKVQA_image_1.jpg").toString(),
        ImageRef.ImageFormat.JPEG));
    assertThat(first.source()).containsEntry("neg_text", "ball").doesNotContainKey("neg_image_path")
        .containsEntry("image_path", "images/A-OKVQA/Train/A-OKVQA_image_1.jpg");
    assertThat(candidate(batch, first.positiveIds().get(0)).text()).isEqualTo("frisbee");

    SourceRecord textQuery = queryFromLine(batch, 2);
    SourceRecord imagePositive = candidate(batch, textQuery.positiveIds().get(0));
    assertThat(imagePositive.image()).isInstanceOfSatisfying(ImageRef.File.class,
        f -> assertThat(f.format()).isEqualTo(ImageRef.ImageFormat.PNG));
    assertThat(imagePositive.source()).containsEntry("raw_text", "<|image_1|>\nRepresent the given image.\n")
        .containsEntry(MmebTrainSourceReader.LINE, "2");

    // Line 6 reuses line 4's positive: one candidate row, first seen on line 4.
    SourceRecord sharedPositive = candidate(batch, queryFromLine(batch, 6).positiveIds().get(0));
    assertThat(sharedPositive.text()).isEqualTo("tabby, tabby cat");
    assertThat(sharedPositive.source()).containsEntry(MmebTrainSourceReader.LINE, "4");
  }

  @Test
  void withoutImageRootKeepsOnlyTextRows() throws Exception {
    SourceBatch batch =
        MmebTrainSourceReader.builder(Fixtures.resource(FILE)).withDataset("mmeb-sample").build().read();

    assertThat(batch.rowsRead()).isEqualTo(ROWS);
    assertThat(batch.records()).hasSize(5).allSatisfy(r -> {
      assertThat(r.image()).isNull();
      assertThat(r.dataset()).isEqualTo("mmeb-sample");
    });
    assertThat(batch.records()).filteredOn(r -> r.role() == Role.QUERY).singleElement()
        .satisfies(q -> assertThat(q.text()).startsWith("Find the answer to the trivia question"));
    assertThat(batch.rejects()).extracting(Reject::reason).containsExactly(
        RejectReason.MISSING_IMAGE, // line 1 query
        RejectReason.MISSING_IMAGE, // line 2 positive
        RejectReason.NO_POSITIVE, // line 2 query
        RejectReason.MALFORMED_ROW,
        RejectReason.MISSING_IMAGE, // line 4 query
        RejectReason.DUPLICATE_ID,
        RejectReason.MISSING_IMAGE, // line 6 query
        RejectReason.MALFORMED_ROW);
  }

  @Test
  void idsAreDeterministicAndMaxRowsCountsLines(@TempDir Path root) throws Exception {
    writeExistingImages(root);
    Path file = Fixtures.resource(FILE);

    SourceBatch first = MmebTrainSourceReader.builder(file).withImageRoot(root).build().read();
    SourceBatch second = MmebTrainSourceReader.builder(file).withImageRoot(root).build().read();
    SourceBatch limited = MmebTrainSourceReader.builder(file).withImageRoot(root).withMaxRows(2).build().read();

    assertThat(second).isEqualTo(first);
    assertThat(limited.rowsRead()).isEqualTo(4);
    assertThat(limited.records()).containsExactlyElementsOf(first.records().subList(0, 4));
  }

  @Test
  void parsesRowsStrictlyOnTextFields() throws Exception {
    ObjectMapper mapper = new ObjectMapper();

    MmebTrainRow row = MmebTrainRow.fromJson(mapper.readTree("{\"qry\": \"q\", \"pos_text\": \"p\", \"extra\": 1}"));

    assertThat(row).isEqualTo(new MmebTrainRow("q", "", "p", "", "", ""));
    assertThatThrownBy(() -> MmebTrainRow.fromJson(mapper.readTree("{\"qry\": 3, \"pos_text\": \"p\"}")))
        .hasMessage("Cannot read an MMEB-train row: field qry must be a string (got NUMBER 3)");
    assertThatThrownBy(() -> MmebTrainRow.fromJson(mapper.readTree("[1]")))
        .hasMessage("Cannot read an MMEB-train row: expected a JSON object (got ARRAY)");
  }

  private static void writeExistingImages(Path root) throws Exception {
    for (String path : List.of("images/A-OKVQA/Train/A-OKVQA_image_1.jpg", "images/MSCOCO_t2i/Train/cat_sofa.png",
        "images/ImageNet_1K/Train/cat_0002.png")) {
      Fixtures.writeImage(root, path);
    }
  }

  private static SourceRecord queryFromLine(SourceBatch batch, int line) {
    return batch.records().stream()
        .filter(r -> r.role() == Role.QUERY)
        .filter(r -> r.source().get(MmebTrainSourceReader.LINE).equals(Integer.toString(line)))
        .findFirst().orElseThrow();
  }

  private static SourceRecord candidate(SourceBatch batch, String id) {
    Map<String, SourceRecord> byId = new java.util.HashMap<>();
    batch.records().forEach(r -> byId.put(r.id(), r));
    assertThat(byId).containsKey(id);
    return byId.get(id);
  }
}
