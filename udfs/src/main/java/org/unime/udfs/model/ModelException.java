package org.unime.udfs.model;

/**
 * A model could not be saved, loaded or run. The message follows "Cannot X: why, got value[; fix]" and always names
 * the model (id or URI); failures while running a batch also name the batch size and the first row id, so an
 * executor log line is enough to find the offending input.
 */
public final class ModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean batchFailure;

  public ModelException(String message) {
    super(message);
    this.batchFailure = false;
  }

  public ModelException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private ModelException(String message, Throwable cause, boolean batchFailure) {
    super(message + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
    this.batchFailure = batchFailure;
  }

  /**
   * The failure of one batch: "Cannot {what} with model {id}: batch of {n} starting at row {id} failed (cause)".
   * A failure that already carries this context is returned as is, never wrapped twice.
   */
  public static ModelException batchFailed(
      String modelId, String what, int batchSize, String firstRowId, Throwable cause) {
    if (cause instanceof ModelException e && e.batchFailure) {
      return e;
    }
    return new ModelException(
        "Cannot " + what + " with model " + modelId + ": batch of " + batchSize + " starting at row " + firstRowId
            + " failed",
        cause,
        true);
  }
}
