package org.unime.pipeline.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * A source row that could not become a table row. Rejects are kept (in the {@code rejects} table), never dropped,
 * so that {@code rows in = rows written + rows rejected} can be checked for every run.
 *
 * @param dataset the source dataset
 * @param rowId the row's id or source key, enough to find it again in the source
 * @param reason a short machine-friendly reason code (see {@link RejectReason})
 * @param detail a human-readable explanation naming the offending value
 */
public record Reject(String dataset, String rowId, RejectReason reason, String detail) implements Serializable {
  public Reject {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
  }
}
