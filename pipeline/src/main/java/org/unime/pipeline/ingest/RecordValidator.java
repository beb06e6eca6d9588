package org.unime.pipeline.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.SourceRecord;

/**
 * Checks planned records before any image work: ids unique across every source of the run, text present where
 * it is the only content, text not absurdly long, queries with at least one positive. Failing records become
 * rejects; the first record with an id wins so re-runs keep the same row.
 */
public final class RecordValidator {
  private final int maxTextChars;

  public RecordValidator(int maxTextChars) {
    if (maxTextChars < 1) {
      throw new IllegalArgumentException("Cannot validate records: max text length must be >= 1 (got " + maxTextChars + ")");
    }
    this.maxTextChars = maxTextChars;
  }

  /** The records that pass, and a reject for each one that does not. */
  public record Result(List<SourceRecord> accepted, List<Reject> rejects) {}

  public Result validate(List<SourceRecord> records) {
    List<SourceRecord> accepted = new ArrayList<>(records.size());
    List<Reject> rejects = new ArrayList<>();
    Map<String, String> firstDatasetById = new HashMap<>();
    for (SourceRecord record : records) {
      String firstDataset = firstDatasetById.putIfAbsent(record.id(), record.dataset());
      Reject reject =
          firstDataset != null
              ? new Reject(record.dataset(), record.id(), RejectReason.DUPLICATE_ID,
                  "id " + record.id() + " was already produced by dataset " + firstDataset)
              : check(record);
      if (reject == null) {
        accepted.add(record);
      } else {
        rejects.add(reject);
      }
    }
    return new Result(accepted, rejects);
  }

  private Reject check(SourceRecord record) {
    String text = record.text();
    boolean noText = text == null || text.isBlank();
    if (noText && record.image() == null) {
      return new Reject(record.dataset(), record.id(), RejectReason.EMPTY_TEXT, "row has neither text nor image");
    }
    if (text != null && text.length() > maxTextChars) {
      return new Reject(record.dataset(), record.id(), RejectReason.TEXT_TOO_LONG,
          "text has " + text.length() + " characters, limit is " + maxTextChars);
    }
    if (record.role() == org.unime.pipeline.model.Role.QUERY && record.positiveIds().isEmpty()) {
      return new Reject(record.dataset(), record.id(), RejectReason.NO_POSITIVE, "query lists no positive candidate");
    }
    return null;
  }
}
