package org.unime.pipeline.model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row planned by a source reader, before its image is materialised: it becomes a row of the
 * {@code candidates} or {@code queries} table, or a reject.
 *
 * @param id stable id, unique across all datasets (e.g. {@code emoji:google:1f44b-1f3fb:image})
 * @param dataset dataset name (e.g. {@code emoji}, {@code tabler}, {@code fashion-mnist})
 * @param split which split the row belongs to
 * @param role candidate or query
 * @param text the text part, or null
 * @param image where the image comes from, or null for text-only rows
 * @param positiveIds for queries, the ids of their positive candidates (empty for candidates)
 * @param source free-form provenance (vendor, code point, tags, file path...)
 */
public record SourceRecord(
    String id,
    String dataset,
    Split split,
    Role role,
    String text,
    ImageRef image,
    List<String> positiveIds,
    Map<String, String> source)
    implements Serializable {

  public SourceRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(role, "role");
    positiveIds = List.copyOf(positiveIds == null ? List.of() : positiveIds);
    source = Map.copyOf(source == null ? Map.of() : source);
  }

  public Modality modality() {
    return Modality.of(text != null && !text.isEmpty(), image != null);
  }
}
