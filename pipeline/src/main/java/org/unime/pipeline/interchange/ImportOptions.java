package org.unime.pipeline.interchange;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * How an interchange reader turns source rows into ingest rows. Driver-side only ({@link Path} is not
 * serializable, and readers run on the driver).
 *
 * @param dataset dataset name written into every row and reject
 * @param idPrefix namespace of the ids ({@code <prefix>:q:<hash>}, {@code <prefix>:c:<hash>}); give each imported
 *     file its own prefix, since ids must be unique across datasets and two judge files share their queries
 * @param imageRoot directory the relative image paths resolve against, or null when no images are available (then
 *     every row with an image is rejected as missing-image)
 * @param maxRows how many source rows (mined records, or non-blank JSON lines) to read at most
 */
public record ImportOptions(String dataset, String idPrefix, Path imageRoot, long maxRows) {

  /** {@code maxRows} meaning "read everything". */
  public static final long UNLIMITED = Long.MAX_VALUE;

  public ImportOptions {
    if (dataset == null || dataset.isBlank()) {
      throw new IllegalArgumentException("Cannot build import options: dataset must not be blank (got \""
          + dataset + "\")");
    }
    if (idPrefix == null || idPrefix.isBlank() || idPrefix.contains(":")) {
      throw new IllegalArgumentException(
          "Cannot build import options: id prefix must be non-blank and contain no ':' (got \"" + idPrefix + "\")");
    }
    if (maxRows <= 0) {
      throw new IllegalArgumentException("Cannot build import options: max rows must be positive (got "
          + maxRows + ")");
    }
  }

  /** A builder for bare options, e.g. for {@link MinedRecords#toSourceBatch}. */
  public static Builder<ImportOptions> builder(String dataset, String idPrefix) {
    return new Builder<>(dataset, idPrefix, Function.identity());
  }

  /**
   * Collects options and hands them to a factory on {@link #build()}; readers use it to offer
   * {@code Reader.builder(path).withImageRoot(root).build()} without repeating the option setters.
   *
   * @param <T> what {@link #build()} returns
   */
  public static final class Builder<T> {
    private final Function<ImportOptions, T> factory;
    private String dataset;
    private String idPrefix;
    private Path imageRoot;
    private long maxRows = UNLIMITED;

    Builder(String dataset, String idPrefix, Function<ImportOptions, T> factory) {
      this.dataset = dataset;
      this.idPrefix = idPrefix;
      this.factory = Objects.requireNonNull(factory, "factory");
    }

    public Builder<T> withDataset(String dataset) {
      this.dataset = dataset;
      return this;
    }

    public Builder<T> withIdPrefix(String idPrefix) {
      this.idPrefix = idPrefix;
      return this;
    }

    /** The image root; null (the default) means no images are available. */
    public Builder<T> withImageRoot(Path imageRoot) {
      this.imageRoot = imageRoot;
      return this;
    }

    public Builder<T> withMaxRows(long maxRows) {
      this.maxRows = maxRows;
      return this;
    }

    /** Validates the options and builds the result. */
    public T build() {
      return factory.apply(new ImportOptions(dataset, idPrefix, imageRoot, maxRows));
    }
  }
}
