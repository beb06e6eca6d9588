package org.unime.pipeline.interchange;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the records of a mined-record file one at a time, so that a 662K-record file never has to be in memory
 * at once. Not thread-safe. {@link #hasNext()} and {@link #next()} report read failures as an
 * {@link UncheckedIOException} whose cause is a {@link MinedRecordFormatException} (or the underlying I/O error).
 * Closing it closes the parser but not the stream it reads, which stays owned by the caller.
 */
public final class MinedRecordIterator implements Iterator<MinedRecord>, Closeable {
  private final JsonParser parser;
  private long nextIndex;
  private boolean positioned;
  private boolean finished;

  MinedRecordIterator(JsonParser parser) throws IOException {
    this.parser = parser;
    JsonToken first = advance(-1);
    if (first != JsonToken.START_ARRAY) {
      throw new MinedRecordFormatException(-1, "expected a JSON array of records (got "
          + (first == null ? "end of input" : first.name()) + ")");
    }
  }

  @Override
  public boolean hasNext() {
    if (finished) {
      return false;
    }
    if (!positioned) {
      try {
        JsonToken token = advance(nextIndex);
        if (token == null) {
          throw new MinedRecordFormatException(nextIndex, "the file ends before the closing ']'");
        }
        finished = token == JsonToken.END_ARRAY;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      positioned = true;
    }
    return !finished;
  }

  @Override
  public MinedRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("Cannot read the next mined record: the array has ended (got "
          + nextIndex + " records)");
    }
    long index = nextIndex;
    try {
      MinedRecord record = MinedRecordParser.parse(parser, index);
      nextIndex++;
      positioned = false;
      return record;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(malformed(index, e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many records were returned so far. */
  public long count() {
    return nextIndex;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  private JsonToken advance(long index) throws IOException {
    try {
      return parser.nextToken();
    } catch (JsonProcessingException e) {
      throw malformed(index, e);
    }
  }

  private static MinedRecordFormatException malformed(long index, JsonProcessingException e) {
    var where = e.getLocation();
    String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    return new MinedRecordFormatException(index, "malformed JSON" + at + " (got " + e.getOriginalMessage() + ")", e);
  }
}
