package org.unime.udfs.delta;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The one schema shared by the {@code candidates} and {@code queries} tables, and the schema of {@code rejects}.
 * Column names are the public contract documented in the README; change them only with a migration.
 */
public final class ItemSchema {
  public static final String ID = "id";
  public static final String DATASET = "dataset";
  public static final String SPLIT = "split";
  public static final String MODALITY = "modality";
  public static final String TEXT = "text";
  public static final String IMAGE = "image";
  public static final String POSITIVE_IDS = "positive_ids";
  public static final String CONTENT_HASH = "content_hash";
  public static final String SOURCE = "source";

  public static final String STAGE = "stage";
  public static final String ROW_ID = "row_id";
  public static final String REASON = "reason";
  public static final String DETAIL = "detail";

  /** Items: candidates and queries. {@code image} is PNG bytes or null; {@code positive_ids} is empty for candidates. */
  public static final StructType ITEMS =
      createStructType(
          List.of(
              createStructField(ID, StringType, false),
              createStructField(DATASET, StringType, false),
              createStructField(SPLIT, StringType, false),
              createStructField(MODALITY, StringType, false),
              createStructField(TEXT, StringType, true),
              createStructField(IMAGE, BinaryType, true),
              createStructField(POSITIVE_IDS, createArrayType(StringType, false), false),
              createStructField(CONTENT_HASH, StringType, false),
              createStructField(SOURCE, createMapType(StringType, StringType, false), false)));

  /** Rejected source rows: which stage, which dataset and row, why. Keyed by (stage, dataset, row_id, reason). */
  public static final StructType REJECTS =
      createStructType(
          List.of(
              createStructField(STAGE, StringType, false),
              createStructField(DATASET, StringType, false),
              createStructField(ROW_ID, StringType, false),
              createStructField(REASON, StringType, false),
              createStructField(DETAIL, StringType, false)));

  private ItemSchema() {}
}
