package org.unime.pipeline.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceJsonCodecTest {
  private final ReferenceJsonCodec codec = new ReferenceJsonCodec();

  @Test
  void readsTheReleasedExampleFile() throws IOException {
    List<MinedRecord> records = Fixtures.referenceRecords();

    assertThat(records).hasSize(50);
    assertThat(records).allSatisfy(r -> {
      assertThat(r.hardNegatives()).hasSize(10);
      assertThat(r.hardNegativeScores()).hasSize(10);
    });
    MinedRecord first = records.get(0);
    assertThat(first.queryText()).isEqualTo(
        "<|image_1|>\nRepresent the given image with the following question: What is prohibited in the shade?\n");
    assertThat(first.queryImage()).isEqualTo("images/A-OKVQA/Train/A-OKVQA_image_3179.jpg");
    assertThat(first.positive()).isEqualTo(new Candidate("parking/standing", ""));
    assertThat(Double.doubleToRawLongBits(first.queryPosScore()))
        .isEqualTo(Double.doubleToRawLongBits(0.7215937972068787));
    assertThat(first.hardNegatives().get(0)).isEqualTo(new Candidate("prevent parking", ""));
    assertThat(first.hardNegativeScores().get(0)).isEqualTo(0.44075605273246765);
  }

  @Test
  void scoresAreTheFloat32ValuesTheJudgeWrote() throws IOException {
    // The judge ran in float32; a double that is not exactly a float would mean the reader rounded something.
    for (MinedRecord r : Fixtures.referenceRecords()) {
      assertThat((double) (float) r.queryPosScore()).isEqualTo(r.queryPosScore());
      for (double s : r.hardNegativeScores()) {
        assertThat((double) (float) s).isEqualTo(s);
      }
    }
  }

  @Test
  void roundTripKeepsRecordsAndScoreBits() throws IOException {
    List<MinedRecord> original = Fixtures.referenceRecords();

    List<MinedRecord> again = codec.read(new ByteArrayInputStream(write(original)));

    assertThat(again).isEqualTo(original);
    for (int i = 0; i < original.size(); i++) {
      assertThat(bits(again.get(i))).as("record %d", i).containsExactlyElementsOf(bits(original.get(i)));
    }
  }

  @Test
  void writesTheReferenceFileByteForByte() throws IOException {
    byte[] reference = Files.readAllBytes(Fixtures.referenceFile());

    byte[] written = write(Fixtures.referenceRecords());

    assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(new String(reference, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void iteratesLazilyAndWritesFromAnIterator() throws IOException {
    List<MinedRecord> original = Fixtures.referenceRecords();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    long written;
    try (InputStream in = Files.newInputStream(Fixtures.referenceFile());
        MinedRecordIterator records = codec.iterate(in)) {
      written = codec.write(records, out);
      assertThat(records.count()).isEqualTo(50);
    }

    assertThat(written).isEqualTo(50);
    assertThat(codec.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(original);
  }

  @Test
  void writesAnEmptyFileAsAnEmptyArray() throws IOException {
    byte[] written = write(List.of());

    assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("[]");
    assertThat(codec.read(new ByteArrayInputStream(written))).isEmpty();
  }

  @Test
  void keepsEmptyNegativeListsAndExtremeScores() throws IOException {
    MinedRecord sparse = new MinedRecord("q", "", "p", "img/p.png", 1.0, List.of(), List.of());
    MinedRecord tiny = new MinedRecord("q2 é", "", "p", "", 8.232426625909284e-05,
        List.of(new Candidate("n\t\"x\"", "a/b.jpg")), List.of(Double.MIN_VALUE));

    List<MinedRecord> again = codec.read(new ByteArrayInputStream(write(List.of(sparse, tiny))));

    assertThat(again).containsExactly(sparse, tiny);
  }

  private byte[] write(List<MinedRecord> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(records, out);
    return out.toByteArray();
  }

  private static List<Long> bits(MinedRecord r) {
    List<Long> bits = new ArrayList<>();
    bits.add(Double.doubleToRawLongBits(r.queryPosScore()));
    r.hardNegativeScores().forEach(s -> bits.add(Double.doubleToRawLongBits(s)));
    return bits;
  }
}
