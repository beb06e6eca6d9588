package org.unime.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.conf.UnimeSettings;
import org.unime.jobs.IngestJob;
import org.unime.pipeline.interchange.ImportOptions;
import org.unime.pipeline.interchange.MinedNegatives;
import org.unime.pipeline.interchange.MinedRecord;
import org.unime.pipeline.interchange.MinedRecords;
import org.unime.pipeline.interchange.ReferenceJsonCodec;
import org.unime.pipeline.interchange.ReferenceJsonSourceReader;
import org.unime.udfs.mining.HardNegativeExport;
import org.unime.udfs.mining.MiningSchemas;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The reference JSON fixture imported into Delta and exported again gives back the same records: texts (with their
 * image placeholders), image paths and every score bit for bit.
 */
class ExportRoundTripIT {
  @TempDir Path dir;

  @Test
  void referenceFixtureSurvivesImportAndExport() throws Exception {
    Path fixture = Path.of(System.getProperty("test.shared.dir", "../../shared"), "data", "unime-v2-example_data.json");
    List<MinedRecord> original;
    try (InputStream in = Files.newInputStream(fixture)) {
      original = new ReferenceJsonCodec().read(in);
    }
    Path imageRoot = dir.resolve("mmeb");
    writePlaceholderImages(original, imageRoot);
    UnimeSettings settings =
        TestSettings.with(
            dir,
            Map.of(
                "unime.ingest.sources", "[reference-json]",
                "unime.ingest.reference-json.path", fixture.toString(),
                "unime.ingest.reference-json.image-root", imageRoot.toString()));
    SparkSession spark = SharedSpark.get();
    IngestJob.ingest(spark, settings);

    ImportOptions options =
        ReferenceJsonSourceReader.builder(fixture).withImageRoot(imageRoot).build().options();
    Dataset<Row> hardNegatives = hardNegativeTable(spark, MinedRecords.negatives(original, options));
    Dataset<Row> queries = spark.read().format("delta").load(settings.storage().queriesPath());
    Dataset<Row> candidates = spark.read().format("delta").load(settings.storage().candidatesPath());
    HardNegativeExport export = new HardNegativeExport(queries, candidates);

    Path out = dir.resolve("export");
    long written = export.toReferenceJson(hardNegatives, out);
    List<MinedRecord> exported;
    try (InputStream in = Files.newInputStream(out.resolve("hard_negatives.json"))) {
      exported = new ReferenceJsonCodec().read(in);
    }

    Map<String, MinedRecord> byQuery = distinctByQuery(original);
    assertThat(written).isEqualTo(byQuery.size());
    assertThat(distinctByQuery(exported)).isEqualTo(byQuery);

    long tuples = export.toSentenceTransformers(hardNegatives, out);
    List<String> lines = Files.readAllLines(out.resolve("hard_negatives.jsonl"));
    assertThat(lines).hasSize((int) tuples);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.has("anchor")).isTrue();
    assertThat(first.has("negative_10")).isTrue();
    assertThat(first.get("scores")).hasSize(11);
  }

  private static Map<String, MinedRecord> distinctByQuery(List<MinedRecord> records) {
    return records.stream()
        .collect(Collectors.toMap(r -> r.queryText() + "\u0000" + r.queryImage(), Function.identity(), (a, b) -> a));
  }

  private static Dataset<Row> hardNegativeTable(SparkSession spark, List<MinedNegatives> mined) {
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (MinedNegatives m : mined) {
      if (seen.add(m.queryId())) {
        rows.add(
            RowFactory.create(
                m.queryId(), m.positiveId(), m.positiveScore(),
                CollectionConverters.asScala(m.negativeIds()).toList(),
                CollectionConverters.asScala(m.negativeScores()).toList(),
                "imported", m.negativeIds().size(), 0, Double.NaN));
      }
    }
    return spark.createDataFrame(rows, MiningSchemas.HARD_NEGATIVES);
  }

  private static void writePlaceholderImages(List<MinedRecord> records, Path root) throws Exception {
    Set<String> paths = new HashSet<>();
    for (MinedRecord r : records) {
      paths.add(r.queryImage());
      paths.add(r.posImage());
      r.hardNegatives().forEach(n -> paths.add(n.imagePath()));
    }
    paths.remove("");
    BufferedImage pixel = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    for (String path : paths) {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      // The importer only needs a decodable image at the path; its content does not matter here.
      ImageIO.write(pixel, path.toLowerCase().endsWith(".png") ? "png" : "jpg", file.toFile());
    }
  }
}
