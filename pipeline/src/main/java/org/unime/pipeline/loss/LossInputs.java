package org.unime.pipeline.loss;

/** Shape and value checks shared by the losses; messages name the loss, the row and the offending value. */
final class LossInputs {

  private LossInputs() {}

  static void requireTemperature(String loss, double temperature) {
    if (!(temperature > 0.0 && temperature < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "Cannot create " + loss + ": the temperature must be finite and > 0 (got " + temperature + ")");
    }
  }

  /** Checks a non-empty batch of equally long, non-empty, finite rows; returns the row length. */
  static int requireBatch(String loss, String what, double[][] rows) {
    int n = requireShape(loss, what, rows.length, rows.length == 0 ? 0 : rows[0].length);
    for (int b = 0; b < rows.length; b++) {
      requireRow(loss, what, b, rows[b].length, n);
      for (int j = 0; j < n; j++) {
        requireFinite(loss, what, b, j, rows[b][j]);
      }
    }

    return n;
  }

  static int requireBatch(String loss, String what, float[][] rows) {
    int n = requireShape(loss, what, rows.length, rows.length == 0 ? 0 : rows[0].length);
    for (int b = 0; b < rows.length; b++) {
      requireRow(loss, what, b, rows[b].length, n);
      for (int j = 0; j < n; j++) {
        requireFinite(loss, what, b, j, rows[b][j]);
      }
    }

    return n;
  }

  /** The targets must match the similarities row for row and column for column. */
  static void requireSameShape(String loss, int rows, int cols, int targetRows, int targetCols) {
    if (rows != targetRows || cols != targetCols) {
      throw new IllegalArgumentException(
          "Cannot compute " + loss + ": similarities and judge scores must have the same shape (got " + rows
              + "×" + cols + " and " + targetRows + "×" + targetCols + ")");
    }
  }

  private static int requireShape(String loss, String what, int rows, int cols) {
    if (rows == 0 || cols == 0) {
      throw new IllegalArgumentException(
          "Cannot compute " + loss + ": the " + what + " need at least one row and one column (got " + rows + "×"
              + cols + ")");
    }

    return cols;
  }

  private static void requireRow(String loss, String what, int row, int length, int expected) {
    if (length != expected) {
      throw new IllegalArgumentException(
          "Cannot compute " + loss + ": every row of " + what + " must have " + expected + " entries (got "
              + length + " in row " + row + ")");
    }
  }

  private static void requireFinite(String loss, String what, int row, int col, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "Cannot compute " + loss + ": " + what + " must be finite (got " + value + " at row " + row
              + ", column " + col + ")");
    }
  }
}
