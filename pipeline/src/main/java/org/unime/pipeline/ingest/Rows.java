package org.unime.pipeline.ingest;

import java.util.List;
import java.util.Map;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceRecord;
import org.unime.pipeline.model.Split;

/** Names the three row shapes every retrieval source produces, so readers cannot mix up argument positions. */
final class Rows {
  private Rows() {}

  static SourceRecord textCandidate(String id, String dataset, Split split, String text, Map<String, String> source) {
    return new SourceRecord(id, dataset, split, Role.CANDIDATE, text, null, List.of(), source);
  }

  static SourceRecord imageCandidate(
      String id, String dataset, Split split, ImageRef image, Map<String, String> source) {
    return new SourceRecord(id, dataset, split, Role.CANDIDATE, null, image, List.of(), source);
  }

  /** A query; {@code image} is null for text-only queries. */
  static SourceRecord query(
      String id,
      String dataset,
      Split split,
      String text,
      ImageRef image,
      List<String> positiveIds,
      Map<String, String> source) {
    return new SourceRecord(id, dataset, split, Role.QUERY, text, image, positiveIds, source);
  }
}
