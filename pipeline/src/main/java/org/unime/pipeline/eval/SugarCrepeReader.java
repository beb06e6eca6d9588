package org.unime.pipeline.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one SugarCrepe subset file ({@code replace_obj.json}, ...): a JSON object keyed by item id,
 * {@code {"0": {"filename": ..., "caption": ..., "negative_caption": ...}, ...}}. Items stream one at a time, in
 * file order; other item keys are ignored.
 *
 * <p>A missing or non-string field, a repeated key, a negative equal to the caption, or a file with no items fails
 * the read with an {@link EvalFormatException} naming the key. Stateless and thread-safe.
 */
public final class SugarCrepeReader {
  private static final String WHAT = "SugarCrepe item";

  private SugarCrepeReader() {}

  /** Reads a subset file; the subset is the file name without {@code .json} (e.g. {@code replace_obj}). */
  public static List<CompositionalItem> read(Path file) throws IOException {
    String name = String.valueOf(file.getFileName());
    return read(file, name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name);
  }

  /** Reads a subset file under the given subset name. */
  public static List<CompositionalItem> read(Path file, String subset) throws IOException {
    EvalJson json = new EvalJson(WHAT, file);
    try (JsonParser parser = json.open()) {
      String start = "the start of " + json.fileName();
      JsonToken first = json.next(parser, start);
      if (first != JsonToken.START_OBJECT) {
        throw json.error(start, "expected a JSON object keyed by item id (got " + first + ")");
      }
      List<CompositionalItem> out = new ArrayList<>();
      Set<String> keys = new HashSet<>();
      while (json.next(parser, "the end of " + json.fileName()) == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        String where = "key \"" + key + "\" (line " + json.line(parser) + " of " + json.fileName() + ")";
        if (!keys.add(key)) {
          throw json.error(where, "the key appears twice (got \"" + key + "\")");
        }
        if (json.next(parser, where) != JsonToken.START_OBJECT) {
          throw json.error(where, "expected an object with filename, caption, negative_caption (got "
              + parser.currentToken() + ")");
        }
        out.add(item(json, json.tree(parser, where), key, subset, where));
      }
      if (out.isEmpty()) {
        throw json.error(json.fileName(), "the file has no items (got {})");
      }
      return out;
    }
  }

  private static CompositionalItem item(EvalJson json, JsonNode node, String key, String subset, String where)
      throws EvalFormatException {
    String filename = json.text(node, "filename", where);
    String caption = json.text(node, "caption", where);
    String negative = json.text(node, "negative_caption", where);
    if (caption.equals(negative)) {
      throw json.error(where, "negative_caption equals caption (got \"" + caption + "\")");
    }
    return new CompositionalItem(key, filename, caption, negative, subset);
  }
}
