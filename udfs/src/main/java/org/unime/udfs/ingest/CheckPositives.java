package org.unime.udfs.ingest;

import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.RejectReason;
import org.unime.udfs.spark.ScalaValues;

/**
 * Drops query positives that point at no written candidate (e.g. the candidate's image was corrupt) and turns a
 * query left with no positive into a reject. Works on the outcome rows made by {@link MaterializeImages}, whose
 * array fields are still Java lists.
 */
final class CheckPositives implements Function<Row, Row> {
  private static final int POSITIVES = 6;
  private final Broadcast<Set<String>> knownCandidateIds;

  CheckPositives(Broadcast<Set<String>> knownCandidateIds) {
    this.knownCandidateIds = knownCandidateIds;
  }

  @Override
  public Row call(Row outcome) {
    if (!"query".equals(outcome.getString(0))) {
      return outcome;
    }
    Row item = outcome.getStruct(1);
    List<String> positives = ScalaValues.list(item.get(POSITIVES));
    Set<String> known = knownCandidateIds.value();
    List<String> kept = positives.stream().filter(known::contains).toList();
    if (kept.size() == positives.size()) {
      return outcome;
    }
    if (kept.isEmpty()) {
      Reject reject =
          new Reject(item.getString(1), item.getString(0), RejectReason.UNKNOWN_POSITIVE,
              "none of the positives " + positives + " is a written candidate");
      return MaterializeImages.rejectOutcome(reject);
    }
    Object[] fields = new Object[item.length()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = item.get(i);
    }
    fields[POSITIVES] = ScalaValues.seq(kept);
    return RowFactory.create(outcome.getString(0), RowFactory.create(fields), null);
  }
}
