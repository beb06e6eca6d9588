package org.unime.tests;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.conf.UnimeSettings;
import org.unime.jobs.IngestJob;
import org.unime.pipeline.ingest.IngestReport;

/** Bad rows in user-provided data end up in the rejects table with a reason; nothing is lost or crashes the job. */
class BadInputIngestIT {
  @TempDir Path dir;

  @Test
  void everyKindOfBadRowIsRejectedWithItsReasonAndCountsBalance() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    Files.copy(realEmojiPng(), images.resolve("good.png"));
    Files.write(images.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5});
    String huge = "a".repeat(1_000_000);
    Path rows = dir.resolve("rows.jsonl");
    Files.write(
        rows,
        List.of(
            row("<|image_1|>\nFind the emoji name.", "images/good.png", "grinning face", ""),
            row("<|image_1|>\nFind the emoji name.", "images/corrupt.png", "broken face", ""),
            row("<|image_1|>\nFind the emoji name.", "images/nowhere.png", "missing face", ""),
            row("", "", "empty query", ""),
            row("<|image_1|>\nFind the emoji name.", "images/good.png", "grinning face", ""),
            "{\"qry\": \"truncated",
            row(huge, "", "long answer", ""),
            row("Find the image of a broken face", "", "", "images/corrupt.png"),
            row("Which city is the capital of France?", "", "Paris", "")));
    UnimeSettings settings =
        TestSettings.with(
            dir,
            Map.of(
                "unime.ingest.sources", "[mmeb-train]",
                "unime.ingest.mmeb-train.path", rows.toString(),
                "unime.ingest.mmeb-train.image-root", dir.toString()));
    SparkSession spark = SharedSpark.get();

    IngestReport report = IngestJob.ingest(spark, settings);

    IngestReport.DatasetCounts counts = report.datasets().get("mmeb-train");
    assertThat(counts.balanced()).isTrue();
    assertThat(counts.rejectsByReason())
        .containsKeys("corrupt-image", "missing-image", "empty-text", "duplicate-id", "malformed-row",
            "text-too-long", "unknown-positive");
    List<Row> rejects = spark.read().format("delta").load(settings.storage().rejectsPath()).collectAsList();
    assertThat(rejects).hasSize((int) counts.rejected());
    Map<String, String> detailByReason =
        rejects.stream().collect(Collectors.toMap(r -> r.getAs("reason"), r -> r.getAs("detail"), (a, b) -> a));
    assertThat(detailByReason.get("missing-image")).contains("images/nowhere.png");
    assertThat(detailByReason.get("corrupt-image")).contains("corrupt.png");
    assertThat(detailByReason.get("text-too-long")).contains("1000000");

    List<Row> queries = spark.read().format("delta").load(settings.storage().queriesPath()).collectAsList();
    assertThat(queries).extracting(r -> r.<String>getAs("text"))
        .containsExactlyInAnyOrder("Find the emoji name.", "Which city is the capital of France?");
    assertThat(spark.read().format("delta").load(settings.storage().candidatesPath())
            .filter(col("text").equalTo("Paris")).count())
        .isEqualTo(1);
  }

  @Test
  void referenceJsonFixtureImportsTextAndRejectsImagesWithoutARoot() {
    Path fixture = Path.of(System.getProperty("test.shared.dir", "../../shared"), "data", "unime-v2-example_data.json");
    UnimeSettings settings =
        TestSettings.with(
            dir,
            Map.of(
                "unime.ingest.sources", "[reference-json]",
                "unime.ingest.reference-json.path", fixture.toString()));

    IngestReport report = IngestJob.ingest(SharedSpark.get(), settings);

    IngestReport.DatasetCounts counts = report.datasets().get("unime-v2-reference");
    assertThat(counts.balanced()).isTrue();
    assertThat(counts.candidates()).isGreaterThan(100);
    assertThat(counts.rejectsByReason()).containsKey("missing-image");
  }

  private static String row(String qry, String qryImage, String posText, String posImage) {
    return "{\"qry\": " + json(qry) + ", \"qry_image_path\": " + json(qryImage) + ", \"pos_text\": " + json(posText)
        + ", \"pos_image_path\": " + json(posImage) + "}";
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static Path realEmojiPng() {
    String home = System.getProperty("test.data.home", System.getProperty("user.home") + "/.cache/unime-v2");
    return Path.of(home, "npm/node_modules/emoji-datasource-google/img/google/64/1f600.png");
  }
}
