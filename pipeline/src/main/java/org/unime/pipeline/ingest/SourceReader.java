package org.unime.pipeline.ingest;

import java.io.IOException;
import org.unime.pipeline.model.SourceBatch;

/**
 * Plans the rows of one dataset: reads its metadata on the driver and returns records whose images are still
 * references (materialised later on executors). Readers are deterministic: the same files give the same ids,
 * splits and order, which makes re-running ingest idempotent.
 */
public interface SourceReader {

  /** The dataset name written into every row. */
  String dataset();

  /** Reads the source. Rows that cannot be planned become rejects; only unreadable metadata throws. */
  SourceBatch read() throws IOException;
}
