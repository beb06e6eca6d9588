package org.unime.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;
import org.unime.pipeline.model.Split;

/** The icon reader on the real Tabler and MDI packages; Tabler limited to the first names by sort order. */
class IconSourceReaderTest {
  private static final HoldoutPolicy HOLDOUT = new HoldoutPolicy(0.25, "icon-test");

  private static SourceBatch tabler(int maxConcepts) throws IOException {
    IconOptions options = IconOptions.builder(IconSet.TABLER, HOLDOUT).withMaxConcepts(maxConcepts).build();
    return new IconSourceReader(TestData.nodeModules("@tabler/icons"), options).read();
  }

  @Test
  void tablerBatchIsWellFormed() throws IOException {
    SourceBatch batch = tabler(40);
    assertThat(batch.dataset()).isEqualTo("tabler");
    BatchAssertions.assertWellFormed(batch);
    assertThat(batch.rejects()).isEmpty();
    long textCandidates = batch.records().stream()
        .filter(r -> r.id().startsWith("tabler:text:") && r.role() == Role.CANDIDATE)
        .count();
    assertThat(textCandidates).isEqualTo(40);
  }

  @Test
  void tablerRowsOfOneIcon() throws IOException {
    Map<String, SourceRecord> rows = BatchAssertions.byId(tabler(40));
    SourceRecord text = rows.get("tabler:text:accessible-off");
    assertThat(text.text()).startsWith("accessible off; tags: accessibility, wheelchair, ");
    assertThat(text.source()).containsEntry("set", "tabler").containsEntry("name", "accessible-off");

    // Each style is its own image item; accessible has both, accessible-off only outline.
    SourceRecord filled = rows.get("tabler:filled:accessible:image");
    ImageRef.File svg = (ImageRef.File) filled.image();
    assertThat(svg.format()).isEqualTo(ImageRef.ImageFormat.SVG);
    assertThat(Path.of(svg.path())).isRegularFile();
    assertThat(svg.path()).endsWith("icons/filled/accessible.svg");
    assertThat(filled.source()).containsEntry("style", "filled");
    assertThat(rows).doesNotContainKey("tabler:filled:accessible-off:image");

    SourceRecord i2t = rows.get("tabler:outline:accessible:i2t");
    assertThat(i2t.text()).isEqualTo("Find the icon name that describes the given icon.");
    assertThat(i2t.positiveIds()).containsExactly("tabler:text:accessible");
    SourceRecord t2i = rows.get("tabler:text:accessible:t2i");
    assertThat(t2i.text()).startsWith("Find the icon that matches: accessible; tags: ");
    assertThat(t2i.positiveIds()).containsExactly("tabler:outline:accessible:image", "tabler:filled:accessible:image");
  }

  @Test
  void offVariantsAreDistinctConceptsWithConsistentSplits() throws IOException {
    SourceBatch batch = tabler(200);
    Map<String, Set<Split>> splitsByName = batch.records().stream()
        .collect(Collectors.groupingBy(
            r -> r.source().get("name"), Collectors.mapping(SourceRecord::split, Collectors.toSet())));
    assertThat(splitsByName).containsKeys("a-b", "a-b-off", "abacus", "abacus-off");
    splitsByName.forEach((name, splits) -> assertThat(splits).as(name)
        .containsExactly(HOLDOUT.isHeldOut("tabler:" + name) ? Split.EVAL_UNSEEN_CONCEPT : Split.TRAIN));
    long heldOut = splitsByName.values().stream().filter(s -> s.contains(Split.EVAL_UNSEEN_CONCEPT)).count();
    assertThat(heldOut).isBetween(20L, 80L);
  }

  @Test
  void stylesCanBeRestricted() throws IOException {
    IconOptions options = IconOptions.builder(IconSet.TABLER, HOLDOUT)
        .withMaxConcepts(40)
        .withStyles(List.of("filled"))
        .build();
    SourceBatch batch = new IconSourceReader(TestData.nodeModules("@tabler/icons"), options).read();
    BatchAssertions.assertWellFormed(batch);
    assertThat(batch.records()).noneMatch(r -> r.id().startsWith("tabler:outline:"));
    // Icons not drawn in the chosen style keep their text candidate but cannot have a text-to-image query.
    assertThat(BatchAssertions.rejectIds(batch)).contains("tabler:text:a-b:t2i");
    assertThat(BatchAssertions.byId(batch)).containsKeys("tabler:text:a-b", "tabler:filled:accessible:image");
  }

  @Test
  void mdiUsesAliasesAsMetadataAndKeepsDeprecatedIcons() throws IOException {
    IconOptions options = IconOptions.builder(IconSet.MDI, HOLDOUT).build();
    SourceBatch batch = new IconSourceReader(TestData.nodeModules("@mdi/svg"), options).read();
    assertThat(batch.dataset()).isEqualTo("mdi");
    BatchAssertions.assertWellFormed(batch);
    Map<String, SourceRecord> rows = BatchAssertions.byId(batch);
    assertThat(rows.get("mdi:text:ab-testing").text()).isEqualTo("ab testing; tags: Developer / Languages");
    assertThat(rows.get("mdi:text:access-point-minus").text()).isEqualTo("access point minus");
    assertThat(rows.get("mdi:default:abjad-arabic:image").source())
        .containsEntry("aliases", "writing-system-arabic")
        .containsEntry("style", "default");
    assertThat(((ImageRef.File) rows.get("mdi:default:abacus:image").image()).path()).endsWith("svg/abacus.svg");
    assertThat(rows.get("mdi:text:android").source()).containsEntry("deprecated", "true");
    assertThat(rows).containsKey("mdi:default:android:i2t");
  }
}
