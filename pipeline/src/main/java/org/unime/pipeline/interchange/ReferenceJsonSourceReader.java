package org.unime.pipeline.interchange;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.unime.pipeline.ingest.SourceReader;
import org.unime.pipeline.model.SourceBatch;

/**
 * Plans ingest rows from a reference mined-record JSON file (spec §1), streaming it. Row rules are those of
 * {@link MinedRecords#toSourceBatch}. A file that breaks the format (bad JSON, a missing field, misaligned scores)
 * fails the read with a {@link MinedRecordFormatException} naming the record: such a file is a corrupt artifact,
 * not a source with a few bad rows.
 */
public final class ReferenceJsonSourceReader implements SourceReader {
  /** Dataset name unless configured otherwise. */
  public static final String DEFAULT_DATASET = "unime-v2-reference";
  /** Id prefix unless configured otherwise: ids look like {@code ref:q:0123456789abcdef}. */
  public static final String DEFAULT_ID_PREFIX = "ref";

  private final Path file;
  private final ImportOptions options;
  private final ReferenceJsonCodec codec = new ReferenceJsonCodec();

  public ReferenceJsonSourceReader(Path file, ImportOptions options) {
    this.file = Objects.requireNonNull(file, "file");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Starts a reader for a file with the default dataset and id prefix, no image root and no row limit. */
  public static ImportOptions.Builder<ReferenceJsonSourceReader> builder(Path file) {
    return new ImportOptions.Builder<>(DEFAULT_DATASET, DEFAULT_ID_PREFIX,
        options -> new ReferenceJsonSourceReader(file, options));
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
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        MinedRecordIterator records = codec.iterate(in)) {
      return MinedRecords.toSourceBatch(records, options);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
