package org.unime.udfs.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.unime.pipeline.ingest.ImageMaterializer;
import org.unime.pipeline.ingest.RejectException;
import org.unime.pipeline.model.ContentHash;
import org.unime.pipeline.model.Reject;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceRecord;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.spark.ScalaValues;

/**
 * Executor side of ingest: decodes, validates or rasterises each record's image into PNG bytes and emits either
 * an item row or a reject row. One {@link ImageMaterializer} per partition; it holds no native resources.
 */
public final class MaterializeImages implements FlatMapFunction<Iterator<SourceRecord>, Row> {
  public static final String KIND = "kind";
  public static final String ITEM = "item";
  public static final String REJECT = "reject";

  /** One output row: kind (candidate, query or reject) plus the item or the reject. */
  public static final StructType OUTCOME =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField(KIND, DataTypes.StringType, false),
              DataTypes.createStructField(ITEM, ItemSchema.ITEMS, true),
              DataTypes.createStructField(REJECT, ItemSchema.REJECTS, true)));

  private final int rasterSize;

  public MaterializeImages(int rasterSize) {
    this.rasterSize = rasterSize;
  }

  @Override
  public Iterator<Row> call(Iterator<SourceRecord> records) {
    ImageMaterializer materializer = new ImageMaterializer(rasterSize);
    List<Row> out = new ArrayList<>();
    while (records.hasNext()) {
      SourceRecord record = records.next();
      try {
        byte[] png = record.image() == null ? null : materializer.toPng(record.image());
        out.add(itemOutcome(record, png));
      } catch (RejectException e) {
        out.add(rejectOutcome(e.toReject(record.dataset(), record.id())));
      }
    }
    return out.iterator();
  }

  static Row itemOutcome(SourceRecord record, byte[] png) {
    Row item =
        RowFactory.create(
            record.id(),
            record.dataset(),
            record.split().wireName(),
            record.modality().wireName(),
            record.text(),
            png,
            ScalaValues.seq(record.positiveIds()),
            ContentHash.of(record.text(), png),
            ScalaValues.map(record.source()));
    String kind = record.role() == Role.QUERY ? "query" : "candidate";
    return RowFactory.create(kind, item, null);
  }

  /** A reject row in the {@link ItemSchema#REJECTS} layout, for the ingest stage. */
  public static Row rejectRow(Reject reject) {
    return RowFactory.create("ingest", reject.dataset(), reject.rowId(), reject.reason().wireName(), reject.detail());
  }

  static Row rejectOutcome(Reject reject) {
    return RowFactory.create("reject", null, rejectRow(reject));
  }
}
