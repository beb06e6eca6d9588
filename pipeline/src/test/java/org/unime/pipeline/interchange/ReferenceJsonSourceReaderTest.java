package org.unime.pipeline.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;
import org.unime.pipeline.model.Split;

class ReferenceJsonSourceReaderTest {
  // Counted independently (Python) from the fixture: 520 distinct (text, image) candidates, 202 with an image.
  private static final int RECORDS = 50;
  private static final int DISTINCT_CANDIDATES = 520;
  private static final int IMAGE_CANDIDATES = 202;

  @Test
  void withoutImageRootKeepsTextRowsAndRejectsImageRows() throws IOException {
    SourceBatch batch = ReferenceJsonSourceReader.builder(Fixtures.referenceFile()).build().read();

    assertThat(batch.dataset()).isEqualTo("unime-v2-reference");
    assertThat(batch.rowsRead()).isEqualTo(RECORDS + DISTINCT_CANDIDATES);
    assertThat(batch.records().size() + batch.rejects().size()).isEqualTo(batch.rowsRead());
    assertThat(batch.records()).hasSize(DISTINCT_CANDIDATES - IMAGE_CANDIDATES)
        .allSatisfy(r -> {
          assertThat(r.image()).isNull();
          assertThat(r.split()).isEqualTo(Split.TRAIN);
        });
    Map<RejectReason, Long> reasons = batch.rejects().stream()
        .collect(Collectors.groupingBy(Reject::reason, Collectors.counting()));
    // 39 queries have an image; the 11 text-only queries all have image positives, so they lose their positive.
    assertThat(reasons).containsOnly(
        Map.entry(RejectReason.MISSING_IMAGE, (long) IMAGE_CANDIDATES + 39),
        Map.entry(RejectReason.NO_POSITIVE, 11L));
    assertThat(batch.rejects()).filteredOn(r -> r.reason() == RejectReason.MISSING_IMAGE)
        .allSatisfy(r -> assertThat(r.detail()).contains("images/").contains("no image root is configured"));
  }

  @Test
  void withImageRootKeepsRowsWhoseImagesExist(@TempDir Path root) throws IOException {
    Fixtures.writeImage(root, "images/A-OKVQA/Train/A-OKVQA_image_3179.jpg"); // record 0's query
    Fixtures.writeImage(root, "images/VisDial/Train/VisDial_image_12797.jpg"); // record 6's positive
    Fixtures.writeImage(root, "images/NIGHTS/Train/ref_058_138.jpg"); // record 10's query ...
    Fixtures.writeImage(root, "images/NIGHTS/Train/distort_058_138_0.jpg"); // ... and positive
    Fixtures.writeImage(root, "images/NIGHTS/Train/ref_019_159.jpg"); // record 28's query, positive absent

    SourceBatch batch = ReferenceJsonSourceReader.builder(Fixtures.referenceFile())
        .withImageRoot(root).withDataset("ref-qwen25vl").build().read();

    assertThat(batch.rowsRead()).isEqualTo(RECORDS + DISTINCT_CANDIDATES);
    assertThat(batch.records()).allSatisfy(r -> assertThat(r.dataset()).isEqualTo("ref-qwen25vl"));
    Map<Long, SourceRecord> queries = batch.records().stream().filter(r -> r.role() == Role.QUERY)
        .collect(Collectors.toMap(r -> Long.parseLong(r.source().get(MinedRecords.RECORD_INDEX)), r -> r));
    assertThat(queries.keySet()).containsExactlyInAnyOrder(0L, 6L, 10L);

    SourceRecord first = queries.get(0L);
    assertThat(first.id()).isEqualTo("ref:q:b0dfe5b822f78ae6");
    assertThat(first.positiveIds()).containsExactly("ref:c:0bc07d504869d521");
    assertThat(first.text())
        .isEqualTo("Represent the given image with the following question: What is prohibited in the shade?\n");
    assertThat(first.source())
        .containsEntry(SourceRowPlanner.RAW_TEXT, "<|image_1|>\n" + first.text())
        .containsEntry(SourceRowPlanner.IMAGE_PATH, "images/A-OKVQA/Train/A-OKVQA_image_3179.jpg")
        .containsEntry(MinedRecords.QUERY_POS_SCORE, "0.7215937972068787");
    assertThat(first.image()).isEqualTo(new ImageRef.File(
        root.toAbsolutePath().resolve("images/A-OKVQA/Train/A-OKVQA_image_3179.jpg").toString(),
        ImageRef.ImageFormat.JPEG));

    Set<String> candidateIds = ids(batch, Role.CANDIDATE);
    assertThat(queries.values()).allSatisfy(q -> assertThat(candidateIds).containsAll(q.positiveIds()));
    SourceRecord imagePositive = byId(batch).get(queries.get(6L).positiveIds().get(0));
    assertThat(imagePositive.text()).isEqualTo("Represent the given image\n");
    assertThat(imagePositive.image()).isInstanceOf(ImageRef.File.class);

    Reject lostPositive = batch.rejects().stream()
        .filter(r -> r.detail().startsWith("record 28: ") && r.rowId().startsWith("ref:q:")).findFirst().orElseThrow();
    assertThat(lostPositive.reason()).isEqualTo(RejectReason.NO_POSITIVE);
    assertThat(batch.rejects()).filteredOn(r -> r.reason() == RejectReason.MISSING_IMAGE).first()
        .satisfies(r -> assertThat(r.detail()).contains("under image root " + root.toAbsolutePath()));
  }

  @Test
  void idsAreDeterministicAcrossReads(@TempDir Path root) throws IOException {
    Fixtures.writeImage(root, "images/A-OKVQA/Train/A-OKVQA_image_3179.jpg");
    ReferenceJsonSourceReader reader = ReferenceJsonSourceReader.builder(Fixtures.referenceFile())
        .withImageRoot(root).build();

    SourceBatch first = reader.read();
    SourceBatch second = ReferenceJsonSourceReader.builder(Fixtures.referenceFile()).withImageRoot(root).build().read();

    assertThat(second).isEqualTo(first);
    assertThat(first.records()).extracting(SourceRecord::id).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("ref:[qc]:[0-9a-f]{16}"));
  }

  @Test
  void minedNegativesUseTheBatchIds() throws IOException {
    List<MinedRecord> records = Fixtures.referenceRecords();
    ImportOptions options = ImportOptions.builder("unime-v2-reference", "ref").build();

    SourceBatch batch = MinedRecords.toSourceBatch(records, options);
    List<MinedNegatives> negatives = MinedRecords.negatives(records, options);

    Set<String> planned = new HashSet<>(ids(batch, Role.CANDIDATE));
    batch.rejects().forEach(r -> planned.add(r.rowId()));
    assertThat(negatives).hasSize(RECORDS).allSatisfy(n -> {
      assertThat(planned).containsAll(n.negativeIds()).contains(n.queryId(), n.positiveId());
      assertThat(n.negativeIds()).hasSize(10);
    });
    assertThat(negatives.get(0).queryId()).isEqualTo("ref:q:b0dfe5b822f78ae6");
    assertThat(negatives.get(0).negativeScores()).isEqualTo(records.get(0).hardNegativeScores());
  }

  @Test
  void maxRowsLimitsRecordsRead() throws IOException {
    SourceBatch batch = ReferenceJsonSourceReader.builder(Fixtures.referenceFile()).withMaxRows(1).build().read();

    // Record 0: the query (image, rejected) plus its positive and 10 text negatives.
    assertThat(batch.rowsRead()).isEqualTo(12);
    assertThat(batch.records()).hasSize(11);
  }

  private static Set<String> ids(SourceBatch batch, Role role) {
    return batch.records().stream().filter(r -> r.role() == role).map(SourceRecord::id).collect(Collectors.toSet());
  }

  private static Map<String, SourceRecord> byId(SourceBatch batch) {
    return batch.records().stream().collect(Collectors.toMap(SourceRecord::id, Function.identity()));
  }
}
