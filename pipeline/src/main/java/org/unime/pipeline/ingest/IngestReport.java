package org.unime.pipeline.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one ingest run did, per dataset: rows read from the source, and where each went. The invariant
 * {@code read = candidates + queries + rejected} holds for every dataset, or the run failed loudly.
 */
public record IngestReport(Map<String, DatasetCounts> datasets) {

  public IngestReport {
    datasets = Map.copyOf(new TreeMap<>(datasets));
  }

  /** Counts for one dataset. {@code rejectsByReason} sums to {@code rejected}. */
  public record DatasetCounts(long read, long candidates, long queries, long rejected, Map<String, Long> rejectsByReason) {
    public DatasetCounts {
      rejectsByReason = Map.copyOf(rejectsByReason);
    }

    public long written() {
      return candidates + queries;
    }

    public boolean balanced() {
      return read == written() + rejected;
    }
  }

  public long totalRead() {
    return datasets.values().stream().mapToLong(DatasetCounts::read).sum();
  }

  public long totalWritten() {
    return datasets.values().stream().mapToLong(DatasetCounts::written).sum();
  }

  public long totalRejected() {
    return datasets.values().stream().mapToLong(DatasetCounts::rejected).sum();
  }

  /** Throws if any dataset lost or invented rows. */
  public IngestReport requireBalanced() {
    datasets.forEach(
        (name, c) -> {
          if (!c.balanced()) {
            throw new IllegalStateException(
                "Cannot accept the ingest run: dataset " + name + " read " + c.read() + " rows but wrote "
                    + c.written() + " and rejected " + c.rejected());
          }
        });
    return this;
  }

  /** A Markdown table of the counts, for logs and the README. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder("| dataset | read | candidates | queries | rejected | rejects by reason |\n");
    sb.append("|---|---:|---:|---:|---:|---|\n");
    datasets.forEach(
        (name, c) ->
            sb.append("| ").append(name).append(" | ").append(c.read()).append(" | ").append(c.candidates())
                .append(" | ").append(c.queries()).append(" | ").append(c.rejected()).append(" | ")
                .append(c.rejectsByReason().isEmpty() ? "-" : new TreeMap<>(c.rejectsByReason()).toString())
                .append(" |\n"));
    sb.append("| **total** | ").append(totalRead()).append(" | ")
        .append(datasets.values().stream().mapToLong(DatasetCounts::candidates).sum()).append(" | ")
        .append(datasets.values().stream().mapToLong(DatasetCounts::queries).sum()).append(" | ")
        .append(totalRejected()).append(" | |\n");
    return sb.toString();
  }
}
