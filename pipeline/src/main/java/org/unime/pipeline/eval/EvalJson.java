package org.unime.pipeline.eval;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Jackson plumbing shared by the readers: a parser that owns its file, field access that names the field and the
 * place on failure. Values are read one row at a time as small trees, so a file is never held whole.
 */
final class EvalJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String what;
  private final Path file;

  EvalJson(String what, Path file) {
    this.what = what;
    this.file = file;
  }

  /** A parser over the file; closing it closes the file. */
  JsonParser open() throws IOException {
    return MAPPER.getFactory().createParser(Files.newInputStream(file));
  }

  String fileName() {
    return String.valueOf(file.getFileName());
  }

  /** Next token, with malformed JSON reported at its line. */
  JsonToken next(JsonParser parser, String where) throws EvalFormatException {
    try {
      return parser.nextToken();
    } catch (JsonProcessingException e) {
      throw malformed(where, e);
    } catch (IOException e) {
      throw new EvalFormatException(what, where, "the file cannot be read (got " + e + ")", e);
    }
  }

  /** The value the parser is on, as a tree. */
  JsonNode tree(JsonParser parser, String where) throws EvalFormatException {
    try {
      return MAPPER.readTree(parser);
    } catch (JsonProcessingException e) {
      throw malformed(where, e);
    } catch (IOException e) {
      throw new EvalFormatException(what, where, "the file cannot be read (got " + e + ")", e);
    }
  }

  int line(JsonParser parser) {
    JsonLocation at = parser.currentTokenLocation();
    return at == null ? -1 : at.getLineNr();
  }

  EvalFormatException error(String where, String why) {
    return new EvalFormatException(what, where, why);
  }

  /** A required string field. */
  String text(JsonNode node, String field, String where) throws EvalFormatException {
    JsonNode value = node.get(field);
    if (value == null) {
      throw error(where, "field " + field + " is missing (got keys " + keys(node) + ")");
    }
    if (!value.isTextual()) {
      throw error(where, "field " + field + " must be a string (got " + value.getNodeType() + " " + value + ")");
    }
    return value.asText();
  }

  /** A string field that may be absent or null, read as {@code ""} then (how the public files mark "no image"). */
  String optionalText(JsonNode node, String field, String where) throws EvalFormatException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw error(where, "field " + field + " must be a string (got " + value.getNodeType() + " " + value + ")");
    }
    return value.asText();
  }

  /** A required array of strings; null elements read as {@code ""} only when {@code nullAsEmpty}. */
  List<String> texts(JsonNode node, String field, String where, NullElements nulls) throws EvalFormatException {
    JsonNode value = node.get(field);
    if (value == null) {
      throw error(where, "field " + field + " is missing (got keys " + keys(node) + ")");
    }
    if (!value.isArray()) {
      throw error(where, "field " + field + " must be an array of strings (got " + value.getNodeType() + ")");
    }
    List<String> out = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (element.isNull() && nulls == NullElements.AS_EMPTY) {
        out.add("");
      } else if (element.isTextual()) {
        out.add(element.asText());
      } else {
        throw error(where, "element " + i + " of " + field + " must be a string (got " + element.getNodeType() + " "
            + element + ")");
      }
    }
    return out;
  }

  /** Whether null elements of a string array are accepted as {@code ""} (image paths) or rejected (captions). */
  enum NullElements {
    AS_EMPTY,
    REJECT
  }

  static List<String> keys(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private EvalFormatException malformed(String where, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new EvalFormatException(what, where, "malformed JSON" + position + " (got " + e.getOriginalMessage() + ")",
        e);
  }
}
