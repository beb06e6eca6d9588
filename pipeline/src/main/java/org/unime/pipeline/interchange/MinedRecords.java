package org.unime.pipeline.interchange;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.unime.pipeline.model.SourceBatch;

/**
 * Turns mined records into ingest rows. One query row per record, one candidate row per distinct (text, image
 * path) among positives and negatives; the negative pairing and scores, which a {@link SourceBatch} cannot hold, stay
 * reachable through {@link #negatives} and the {@value #RECORD_INDEX} metadata on every row.
 */
public final class MinedRecords {
  /** Source-metadata key: 0-based index of the record a row came from (for a candidate, the first such record). */
  public static final String RECORD_INDEX = "record_index";
  /** Source-metadata key on queries: the judge score of the positive, as {@link Double#toString(double)}. */
  public static final String QUERY_POS_SCORE = "query_pos_score";

  private MinedRecords() {}

  /**
   * Plans ingest rows for the records, reading at most {@code options.maxRows()} of them. Missing images, empty
   * items, duplicate queries and queries with a rejected positive become rejects (see {@link SourceRowPlanner}).
   */
  public static SourceBatch toSourceBatch(Iterator<MinedRecord> records, ImportOptions options) {
    SourceRowPlanner planner = new SourceRowPlanner(options);
    for (long index = 0; index < options.maxRows() && records.hasNext(); index++) {
      MinedRecord record = records.next();
      planner.plan(new QueryRow(
          "record " + index,
          Map.of(RECORD_INDEX, Long.toString(index)),
          record.query(),
          record.positive(),
          record.hardNegatives(),
          Map.of(QUERY_POS_SCORE, Double.toString(record.queryPosScore()))));
    }
    return planner.build();
  }

  /** {@link #toSourceBatch(Iterator, ImportOptions)} over a list. */
  public static SourceBatch toSourceBatch(List<MinedRecord> records, ImportOptions options) {
    return toSourceBatch(records.iterator(), options);
  }

  /** The scored pairs of one record, with the ids {@link #toSourceBatch} gives its rows under {@code options}. */
  public static MinedNegatives negatives(MinedRecord record, long recordIndex, ImportOptions options) {
    String prefix = options.idPrefix();
    List<String> negativeIds = new ArrayList<>(record.hardNegatives().size());
    for (Candidate negative : record.hardNegatives()) {
      negativeIds.add(ContentIds.candidate(prefix, negative));
    }
    return new MinedNegatives(
        recordIndex,
        ContentIds.query(prefix, record.query()),
        ContentIds.candidate(prefix, record.positive()),
        record.queryPosScore(),
        negativeIds,
        record.hardNegativeScores());
  }

  /** {@link #negatives(MinedRecord, long, ImportOptions)} for every record of a list, indexed by position. */
  public static List<MinedNegatives> negatives(List<MinedRecord> records, ImportOptions options) {
    List<MinedNegatives> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      out.add(negatives(records.get(i), i, options));
    }
    return out;
  }
}
