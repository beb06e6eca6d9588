package org.unime.pipeline.ingest;

import java.util.Objects;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;

/**
 * Signals that one row's data cannot be used, as opposed to a failure of the job itself. It is checked so that
 * callers (typically a Spark {@code mapPartitions} body on an executor) must decide where the reject goes instead of
 * letting one bad image fail the task.
 *
 * <p>Immutable, hence thread-safe. It is serializable like every {@link Throwable}: both fields are serializable
 * (an enum and a string), so it survives being shipped back to the driver.
 */
public final class RejectException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;
  private final String detail;

  public RejectException(RejectReason reason, String detail) {
    this(reason, detail, null);
  }

  /** Keeps the low-level cause (e.g. the decoder's exception) for debugging; the detail is what users see. */
  public RejectException(RejectReason reason, String detail, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason").wireName() + ": " + detail, cause);
    this.reason = reason;
    this.detail = detail == null ? "" : detail;
  }

  public RejectReason reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }

  /** The row-level record of this failure, for the {@code rejects} table. */
  public Reject toReject(String dataset, String rowId) {
    return new Reject(dataset, rowId, reason, detail);
  }
}
