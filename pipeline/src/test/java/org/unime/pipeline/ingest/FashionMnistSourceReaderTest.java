package org.unime.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;
import org.unime.pipeline.model.Split;

class FashionMnistSourceReaderTest {
  @TempDir Path dir;

  @Test
  void readsTheFirstImagesOfBothPartsFromRealFiles() throws IOException {
    FashionMnistOptions options = FashionMnistOptions.defaults().withMaxTrain(5).withMaxTest(3);
    SourceBatch batch = new FashionMnistSourceReader(TestData.fashionMnist(), options).read();
    BatchAssertions.assertWellFormed(batch);
    assertThat(batch.dataset()).isEqualTo("fashion-mnist");
    assertThat(batch.records()).hasSize(10 + 5 + 3);
    assertThat(batch.records()).filteredOn(r -> r.role() == Role.CANDIDATE)
        .extracting(SourceRecord::text)
        .containsExactlyElementsOf(FashionMnistSourceReader.CLASS_NAMES);
    assertThat(batch.records()).filteredOn(r -> r.role() == Role.CANDIDATE)
        .allSatisfy(r -> assertThat(r.split()).isEqualTo(Split.TRAIN));

    Map<String, SourceRecord> rows = BatchAssertions.byId(batch);
    SourceRecord first = rows.get("fashion-mnist:train:0");
    // Index 0 of the published training set is an ankle boot (label 9).
    assertThat(first.positiveIds()).containsExactly("fashion-mnist:class:9");
    assertThat(rows.get("fashion-mnist:class:9").text()).isEqualTo("Ankle boot");
    assertThat(first.source()).containsEntry("class_name", "Ankle boot").containsEntry("index", "0");
    assertThat(first.text()).isEqualTo(FashionMnistOptions.DEFAULT_INSTRUCTION);
    assertThat(first.split()).isEqualTo(Split.TRAIN);
    ImageRef.GrayPixels pixels = (ImageRef.GrayPixels) first.image();
    assertThat(pixels.width()).isEqualTo(28);
    assertThat(pixels.height()).isEqualTo(28);
    assertThat(pixels.pixels()).contains((byte) 0);
    assertThat(maxUnsigned(pixels.pixels())).as("brightest pixel").isGreaterThan(200);
    assertThat(rows.get("fashion-mnist:t10k:2").split()).isEqualTo(Split.TEST);
    assertThat(rows).doesNotContainKeys("fashion-mnist:train:5", "fashion-mnist:t10k:3");
  }

  @Test
  void badMagicNumberThrowsNamingFileAndField() throws IOException {
    writeIdx("train-images-idx3-ubyte.gz", 2049, 1, 28, 28);
    writeIdx("train-labels-idx1-ubyte.gz", 2049, 1);
    assertThatThrownBy(() -> new FashionMnistSourceReader(dir, FashionMnistOptions.defaults()).read())
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot read IDX file " + dir.resolve("train-images-idx3-ubyte.gz")
            + ": field 'magic' must be 2051 (got 2049)");
  }

  @Test
  void wrongImageSizeThrows() throws IOException {
    writeIdx("train-images-idx3-ubyte.gz", 2051, 1, 32, 32);
    assertThatThrownBy(() -> IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"), 28, 28, 10))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("field 'rows' must be 28 (got 32)");
  }

  @Test
  void mismatchedCountsThrow() throws IOException {
    writeIdx("train-images-idx3-ubyte.gz", 2051, 2, 28, 28);
    writeIdx("train-labels-idx1-ubyte.gz", 2049, 3);
    writeIdx("t10k-images-idx3-ubyte.gz", 2051, 0, 28, 28);
    writeIdx("t10k-labels-idx1-ubyte.gz", 2049, 0);
    assertThatThrownBy(() -> new FashionMnistSourceReader(dir, FashionMnistOptions.defaults()).read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("field 'count' differs")
        .hasMessageContaining("got 2 images, 3 labels");
  }

  @Test
  void truncatedDataThrowsNamingTheItem() throws IOException {
    Path file = dir.resolve("t.gz");
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(2051);
      out.writeInt(2);
      out.writeInt(28);
      out.writeInt(28);
      out.write(new byte[28 * 28 + 5]);
    }
    assertThatThrownBy(() -> IdxReader.readImages(file, 28, 28, 10))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated at item 1 of the 2 declared");
  }

  @Test
  void uncompressedFilesAreReadToo() throws IOException {
    Path file = dir.resolve("labels.idx");
    Files.write(file, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 3});
    assertThat(IdxReader.readLabels(file, 10).labels()).containsExactly(7, 3);
  }

  @Test
  void outOfRangeLabelIsMalformedRow() throws IOException {
    writeIdx("train-images-idx3-ubyte.gz", 2051, 2, 28, 28);
    writeIdx("train-labels-idx1-ubyte.gz", 2049, 2);
    writeIdx("t10k-images-idx3-ubyte.gz", 2051, 0, 28, 28);
    writeIdx("t10k-labels-idx1-ubyte.gz", 2049, 0);
    SourceBatch batch = new FashionMnistSourceReader(dir, FashionMnistOptions.defaults()).read();
    // writeIdx fills labels with their index + 9: item 0 -> 9 (valid), item 1 -> 10 (invalid).
    assertThat(batch.records()).extracting(SourceRecord::id).contains("fashion-mnist:train:0");
    assertThat(batch.rejects()).singleElement().satisfies(r -> {
      assertThat(r.rowId()).isEqualTo("fashion-mnist:train:1");
      assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_ROW);
      assertThat(r.detail()).contains("got 10");
    });
  }

  private static int maxUnsigned(byte[] bytes) {
    int max = 0;
    for (byte b : bytes) {
      max = Math.max(max, b & 0xFF);
    }
    return max;
  }

  /** Writes a gzipped IDX file: header ints, then items (images zero-filled, labels index + 9). */
  private void writeIdx(String name, int magic, int count, int... dims) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      out.writeInt(count);
      int itemSize = 1;
      for (int d : dims) {
        out.writeInt(d);
        itemSize *= d;
      }
      for (int i = 0; i < count; i++) {
        byte[] item = new byte[itemSize];
        if (dims.length == 0) {
          item[0] = (byte) (i + 9);
        }
        out.write(item);
      }
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
      out.write(bytes.toByteArray());
    }
  }
}
