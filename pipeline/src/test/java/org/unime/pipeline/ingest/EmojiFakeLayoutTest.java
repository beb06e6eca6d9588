package org.unime.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;

/**
 * The reject rules of the emoji reader, on a small fake package layout built from real PNGs: duplicate bytes within a
 * vendor, a declared-but-absent file, an emoji without a CLDR label, and the FE0F/case-insensitive label join.
 */
class EmojiFakeLayoutTest {
  private static final String EMOJI_JSON = """
      [
        {"unified": "1F603", "image": "1f603.png", "short_name": "smiley", "sort_order": 2,
         "has_img_google": true, "has_img_twitter": true, "has_img_apple": true},
        {"unified": "1F600", "image": "1f600.png", "short_name": "grinning", "category": "Smileys & Emotion",
         "subcategory": "face-smiling", "sort_order": 1, "has_img_google": true, "has_img_twitter": true},
        {"unified": "1F604", "image": "1f604.png", "sort_order": 3, "has_img_google": true, "has_img_twitter": true},
        {"unified": "1F605", "image": "1f605.png", "sort_order": 4, "has_img_google": true, "has_img_twitter": false},
        {"unified": "1F606", "image": "1f606.png", "sort_order": 5, "has_img_google": true, "has_img_twitter": false},
        {"unified": "2764-FE0F", "image": "2764-fe0f.png", "sort_order": 6,
         "has_img_google": true, "has_img_twitter": false}
      ]
      """;

  private static final String EMOJIBASE_JSON = """
      [
        {"hexcode": "1F600", "label": "grinning face", "tags": ["face", "grin"]},
        {"hexcode": "1f603", "label": "grinning face with big eyes", "tags": ["face", "mouth"]},
        {"hexcode": "1F604", "label": "grinning face with smiling eyes", "tags": []},
        {"hexcode": "1F605", "label": "grinning face with sweat", "tags": []},
        {"hexcode": "2764", "label": "red heart", "tags": ["heart"]}
      ]
      """;

  @TempDir Path nodeModules;

  @BeforeEach
  void layOutPackages() throws IOException {
    Path real = TestData.emojiModules();
    write(nodeModules.resolve("emoji-datasource/emoji.json"), EMOJI_JSON);
    write(nodeModules.resolve("emojibase-data/en/data.json"), EMOJIBASE_JSON);
    Path googleReal = EmojiVendor.GOOGLE.imagePath(real, "1f600.png");
    Path twitterReal = EmojiVendor.TWITTER.imagePath(real, "1f600.png");
    // Google: 1f603 and 1f604 are byte copies of 1f600. Twitter: 1f603 is its own art, 1f604 a copy of 1f600.
    copy(googleReal, EmojiVendor.GOOGLE.imagePath(nodeModules, "1f600.png"));
    copy(googleReal, EmojiVendor.GOOGLE.imagePath(nodeModules, "1f603.png"));
    copy(googleReal, EmojiVendor.GOOGLE.imagePath(nodeModules, "1f604.png"));
    copy(EmojiVendor.GOOGLE.imagePath(real, "1f606.png"), EmojiVendor.GOOGLE.imagePath(nodeModules, "1f606.png"));
    copy(EmojiVendor.GOOGLE.imagePath(real, "2764-fe0f.png"),
        EmojiVendor.GOOGLE.imagePath(nodeModules, "2764-fe0f.png"));
    copy(twitterReal, EmojiVendor.TWITTER.imagePath(nodeModules, "1f600.png"));
    copy(EmojiVendor.TWITTER.imagePath(real, "1f603.png"), EmojiVendor.TWITTER.imagePath(nodeModules, "1f603.png"));
    copy(twitterReal, EmojiVendor.TWITTER.imagePath(nodeModules, "1f604.png"));
    // 1f605.png is declared for Google but deliberately not copied.
  }

  private SourceBatch read() throws IOException {
    return new EmojiSourceReader(nodeModules, EmojiOptions.builder(new HoldoutPolicy(0.0, "")).build()).read();
  }

  @Test
  void laterDuplicateImageIsRejectedWithItsQuery() throws IOException {
    SourceBatch batch = read();
    BatchAssertions.assertWellFormed(batch);
    Map<String, Reject> rejects = batch.rejects().stream().collect(Collectors.toMap(Reject::rowId, r -> r));
    assertThat(rejects.get("emoji:google:1f603:image").reason()).isEqualTo(RejectReason.DUPLICATE_IMAGE);
    assertThat(rejects.get("emoji:google:1f603:image").detail()).contains("emoji:google:1f600:image");
    assertThat(rejects.get("emoji:google:1f603:i2t").reason()).isEqualTo(RejectReason.DUPLICATE_IMAGE);
    assertThat(rejects.get("emoji:google:1f603:t2i").reason()).isEqualTo(RejectReason.DUPLICATE_IMAGE);
    Map<String, SourceRecord> rows = BatchAssertions.byId(batch);
    // The earlier emoji (by sort_order, not file order) keeps the image.
    assertThat(rows).containsKeys("emoji:google:1f600:image", "emoji:google:1f600:i2t");
    // The same bytes under another vendor are not duplicates: twitter 1f603 is kept.
    assertThat(rows.get("emoji:twitter:1f603:t2i").positiveIds()).containsExactly("emoji:twitter:1f603:image");
  }

  @Test
  void textToImageQueriesFollowTheirVendorImage() throws IOException {
    SourceBatch batch = read();
    assertThat(batch.rejects()).extracting(Reject::rowId, Reject::reason).contains(
        org.assertj.core.groups.Tuple.tuple("emoji:google:1f604:image", RejectReason.DUPLICATE_IMAGE),
        org.assertj.core.groups.Tuple.tuple("emoji:twitter:1f604:image", RejectReason.DUPLICATE_IMAGE),
        org.assertj.core.groups.Tuple.tuple("emoji:google:1f604:t2i", RejectReason.DUPLICATE_IMAGE),
        org.assertj.core.groups.Tuple.tuple("emoji:twitter:1f604:t2i", RejectReason.DUPLICATE_IMAGE));
    // The text candidate survives: it is still a valid (hard) negative for other queries.
    assertThat(BatchAssertions.byId(batch)).containsKey("emoji:text:1f604");
  }

  @Test
  void declaredButAbsentImageIsMissingImage() throws IOException {
    SourceBatch batch = read();
    assertThat(batch.rejects()).filteredOn(r -> r.rowId().startsWith("emoji:google:1f605:"))
        .extracting(Reject::reason)
        .containsExactly(RejectReason.MISSING_IMAGE, RejectReason.MISSING_IMAGE, RejectReason.MISSING_IMAGE);
    assertThat(batch.rejects()).filteredOn(r -> r.rowId().equals("emoji:google:1f605:image"))
        .singleElement()
        .satisfies(r -> assertThat(r.detail()).contains("1f605.png"));
    assertThat(BatchAssertions.rejectIds(batch)).contains("emoji:google:1f605:t2i");
  }

  @Test
  void emojiWithoutLabelIsRejectedRowByRow() throws IOException {
    List<Reject> rejects = read().rejects().stream().filter(r -> r.rowId().contains("1f606")).toList();
    assertThat(rejects).extracting(Reject::rowId).containsExactly(
        "emoji:text:1f606", "emoji:google:1f606:image", "emoji:google:1f606:i2t", "emoji:google:1f606:t2i");
    assertThat(rejects).allSatisfy(r -> {
      assertThat(r.reason()).isEqualTo(RejectReason.EMPTY_TEXT);
      assertThat(r.detail()).contains("1F606");
    });
  }

  @Test
  void labelsJoinIgnoringCaseAndVariationSelectors() throws IOException {
    Map<String, SourceRecord> rows = BatchAssertions.byId(read());
    assertThat(rows.get("emoji:text:2764-fe0f").text()).isEqualTo("red heart");
    assertThat(rows.get("emoji:text:1f603").text()).isEqualTo("grinning face with big eyes");
    assertThat(rows.values()).noneMatch(r -> r.id().contains("apple"));
  }

  @Test
  void rowsReadCountsEveryPlannedRow() throws IOException {
    SourceBatch batch = read();
    // Text + per vendor (image, i2t, t2i): 1f600: 7 rows, 1f603: 7, 1f604: 7, 1f605: 4 (google only), 1f606: 4,
    // 2764: 4.
    assertThat(batch.rowsRead()).isEqualTo(33);
    assertThat(batch.records().size() + batch.rejects().size()).isEqualTo(33);
  }

  @Test
  void unreadableMetadataThrowsNamingTheFile() throws IOException {
    write(nodeModules.resolve("emoji-datasource/emoji.json"), "{\"not\": \"an array\"}");
    assertThatThrownBy(this::read)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cannot read emoji metadata")
        .hasMessageContaining("emoji.json");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
  }
}
