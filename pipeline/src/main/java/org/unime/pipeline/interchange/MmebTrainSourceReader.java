package org.unime.pipeline.interchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.unime.pipeline.ingest.SourceReader;
import org.unime.pipeline.model.SourceBatch;

/**
 * Plans ingest rows from an MMEB-train / VLM2Vec JSON Lines file: one query and its positive per line, with the ids,
 * placeholder stripping, image resolution and reject rules of {@link MinedRecords#toSourceBatch}. The optional
 * {@code neg_text}/{@code neg_image_path} are not imported as candidates (UniME-V2 mines its own negatives) but are
 * kept in the query's metadata.
 *
 * <p>A line that is not valid JSON, or lacks {@code qry}/{@code pos_text}, becomes a malformed-row reject whose id
 * is {@code <file name>:<line number>}; the read goes on. Blank lines are not rows and are skipped.
 */
public final class MmebTrainSourceReader implements SourceReader {
  /** Dataset name unless configured otherwise. */
  public static final String DEFAULT_DATASET = "mmeb-train";
  /** Id prefix unless configured otherwise: ids look like {@code mmeb:q:0123456789abcdef}. */
  public static final String DEFAULT_ID_PREFIX = "mmeb";
  /** Source-metadata key: 1-based line number the row came from (for a candidate, its first line). */
  public static final String LINE = "line";

  private final Path file;
  private final ImportOptions options;
  private final ObjectMapper mapper = new ObjectMapper();

  public MmebTrainSourceReader(Path file, ImportOptions options) {
    this.file = Objects.requireNonNull(file, "file");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Starts a reader for a file with the default dataset and id prefix, no image root and no row limit. */
  public static ImportOptions.Builder<MmebTrainSourceReader> builder(Path file) {
    return new ImportOptions.Builder<>(DEFAULT_DATASET, DEFAULT_ID_PREFIX,
        options -> new MmebTrainSourceReader(file, options));
  }

  @Override
  public String dataset() {
    return options.dataset();
  }

  public ImportOptions options() {
    return options;
  }

  @Override
  public SourceBatch read() throws IOException {
    SourceRowPlanner planner = new SourceRowPlanner(options);
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long rows = 0;
      long lineNumber = 0;
      String line;
      while (rows < options.maxRows() && (line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        rows++;
        planLine(planner, line, lineNumber);
      }
    }
    return planner.build();
  }

  private void planLine(SourceRowPlanner planner, String line, long lineNumber) {
    String rowId = file.getFileName() + ":" + lineNumber;
    MmebTrainRow row;
    try {
      row = MmebTrainRow.fromJson(mapper.readTree(line));
    } catch (JsonProcessingException e) {
      planner.rejectMalformed(rowId, "line " + lineNumber + ": Cannot parse JSON (got "
          + e.getOriginalMessage() + ")");
      return;
    } catch (IllegalArgumentException e) {
      planner.rejectMalformed(rowId, "line " + lineNumber + ": " + e.getMessage());
      return;
    }
    Map<String, String> extras = new LinkedHashMap<>();
    if (!row.negText().isEmpty()) {
      extras.put(MmebTrainRow.NEG_TEXT, row.negText());
    }
    if (!row.negImagePath().isEmpty()) {
      extras.put(MmebTrainRow.NEG_IMAGE_PATH, row.negImagePath());
    }
    planner.plan(new QueryRow("line " + lineNumber, Map.of(LINE, Long.toString(lineNumber)), row.query(),
        row.positive(), List.of(), extras));
  }
}
