package org.unime.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.Modality;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;
import org.unime.pipeline.model.Split;

/** The emoji reader on the real installed packages, limited to the first base emoji so it runs in about a second. */
class EmojiSourceReaderTest {
  // 210 base emoji by sort_order reach past waving hand (170th, 5 tones) and handshake (208th, 25 tone pairs).
  private static final int CONCEPTS = 210;
  private static final HoldoutPolicy HOLDOUT = new HoldoutPolicy(0.2, "emoji-test");

  private static SourceBatch batch;
  private static Map<String, SourceRecord> byId;

  @BeforeAll
  static void read() throws IOException {
    EmojiOptions options = EmojiOptions.builder(HOLDOUT).withMaxConcepts(CONCEPTS).build();
    batch = new EmojiSourceReader(TestData.emojiModules(), options).read();
    byId = BatchAssertions.byId(batch);
  }

  @Test
  void batchIsWellFormed() {
    assertThat(batch.dataset()).isEqualTo("emoji");
    BatchAssertions.assertWellFormed(batch);
  }

  @Test
  void readsExactlyTheFirstBaseEmoji() {
    Set<String> bases = batch.records().stream().map(r -> r.source().get("base_unified")).collect(Collectors.toSet());
    assertThat(bases).hasSize(CONCEPTS).contains("1F600", "1F44B", "1F91D");
  }

  @Test
  void plansTheFourRowKindsOfAnEmoji() {
    SourceRecord text = byId.get("emoji:text:1f600");
    assertThat(text.role()).isEqualTo(Role.CANDIDATE);
    assertThat(text.text()).isEqualTo("grinning face");
    assertThat(text.modality()).isEqualTo(Modality.TEXT);
    assertThat(text.source()).containsEntry("short_name", "grinning").containsEntry("category", "Smileys & Emotion");
    assertThat(text.source().get("tags")).contains("|").contains("grin");

    SourceRecord image = byId.get("emoji:google:1f600:image");
    assertThat(image.modality()).isEqualTo(Modality.IMAGE);
    assertThat(image.source()).containsEntry("vendor", "google");
    ImageRef.File file = (ImageRef.File) image.image();
    assertThat(file.format()).isEqualTo(ImageRef.ImageFormat.PNG);
    assertThat(Path.of(file.path())).isRegularFile().hasFileName("1f600.png");
    assertThat(file.path()).contains("emoji-datasource-google/img/google/64/");

    SourceRecord i2t = byId.get("emoji:twitter:1f600:i2t");
    assertThat(i2t.text()).isEqualTo(EmojiOptions.DEFAULT_IMAGE_TO_TEXT_INSTRUCTION);
    assertThat(i2t.image()).isEqualTo(byId.get("emoji:twitter:1f600:image").image());
    assertThat(i2t.positiveIds()).containsExactly("emoji:text:1f600");

    SourceRecord t2i = byId.get("emoji:google:1f600:t2i");
    assertThat(t2i.text()).isEqualTo("Find the emoji image that matches: grinning face");
    assertThat(t2i.image()).isNull();
    assertThat(t2i.positiveIds()).containsExactly("emoji:google:1f600:image");
    // One text-to-image query per vendor, so no training query points at an unseen-vendor image.
    assertThat(byId.get("emoji:twitter:1f600:t2i").positiveIds()).containsExactly("emoji:twitter:1f600:image");
    assertThat(byId.get("emoji:twitter:1f600:t2i").split()).isEqualTo(byId.get("emoji:twitter:1f600:image").split());
  }

  @Test
  void skinTonesAreSeparateItemsWithToneLabels() {
    SourceRecord light = byId.get("emoji:text:1f44b-1f3fb");
    assertThat(light.text()).isEqualTo("waving hand: light skin tone");
    assertThat(light.source())
        .containsEntry("skin_tone", "1F3FB")
        .containsEntry("base_unified", "1F44B")
        .containsEntry("tags", byId.get("emoji:text:1f44b").source().get("tags"));
    assertThat(byId.get("emoji:text:1f44b").source()).doesNotContainKey("skin_tone");
    List<String> waveTexts = batch.records().stream()
        .filter(r -> r.role() == Role.CANDIDATE && r.text() != null && r.text().startsWith("waving hand"))
        .map(SourceRecord::text)
        .toList();
    assertThat(waveTexts).hasSize(6).contains("waving hand: dark skin tone");
    assertThat(byId).containsKeys("emoji:google:1f44b-1f3ff:image", "emoji:twitter:1f44b-1f3ff:image");
    // Two-hand tone pairs are items too (5 x 5 tones plus the base handshake); mixed pairs have their own code.
    List<SourceRecord> handshakes = batch.records().stream()
        .filter(r -> r.role() == Role.CANDIDATE && r.text() != null && "1F91D".equals(r.source().get("base_unified")))
        .toList();
    assertThat(handshakes).hasSize(26);
    assertThat(byId.get("emoji:text:1faf1-1f3fb-200d-1faf2-1f3fc").text())
        .isEqualTo("handshake: light skin tone, medium-light skin tone");
    assertThat(byId.get("emoji:text:1faf1-1f3fb-200d-1faf2-1f3fc").source()).containsEntry("skin_tone", "1F3FB-1F3FC");
  }

  @Test
  void unseenVendorIsOnlyTwitterAndTrainingVendorOnlyGoogle() {
    for (SourceRecord r : batch.records()) {
      String vendor = r.source().get("vendor");
      if (r.split() == Split.EVAL_UNSEEN_VENDOR) {
        assertThat(vendor).as(r.id()).isEqualTo("twitter");
      }
      if ("twitter".equals(vendor)) {
        assertThat(r.split()).as(r.id()).isIn(Split.EVAL_UNSEEN_VENDOR, Split.EVAL_UNSEEN_CONCEPT);
      } else {
        assertThat(r.split()).as(r.id()).isIn(Split.TRAIN, Split.EVAL_UNSEEN_CONCEPT);
      }
    }
    assertThat(batch.records()).noneMatch(r -> r.id().contains("apple") || r.id().contains("facebook"));
  }

  @Test
  void heldOutConceptsAreHeldOutInEveryRow() {
    Map<String, Set<Boolean>> heldOutByBase = batch.records().stream().collect(Collectors.groupingBy(
        r -> r.source().get("base_unified"),
        Collectors.mapping(r -> r.split() == Split.EVAL_UNSEEN_CONCEPT, Collectors.toSet())));
    assertThat(heldOutByBase.values()).allSatisfy(sides -> assertThat(sides).hasSize(1));
    long heldOut = heldOutByBase.values().stream().filter(s -> s.contains(true)).count();
    assertThat(heldOut).isPositive().isLessThan(CONCEPTS / 2);
    heldOutByBase.forEach((base, sides) -> assertThat(sides)
        .containsExactly(HOLDOUT.isHeldOut(base.toLowerCase(java.util.Locale.ROOT))));
  }

  @Test
  void vendorsAreConfigurable() throws IOException {
    EmojiOptions swapped = EmojiOptions.builder(new HoldoutPolicy(0.0, ""))
        .withMaxConcepts(3)
        .withVendors(EmojiVendor.TWITTER, EmojiVendor.GOOGLE)
        .withImageToTextInstruction("Name it.")
        .build();
    Map<String, SourceRecord> rows =
        BatchAssertions.byId(new EmojiSourceReader(TestData.emojiModules(), swapped).read());
    assertThat(rows.get("emoji:twitter:1f600:image").split()).isEqualTo(Split.TRAIN);
    assertThat(rows.get("emoji:google:1f600:i2t").split()).isEqualTo(Split.EVAL_UNSEEN_VENDOR);
    assertThat(rows.get("emoji:google:1f600:i2t").text()).isEqualTo("Name it.");
    assertThat(rows.get("emoji:twitter:1f600:t2i").split()).isEqualTo(Split.TRAIN);
    assertThat(rows.get("emoji:google:1f600:t2i").split()).isEqualTo(Split.EVAL_UNSEEN_VENDOR);
  }

  @Test
  void readingIsDeterministic() throws IOException {
    EmojiOptions options = EmojiOptions.builder(HOLDOUT).withMaxConcepts(CONCEPTS).build();
    SourceBatch again = new EmojiSourceReader(TestData.emojiModules(), options).read();
    assertThat(again.records()).extracting(SourceRecord::id)
        .containsExactlyElementsOf(batch.records().stream().map(SourceRecord::id).toList());
    assertThat(again.records()).extracting(SourceRecord::split)
        .containsExactlyElementsOf(batch.records().stream().map(SourceRecord::split).toList());
  }

  @Test
  void imagePathsPointAtExistingFiles() {
    assertThat(batch.records().stream().filter(r -> r.image() != null))
        .allSatisfy(r -> assertThat(Files.isRegularFile(Path.of(((ImageRef.File) r.image()).path()))).isTrue());
  }
}
