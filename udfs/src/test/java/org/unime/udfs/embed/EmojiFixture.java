package org.unime.udfs.embed;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * A few hundred real Google emoji (64 px PNG) with their names, read straight from the installed
 * {@code emoji-datasource-google} package (scripts/setup.sh): the label candidates and the image queries the ingest
 * would produce, without Spark. Tests skip when the data is not installed.
 */
final class EmojiFixture {
  static final String INSTRUCTION = "Find the emoji name that describes the given image.";

  final List<EmbeddingInput> labels = new ArrayList<>();
  final List<LabeledQuery> imageQueries = new ArrayList<>();

  static EmojiFixture load(int count) throws IOException {
    Path root =
        Path.of(System.getProperty("test.data.home", System.getProperty("user.home") + "/.cache/unime-v2"))
            .resolve("npm/node_modules/emoji-datasource-google");
    Assumptions.assumeTrue(Files.isRegularFile(root.resolve("emoji.json")), "emoji data not installed: " + root);
    JsonArray all = JsonParser.parseString(Files.readString(root.resolve("emoji.json"))).getAsJsonArray();
    EmojiFixture fixture = new EmojiFixture();
    for (JsonElement e : all) {
      JsonObject emoji = e.getAsJsonObject();
      Path png = root.resolve("img/google/64").resolve(emoji.get("image").getAsString());
      if (fixture.labels.size() == count || emoji.get("name").isJsonNull() || !Files.isRegularFile(png)) {
        continue;
      }
      String code = emoji.get("unified").getAsString().toLowerCase(Locale.ROOT);
      String labelId = "emoji:text:" + code;
      fixture.labels.add(EmbeddingInput.text(labelId, emoji.get("name").getAsString().toLowerCase(Locale.ROOT)));
      fixture.imageQueries.add(
          new LabeledQuery(
              new EmbeddingInput("emoji:google:" + code + ":i2t", INSTRUCTION, Files.readAllBytes(png)),
              "emoji",
              List.of(labelId)));
    }
    return fixture;
  }
}
