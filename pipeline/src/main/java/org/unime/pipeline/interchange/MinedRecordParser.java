package org.unime.pipeline.interchange;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one mined record from a token stream positioned on its {@code START_OBJECT}. It pulls tokens instead of
 * binding a tree so that memory stays proportional to one record, whatever the file size. Unknown fields are
 * skipped: later releases may add fields, and ignoring them keeps old importers working.
 */
final class MinedRecordParser {
  private final JsonParser parser;
  private final long index;

  private String queryText;
  private String queryImage;
  private String posText;
  private String posImage;
  private Double queryPosScore;
  private List<Candidate> hardNegatives;
  private List<Double> hardNegativeScores;

  private MinedRecordParser(JsonParser parser, long index) {
    this.parser = parser;
    this.index = index;
  }

  /** Parses the record whose {@code START_OBJECT} is the current token; leaves the parser on its {@code END_OBJECT}. */
  static MinedRecord parse(JsonParser parser, long index) throws IOException {
    return new MinedRecordParser(parser, index).parse();
  }

  private MinedRecord parse() throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw error("expected a JSON object (got " + describe(parser.currentToken()) + ")");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      readField(field);
    }
    if (queryPosScore == null) {
      throw error("field " + MinedRecordFields.QUERY_POS_SCORES + " is missing");
    }
    String problem = MinedRecord.problem(queryText, queryImage, posText, posImage, queryPosScore, hardNegatives,
        hardNegativeScores);
    if (problem != null) {
      throw error(problem);
    }
    return new MinedRecord(queryText, queryImage, posText, posImage, queryPosScore, hardNegatives,
        hardNegativeScores);
  }

  private void readField(String field) throws IOException {
    switch (field) {
      case MinedRecordFields.QUERY_TEXT -> queryText = string(field);
      case MinedRecordFields.QUERY_IMAGE -> queryImage = string(field);
      case MinedRecordFields.POS_TEXT -> posText = string(field);
      case MinedRecordFields.POS_IMAGE -> posImage = string(field);
      case MinedRecordFields.QUERY_POS_SCORES -> queryPosScore = number(field);
      case MinedRecordFields.HARD_NEGATIVES -> hardNegatives = candidates();
      case MinedRecordFields.HARD_NEGATIVES_SCORES -> hardNegativeScores = numbers();
      default -> parser.skipChildren();
    }
  }

  private List<Candidate> candidates() throws IOException {
    String field = MinedRecordFields.HARD_NEGATIVES;
    expectArray(field);
    List<Candidate> out = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      String element = field + "[" + out.size() + "]";
      expectArray(element);
      List<String> parts = new ArrayList<>(2);
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        parts.add(string(element + "[" + parts.size() + "]"));
      }
      if (parts.size() != 2) {
        throw error("field " + element + " must be a [text, image_path] pair (got " + parts.size() + " values)");
      }
      out.add(new Candidate(parts.get(0), parts.get(1)));
    }
    return out;
  }

  private List<Double> numbers() throws IOException {
    String field = MinedRecordFields.HARD_NEGATIVES_SCORES;
    expectArray(field);
    List<Double> out = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      out.add(number(field + "[" + out.size() + "]"));
    }
    return out;
  }

  private void expectArray(String field) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw error("field " + field + " must be an array (got " + describe(parser.currentToken()) + ")");
    }
  }

  private String string(String field) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw error("field " + field + " must be a string (got " + describe(parser.currentToken()) + ")");
    }
    return parser.getText();
  }

  private double number(String field) throws IOException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
      throw error("field " + field + " must be a number (got " + describe(token) + ")");
    }
    double value = parser.getDoubleValue();
    if (!Double.isFinite(value)) {
      // NaN/Infinity parse because the codec allows them, so that the error can name the field.
      throw error("field " + field + " must be finite (got " + parser.getText() + ")");
    }
    return value;
  }

  private String describe(JsonToken token) throws IOException {
    if (token == null) {
      return "end of input";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_NULL -> "null";
      case VALUE_STRING -> "string \"" + abbreviate(parser.getText()) + "\"";
      default -> token.isScalarValue() ? parser.getText() : token.name();
    };
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  private MinedRecordFormatException error(String why) {
    return new MinedRecordFormatException(index, why);
  }
}
