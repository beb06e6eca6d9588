package org.unime.tests.cluster;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Row-level comparison of two tables as multisets (duplicates count), for "the cluster wrote what local mode
 * wrote" assertions.
 *
 * <p>Columns are matched by name. Set operations reject map columns, so top-level maps are compared as their
 * entries sorted by key. Floating-point columns (top level, or arrays of them) can be rounded first, for outputs
 * whose last bits depend on batch composition. Nested maps inside structs or arrays are not supported.
 */
public final class TableDiff {
  private TableDiff() {}

  /**
   * The outcome: row counts and up to {@code sample} rows found on one side only.
   *
   * @param leftRows rows in the left table
   * @param rightRows rows in the right table
   * @param onlyLeft rows (normalised) missing from the right side, a sample
   * @param onlyRight rows (normalised) missing from the left side, a sample
   * @param schemaProblem non-empty when the two schemas differ (then nothing else was compared)
   */
  public record Result(long leftRows, long rightRows, List<Row> onlyLeft, List<Row> onlyRight, String schemaProblem) {
    public boolean same() {
      return schemaProblem.isEmpty() && leftRows == rightRows && onlyLeft.isEmpty() && onlyRight.isEmpty();
    }

    /** A readable account for assertion messages. */
    public String describe() {
      if (!schemaProblem.isEmpty()) {
        return schemaProblem;
      }
      return "rows " + leftRows + " vs " + rightRows + "; only left (sample): " + onlyLeft + "; only right (sample): "
          + onlyRight;
    }
  }

  /** Compares exactly (floating-point values bit for bit). */
  public static Result compare(Dataset<Row> left, Dataset<Row> right) {
    return compare(left, right, -1);
  }

  /** Compares with floating-point values rounded to {@code decimals} places ({@code -1}: exact). */
  public static Result compare(Dataset<Row> left, Dataset<Row> right, int decimals) {
    String[] leftCols = sortedColumns(left);
    String[] rightCols = sortedColumns(right);
    if (!Arrays.equals(leftCols, rightCols)) {
      return new Result(0, 0, List.of(), List.of(),
          "Different columns: " + Arrays.toString(leftCols) + " vs " + Arrays.toString(rightCols));
    }
    Dataset<Row> l = normalise(left, leftCols, decimals);
    Dataset<Row> r = normalise(right, rightCols, decimals);
    if (!l.schema().sameType(r.schema())) {
      return new Result(0, 0, List.of(), List.of(),
          "Different column types: " + l.schema().simpleString() + " vs " + r.schema().simpleString());
    }
    int sample = 5;
    return new Result(
        left.count(), right.count(), l.exceptAll(r).limit(sample).collectAsList(),
        r.exceptAll(l).limit(sample).collectAsList(), "");
  }

  private static String[] sortedColumns(Dataset<Row> df) {
    String[] cols = df.columns();
    Arrays.sort(cols);
    return cols;
  }

  private static Dataset<Row> normalise(Dataset<Row> df, String[] columns, int decimals) {
    List<Column> out = new ArrayList<>();
    for (String name : columns) {
      StructField field = df.schema().apply(name);
      out.add(normaliseColumn(col(name), field.dataType(), decimals).as(name));
    }
    return df.select(out.toArray(new Column[0]));
  }

  private static Column normaliseColumn(Column c, DataType type, int decimals) {
    if (type instanceof MapType) {
      return array_sort(map_entries(c));
    }
    if (decimals >= 0 && isFloating(type)) {
      return round(c, decimals);
    }
    if (decimals >= 0 && type instanceof ArrayType array && isFloating(array.elementType())) {
      return transform(c, x -> round(x, decimals));
    }
    return c;
  }

  private static boolean isFloating(DataType type) {
    return type instanceof DoubleType || type instanceof FloatType;
  }
}
