package org.unime.udfs.refresh;

/**
 * A refresh stopped because another run (refresh or mine-all) committed to a table it was writing. Delta's
 * optimistic concurrency refused this run's MERGE, so no row was written twice; a rerun finishes the work.
 */
public final class ConcurrentRefreshException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  ConcurrentRefreshException(String message, Throwable cause) {
    super(message, cause);
  }
}
