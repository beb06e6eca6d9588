package org.unime.pipeline.eval;

import java.io.IOException;

/**
 * An evaluation file that cannot be read: bad JSON, a missing or mistyped field, or a row that breaks the format's
 * rules. The message names the file, the place (line, row or key) and the field, as
 * {@code Cannot read <what> at <where>: <why> (got <value>)}.
 */
public final class EvalFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String where;

  EvalFormatException(String what, String where, String why, Throwable cause) {
    super("Cannot read " + what + " at " + where + ": " + why, cause);
    this.where = where;
  }

  EvalFormatException(String what, String where, String why) {
    this(what, where, why, null);
  }

  /** The offending place, e.g. {@code line 3 of mmeb.jsonl} or {@code key "17" of replace_obj.json}. */
  public String where() {
    return where;
  }
}
