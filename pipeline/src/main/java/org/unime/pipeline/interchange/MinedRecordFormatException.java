package org.unime.pipeline.interchange;

import java.io.IOException;

/**
 * A mined-record file that cannot be read: bad JSON, a missing or mistyped field, or values that break a record's
 * invariants. The message names the record (0-based position in the top-level array) and the field.
 */
public final class MinedRecordFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long recordIndex;

  MinedRecordFormatException(long recordIndex, String why, Throwable cause) {
    super(recordIndex < 0
        ? "Cannot read mined records: " + why
        : "Cannot read mined record " + recordIndex + ": " + why, cause);
    this.recordIndex = recordIndex;
  }

  MinedRecordFormatException(long recordIndex, String why) {
    this(recordIndex, why, null);
  }

  /** The 0-based index of the offending record, or -1 if the file is broken outside any record. */
  public long recordIndex() {
    return recordIndex;
  }
}
