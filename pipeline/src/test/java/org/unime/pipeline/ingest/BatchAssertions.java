package org.unime.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;

/** Invariants every reader's batch must satisfy, whatever the dataset. */
final class BatchAssertions {
  private BatchAssertions() {}

  static void assertWellFormed(SourceBatch batch) {
    assertThat(batch.rowsRead()).isEqualTo(batch.records().size() + batch.rejects().size());
    List<String> allIds = Stream.concat(
            batch.records().stream().map(SourceRecord::id), batch.rejects().stream().map(Reject::rowId))
        .toList();
    // Plain collections first, then one assertion on the violations: AssertJ's collection checks are quadratic,
    // which takes minutes on the full datasets.
    Set<String> unique = new HashSet<>();
    assertThat(allIds.stream().filter(id -> !unique.add(id)).toList()).as("duplicate ids").isEmpty();
    assertThat(batch.records()).allSatisfy(r -> assertThat(r.dataset()).isEqualTo(batch.dataset()));
    assertThat(batch.rejects()).allSatisfy(r -> assertThat(r.dataset()).isEqualTo(batch.dataset()));
    Set<String> candidateIds = candidates(batch).keySet();
    List<String> badPositives = batch.records().stream()
        .filter(r -> r.role() == Role.QUERY
            ? r.positiveIds().isEmpty() || !candidateIds.containsAll(r.positiveIds())
            : !r.positiveIds().isEmpty())
        .map(r -> r.id() + " -> " + r.positiveIds())
        .toList();
    assertThat(badPositives).as("queries without known positives, or candidates with positives").isEmpty();
  }

  static Map<String, SourceRecord> candidates(SourceBatch batch) {
    return batch.records().stream()
        .filter(r -> r.role() == Role.CANDIDATE)
        .collect(Collectors.toMap(SourceRecord::id, Function.identity()));
  }

  static Map<String, SourceRecord> byId(SourceBatch batch) {
    return batch.records().stream().collect(Collectors.toMap(SourceRecord::id, Function.identity()));
  }

  static Set<String> rejectIds(SourceBatch batch) {
    Set<String> ids = new HashSet<>();
    batch.rejects().forEach(r -> ids.add(r.rowId()));
    return ids;
  }
}
