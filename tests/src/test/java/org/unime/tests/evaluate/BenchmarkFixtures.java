package org.unime.tests.evaluate;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.unime.conf.UnimeSettings;

/**
 * Small files in the public benchmark formats (MMEB-eval JSON Lines, a Karpathy split, SugarCrepe subsets), made
 * from ingested Google emoji of the train split: each image's caption is its CLDR label. Returns the
 * {@code unime.evaluation} settings that point at them.
 */
final class BenchmarkFixtures {
  private BenchmarkFixtures() {}

  record Emoji(String image, String label) {}

  static Map<String, String> write(SparkSession spark, UnimeSettings settings, Path dir) throws Exception {
    List<Emoji> emoji = emoji(spark, settings, dir.resolve("images"));
    Path mmeb = Files.createDirectories(dir.resolve("mmeb"));
    StringBuilder voc = new StringBuilder();
    StringBuilder coco = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      List<String> texts = new ArrayList<>();
      List<String> images = new ArrayList<>();
      for (int j = 0; j < 4; j++) {
        Emoji e = emoji.get((i + j) % emoji.size());
        texts.add(json(e.label()));
        images.add(json(e.image()));
      }
      Emoji q = emoji.get(i);
      voc.append(String.format("{\"qry_text\": %s, \"qry_img_path\": %s, \"tgt_text\": [%s], \"tgt_img_path\":"
          + " [\"\", \"\", \"\", \"\"]}%n", json("<|image_1|>\nRepresent the given image for classification"),
          json(q.image()), String.join(", ", texts)));
      coco.append(String.format("{\"qry_text\": %s, \"qry_img_path\": \"\", \"tgt_text\": [%s], \"tgt_img_path\":"
          + " [%s]}%n", json("Find me an everyday image that matches the given caption: " + q.label()),
          String.join(", ", List.of(json("<|image_1|>"), json("<|image_1|>"), json("<|image_1|>"), json("<|image_1|>"))),
          String.join(", ", images)));
    }
    Files.writeString(mmeb.resolve("VOC2007.jsonl"), voc);
    Files.writeString(mmeb.resolve("MSCOCO_t2i.jsonl"), coco);

    StringBuilder karpathy = new StringBuilder("{\"images\": [");
    for (int i = 0; i < 8; i++) {
      Emoji e = emoji.get(i);
      karpathy.append(i == 0 ? "" : ", ").append(String.format("{\"filename\": %s, \"split\": \"test\","
          + " \"sentences\": [{\"raw\": %s}, {\"raw\": %s}]}", json(e.image()), json(e.label()),
          json("an emoji of " + e.label())));
    }
    Files.writeString(dir.resolve("dataset_flickr30k.json"), karpathy.append("]}"));

    Path sugar = Files.createDirectories(dir.resolve("sugar-crepe"));
    StringBuilder replace = new StringBuilder("{");
    for (int i = 0; i < 6; i++) {
      Emoji e = emoji.get(i);
      replace.append(i == 0 ? "" : ", ").append(String.format("\"%d\": {\"filename\": %s, \"caption\": %s,"
          + " \"negative_caption\": %s}", i, json(e.image()), json(e.label()), json(emoji.get(i + 6).label())));
    }
    Files.writeString(sugar.resolve("replace_att.json"), replace.append("}"));

    Map<String, String> conf = new HashMap<>();
    conf.put("unime.evaluation.mmeb.dir", mmeb.toString());
    conf.put("unime.evaluation.mmeb.image-root", dir.resolve("images").toString());
    conf.put("unime.evaluation.karpathy.file", dir.resolve("dataset_flickr30k.json").toString());
    conf.put("unime.evaluation.karpathy.image-root", dir.resolve("images").toString());
    conf.put("unime.evaluation.sugar-crepe.dir", sugar.toString());
    conf.put("unime.evaluation.sugar-crepe.image-root", dir.resolve("images").toString());
    return conf;
  }

  /** Twelve train-split Google emoji with their labels; images written as PNG files under {@code images}. */
  private static List<Emoji> emoji(SparkSession spark, UnimeSettings settings, Path images) throws Exception {
    Files.createDirectories(images);
    List<Row> rows = spark.read().format("delta").load(settings.storage().candidatesPath())
        .filter(col("dataset").equalTo("emoji").and(col("split").equalTo("train")))
        .select("id", "text", "image", "source").orderBy("id").collectAsList();
    Map<String, String> labels = new HashMap<>();
    for (Row r : rows) {
      if (r.isNullAt(2)) {
        labels.put(r.<String, String>getJavaMap(3).get("unified"), r.getString(1));
      }
    }
    List<Emoji> out = new ArrayList<>();
    for (Row r : rows) {
      String label = labels.get(r.<String, String>getJavaMap(3).get("unified"));
      if (!r.isNullAt(2) && label != null && out.size() < 12) {
        String name = r.getString(0).replace(':', '_') + ".png";
        Files.write(images.resolve(name), (byte[]) r.get(2));
        out.add(new Emoji(name, label));
      }
    }
    if (out.size() < 12) {
      throw new IllegalStateException("Cannot build benchmark fixtures: only " + out.size() + " labelled emoji");
    }
    return out;
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
