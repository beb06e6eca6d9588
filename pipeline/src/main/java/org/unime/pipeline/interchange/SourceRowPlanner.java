package org.unime.pipeline.interchange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;
import org.unime.pipeline.model.Split;

/**
 * Turns query rows into ingest records and rejects with the rules both interchange readers share.
 *
 * <p>A row counts once for its query and once for each candidate not seen before, and each of those ends as one
 * record or one reject; {@link #build()} checks that independently counted total against the batch. Candidates
 * are planned before their query, because a query whose positive was rejected is itself rejected (no-positive).
 * A query's checks run in this order: duplicate id, empty content, missing image, rejected positive.
 *
 * <p>Not thread-safe; one planner per read.
 */
final class SourceRowPlanner {
  static final String RAW_TEXT = "raw_text";
  static final String IMAGE_PATH = "image_path";

  private final ImportOptions options;
  private final ImageResolver images;
  private final Map<String, Boolean> candidateAccepted = new HashMap<>();
  private final Map<String, String> queryLocators = new HashMap<>();
  private final List<SourceRecord> records = new ArrayList<>();
  private final List<Reject> rejects = new ArrayList<>();
  private long rowsRead;

  SourceRowPlanner(ImportOptions options) {
    this.options = options;
    this.images = new ImageResolver(options.imageRoot());
  }

  /** Plans a row's candidates and then its query. */
  void plan(QueryRow row) {
    String positiveId = ContentIds.candidate(options.idPrefix(), row.positive());
    boolean positiveAccepted = planCandidate(row.positive(), row);
    for (Candidate other : row.others()) {
      planCandidate(other, row);
    }
    rowsRead++;
    String queryId = ContentIds.query(options.idPrefix(), row.query());
    String firstSeen = queryLocators.putIfAbsent(queryId, row.locator());
    if (firstSeen != null) {
      reject(queryId, RejectReason.DUPLICATE_ID, row.locator() + ": Cannot keep query " + queryId
          + ": it repeats the query of " + firstSeen + " (got the same text and image)");
      return;
    }
    Reject blocker = positiveAccepted ? null : new Reject(options.dataset(), queryId, RejectReason.NO_POSITIVE,
        row.locator() + ": Cannot keep query " + queryId + ": its positive " + positiveId + " was rejected");
    Map<String, String> meta = new LinkedHashMap<>(row.provenance());
    meta.putAll(row.queryExtras());
    planItem(queryId, Role.QUERY, row.query(), meta, List.of(positiveId), row.locator(), blocker);
  }

  /** Records a row that could not be parsed at all; it counts as one row read. */
  void rejectMalformed(String rowId, String detail) {
    rowsRead++;
    reject(rowId, RejectReason.MALFORMED_ROW, detail);
  }

  /** The batch of everything planned so far. */
  SourceBatch build() {
    // rowsRead is counted apart from the lists, so SourceBatch's check catches a row planned twice or never.
    return new SourceBatch(options.dataset(), records, rejects, rowsRead);
  }

  private boolean planCandidate(Candidate candidate, QueryRow row) {
    String id = ContentIds.candidate(options.idPrefix(), candidate);
    Boolean known = candidateAccepted.get(id);
    if (known != null) {
      return known;
    }
    rowsRead++;
    boolean accepted = planItem(id, Role.CANDIDATE, candidate, row.provenance(), List.of(), row.locator(), null);
    candidateAccepted.put(id, accepted);
    return accepted;
  }

  /**
   * Adds one record, or one reject if the item is empty, its image is missing or {@code blocker} is set; returns
   * whether a record was added.
   */
  private boolean planItem(String id, Role role, Candidate item, Map<String, String> meta, List<String> positiveIds,
      String locator, Reject blocker) {
    String text = PromptText.strip(item.text());
    String kind = role == Role.QUERY ? "query" : "candidate";
    if (text.isEmpty() && item.isTextOnly()) {
      reject(id, RejectReason.EMPTY_TEXT, locator + ": Cannot keep " + kind + " " + id
          + ": it has neither text nor image (got text \"" + escape(item.text()) + "\")");
      return false;
    }
    ImageRef image = null;
    if (!item.isTextOnly()) {
      Optional<ImageRef.File> file = images.resolve(item.imagePath());
      if (file.isEmpty()) {
        reject(id, RejectReason.MISSING_IMAGE, locator + ": " + images.whyMissing(item.imagePath()));
        return false;
      }
      image = file.get();
    }
    if (blocker != null) {
      rejects.add(blocker);
      return false;
    }
    Map<String, String> source = new LinkedHashMap<>(meta);
    source.put(RAW_TEXT, item.text());
    if (!item.isTextOnly()) {
      source.put(IMAGE_PATH, item.imagePath());
    }
    records.add(new SourceRecord(id, options.dataset(), Split.TRAIN, role, text.isEmpty() ? null : text, image,
        positiveIds, source));
    return true;
  }

  private void reject(String rowId, RejectReason reason, String detail) {
    rejects.add(new Reject(options.dataset(), rowId, reason, detail));
  }

  private static String escape(String text) {
    return text.replace("\n", "\\n");
  }
}
