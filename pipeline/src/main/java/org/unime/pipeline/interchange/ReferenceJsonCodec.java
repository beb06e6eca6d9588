package org.unime.pipeline.interchange;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads and writes the reference mined-record JSON (spec §1): a top-level array of objects with the fields
 * {@code query_text, query_image, pos_text, pos_image, query_pos_scores, hard_negatives, hard_negatives_scores}.
 *
 * <p>Reading streams tokens, one record at a time. Writing produces the layout of Python's
 * {@code json.dump(records, f, indent=4, ensure_ascii=False)}, which is how the reference files were written, so an
 * unchanged file round-trips byte for byte. Streams passed in are neither closed nor owned by the codec.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ReferenceJsonCodec {
  private static final String INDENT = "    ";

  private final JsonFactory factory;

  public ReferenceJsonCodec() {
    this.factory = JsonFactory.builder()
        // Python writes NaN/Infinity; accepting them lets the reader reject them with the record and field named.
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();
  }

  /** Reads every record into a list. Fails with a {@link MinedRecordFormatException} on the first bad record. */
  public List<MinedRecord> read(InputStream in) throws IOException {
    try (MinedRecordIterator records = iterate(in)) {
      List<MinedRecord> out = new ArrayList<>();
      while (records.hasNext()) {
        out.add(records.next());
      }
      return out;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Opens a lazy iterator over the records; the caller closes it (the stream stays open). */
  public MinedRecordIterator iterate(InputStream in) throws IOException {
    JsonParser parser = factory.createParser(in);
    return new MinedRecordIterator(parser);
  }

  /** Writes the records as a JSON array; returns how many were written. */
  public long write(Iterable<MinedRecord> records, OutputStream out) throws IOException {
    return write(records.iterator(), out);
  }

  /** Writes the records as a JSON array, consuming the iterator; returns how many were written. */
  public long write(Iterator<MinedRecord> records, OutputStream out) throws IOException {
    long count = 0;
    try (JsonGenerator generator = factory.createGenerator(out, JsonEncoding.UTF8)) {
      generator.setPrettyPrinter(pythonIndent());
      generator.writeStartArray();
      while (records.hasNext()) {
        writeRecord(generator, records.next());
        count++;
      }
      generator.writeEndArray();
    }
    return count;
  }

  private static void writeRecord(JsonGenerator generator, MinedRecord record) throws IOException {
    generator.writeStartObject();
    generator.writeStringField(MinedRecordFields.QUERY_TEXT, record.queryText());
    generator.writeStringField(MinedRecordFields.QUERY_IMAGE, record.queryImage());
    generator.writeStringField(MinedRecordFields.POS_TEXT, record.posText());
    generator.writeStringField(MinedRecordFields.POS_IMAGE, record.posImage());
    generator.writeFieldName(MinedRecordFields.QUERY_POS_SCORES);
    generator.writeNumber(PythonFloats.repr(record.queryPosScore()));
    generator.writeArrayFieldStart(MinedRecordFields.HARD_NEGATIVES);
    for (Candidate negative : record.hardNegatives()) {
      generator.writeStartArray();
      generator.writeString(negative.text());
      generator.writeString(negative.imagePath());
      generator.writeEndArray();
    }
    generator.writeEndArray();
    generator.writeArrayFieldStart(MinedRecordFields.HARD_NEGATIVES_SCORES);
    for (double score : record.hardNegativeScores()) {
      generator.writeNumber(PythonFloats.repr(score));
    }
    generator.writeEndArray();
    generator.writeEndObject();
  }

  /** Python's indent=4 layout: every element on its own line, {@code "key": value}, empty arrays as {@code []}. */
  private static DefaultPrettyPrinter pythonIndent() {
    DefaultIndenter indenter = new DefaultIndenter(INDENT, "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withArrayEmptySeparator("")
        .withObjectEmptySeparator("");
    return new DefaultPrettyPrinter(separators).withArrayIndenter(indenter).withObjectIndenter(indenter);
  }
}
