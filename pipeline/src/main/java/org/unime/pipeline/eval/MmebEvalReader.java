package org.unime.pipeline.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams the rows of one MMEB-eval task file, either JSON Lines (one object per line) or a JSON array of objects;
 * the first token decides. Each row needs {@code qry_text} (string), {@code tgt_text} (non-empty array of strings)
 * and {@code tgt_img_path} (array of strings or nulls, same length); {@code qry_img_path} may be absent or null.
 * Other keys are ignored.
 *
 * <p>The first bad row fails the read with an {@link EvalFormatException} naming its line (and, in an array, its
 * position); so does a file with no rows. {@link #hasNext()} and {@link #next()} report it wrapped in an
 * {@link UncheckedIOException}. Not thread-safe; owns and closes the file.
 */
public final class MmebEvalReader implements Iterator<MmebRow>, Closeable {
  private static final String WHAT = "MMEB-eval row";

  private final EvalJson json;
  private final JsonParser parser;
  private final boolean array;
  private long count;
  private MmebRow pending;
  private boolean firstObjectPending;
  private boolean finished;

  private MmebEvalReader(EvalJson json, JsonParser parser) throws IOException {
    this.json = json;
    this.parser = parser;
    JsonToken first = json.next(parser, "the start of " + json.fileName());
    this.array = first == JsonToken.START_ARRAY;
    this.firstObjectPending = first == JsonToken.START_OBJECT;
    if (!array && !firstObjectPending) {
      parser.close();
      throw json.error("the start of " + json.fileName(), "expected JSON Lines objects or a JSON array (got "
          + (first == null ? "an empty file" : first.asString()) + ")");
    }
  }

  /** Opens a task file. */
  public static MmebEvalReader open(Path file) throws IOException {
    EvalJson json = new EvalJson(WHAT, file);
    return new MmebEvalReader(json, json.open());
  }

  /** Reads a whole task file. */
  public static List<MmebRow> readAll(Path file) throws IOException {
    try (MmebEvalReader reader = open(file)) {
      List<MmebRow> out = new ArrayList<>();
      reader.forEachRemaining(out::add);
      return out;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !finished) {
      try {
        pending = fetch();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      finished = pending == null;
    }
    return pending != null;
  }

  @Override
  public MmebRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException("Cannot read the next MMEB-eval row: " + json.fileName() + " has ended (got "
          + count + " rows)");
    }
    MmebRow row = pending;
    pending = null;
    return row;
  }

  /** Rows returned or buffered so far. */
  public long count() {
    return count;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  private MmebRow fetch() throws IOException {
    JsonToken token;
    if (firstObjectPending) {
      token = JsonToken.START_OBJECT;
      firstObjectPending = false;
    } else {
      token = json.next(parser, "row " + count + " of " + json.fileName());
    }
    if (token == null && array) {
      throw json.error("the end of " + json.fileName(), "the file ends before the closing ']' (got " + count
          + " rows)");
    }
    if (token == null || token == JsonToken.END_ARRAY) {
      if (count == 0) {
        throw json.error(json.fileName(), "the file has no rows (got 0)");
      }
      return null;
    }
    String where = where();
    if (token != JsonToken.START_OBJECT) {
      throw json.error(where, "expected a JSON object (got " + token.asString() + ")");
    }
    JsonNode node = json.tree(parser, where);
    MmebRow row = parse(node, where);
    count++;
    return row;
  }

  private MmebRow parse(JsonNode node, String where) throws EvalFormatException {
    String queryText = json.text(node, MmebRow.QRY_TEXT, where);
    String queryImage = json.optionalText(node, MmebRow.QRY_IMG_PATH, where);
    List<String> texts = json.texts(node, MmebRow.TGT_TEXT, where, EvalJson.NullElements.REJECT);
    List<String> images = json.texts(node, MmebRow.TGT_IMG_PATH, where, EvalJson.NullElements.AS_EMPTY);
    // Checked here as well as in MmebRow so that the message names the line, not only the row index.
    if (texts.isEmpty()) {
      throw json.error(where, "the row has no candidates (got " + MmebRow.TGT_TEXT + " [])");
    }
    if (texts.size() != images.size()) {
      throw json.error(where, MmebRow.TGT_TEXT + " and " + MmebRow.TGT_IMG_PATH + " differ in length (got "
          + texts.size() + " and " + images.size() + ")");
    }
    return new MmebRow(count, queryText, queryImage, texts, images);
  }

  private String where() {
    String line = "line " + json.line(parser) + " of " + json.fileName();
    return array ? "row " + count + " (" + line + ")" : line;
  }
}
