package org.unime.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.SourceBatch;

/** The icon reader's reject rules on a tiny fake Tabler package (no real data needed). */
class IconFakeLayoutTest {
  private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"/>";

  // "-" has a name but no words; "star" has no filled SVG on disk; tags include a number and a null, as real data does.
  private static final String ICONS_JSON = """
      {
        "star": {"name": "star", "category": "Shapes", "tags": ["favorite", 5, null],
                 "styles": {"outline": {}, "filled": {}}},
        "dash": {"name": "-", "tags": [], "styles": {"outline": {}}},
        "star-off": {"name": "star-off", "tags": [], "styles": {"outline": {}}}
      }
      """;

  @TempDir Path nodeModules;

  private SourceBatch read() throws IOException {
    Path pkg = nodeModules.resolve("@tabler/icons");
    Files.createDirectories(pkg.resolve("icons/outline"));
    Files.writeString(pkg.resolve("icons.json"), ICONS_JSON);
    Files.writeString(pkg.resolve("icons/outline/star.svg"), SVG);
    Files.writeString(pkg.resolve("icons/outline/star-off.svg"), SVG);
    IconOptions options = IconOptions.builder(IconSet.TABLER, new HoldoutPolicy(0.0, "")).build();
    return new IconSourceReader(nodeModules, options).read();
  }

  @Test
  void missingSvgAndEmptyNameAreRejected() throws IOException {
    SourceBatch batch = read();
    BatchAssertions.assertWellFormed(batch);
    assertThat(batch.rejects()).extracting(Reject::rowId, Reject::reason).containsExactly(
        tuple("tabler:text:-", RejectReason.EMPTY_TEXT),
        tuple("tabler:outline:-:image", RejectReason.EMPTY_TEXT),
        tuple("tabler:outline:-:i2t", RejectReason.EMPTY_TEXT),
        tuple("tabler:text:-:t2i", RejectReason.EMPTY_TEXT),
        tuple("tabler:filled:star:image", RejectReason.MISSING_IMAGE),
        tuple("tabler:filled:star:i2t", RejectReason.MISSING_IMAGE));
    assertThat(batch.rejects().get(4).detail()).contains("icons/filled/star.svg");
    assertThat(BatchAssertions.byId(batch).get("tabler:text:star:t2i").positiveIds())
        .containsExactly("tabler:outline:star:image");
  }

  @Test
  void numericTagsAreKeptAndNullTagsDropped() throws IOException {
    assertThat(BatchAssertions.byId(read()).get("tabler:text:star").text()).isEqualTo("star; tags: favorite, 5");
  }

  @Test
  void rowsReadCountsEveryPlannedRow() throws IOException {
    // star: text, 2 x (image, i2t), t2i = 6; "-": 4; star-off: 4.
    assertThat(read().rowsRead()).isEqualTo(14);
  }
}
