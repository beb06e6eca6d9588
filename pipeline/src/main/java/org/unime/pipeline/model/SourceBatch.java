package org.unime.pipeline.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What a source reader planned: the records to materialise and the rows it already rejected while reading
 * (duplicates, malformed metadata). {@code read() = records + rejects} for every reader.
 */
public record SourceBatch(String dataset, List<SourceRecord> records, List<Reject> rejects, long rowsRead) {

  public SourceBatch {
    records = List.copyOf(records);
    rejects = List.copyOf(rejects);
    if (rowsRead != records.size() + rejects.size()) {
      throw new IllegalArgumentException(
          "Cannot build a source batch for " + dataset + ": rows read must equal records + rejects (got "
              + rowsRead + " read, " + records.size() + " records, " + rejects.size() + " rejects)");
    }
  }

  /** Accumulates records and rejects; the row count is derived so it cannot drift. */
  public static final class Builder {
    private final String dataset;
    private final List<SourceRecord> records = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();

    public Builder(String dataset) {
      this.dataset = dataset;
    }

    public Builder add(SourceRecord record) {
      records.add(record);
      return this;
    }

    public Builder reject(Reject reject) {
      rejects.add(reject);
      return this;
    }

    public Builder addAll(SourceBatch other) {
      records.addAll(other.records());
      rejects.addAll(other.rejects());
      return this;
    }

    public SourceBatch build() {
      return new SourceBatch(dataset, records, rejects, records.size() + rejects.size());
    }
  }
}
