package org.unime.udfs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.EmbeddingModel;

/**
 * The embed stage: vectors for items on executors, a partition at a time in the model's fixed batches. Rows whose
 * (id, content hash) already have a vector from the same model version are skipped, so re-running, or running after
 * a small refresh, embeds only what is new or changed.
 */
public final class EmbedStage {
  /** {@code embeddings}: keyed by (id, model_version); content_hash tells a stale vector from a current one. */
  public static final StructType EMBEDDINGS =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("id", DataTypes.StringType, false),
              DataTypes.createStructField("kind", DataTypes.StringType, false),
              DataTypes.createStructField("model_id", DataTypes.StringType, false),
              DataTypes.createStructField("model_version", DataTypes.StringType, false),
              DataTypes.createStructField("content_hash", DataTypes.StringType, false),
              DataTypes.createStructField("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false)));

  private final ModelRef model;

  public EmbedStage(ModelRef model) {
    this.model = model;
  }

  /**
   * @param items rows with id, text, image, content_hash
   * @param kind "query" or "candidate", stored with each vector
   * @param existing the current embeddings table, or null when there is none
   * @return new embeddings rows ({@link #EMBEDDINGS}) for items without a current vector
   */
  public Dataset<Row> embed(Dataset<Row> items, String kind, Dataset<Row> existing) {
    String version = model.version();
    Dataset<Row> todo = items.select("id", "text", "image", "content_hash");
    if (existing != null) {
      Dataset<Row> current =
          existing.filter(col("model_version").equalTo(lit(version))).select("id", "content_hash");
      todo = todo.join(current, scala.jdk.javaapi.CollectionConverters.asScala(List.of("id", "content_hash")).toSeq(), "left_anti");
    }
    return todo.mapPartitions(new EmbedPartition(model, kind, version), Encoders.row(EMBEDDINGS));
  }

  private static final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    private final ModelRef ref;
    private final String kind;
    private final String version;

    EmbedPartition(ModelRef ref, String kind, String version) {
      this.ref = ref;
      this.kind = kind;
      this.version = version;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      EmbeddingModel model = ref.embedder();
      if (!model.version().equals(version)) {
        throw new IllegalStateException(
            "Cannot embed with " + ref.uri() + ": the driver planned version " + version + " but the executor loaded "
                + model.version() + " (was the artifact replaced mid-run?)");
      }
      List<Row> out = new ArrayList<>();
      List<EmbeddingInput> batch = new ArrayList<>();
      List<String> hashes = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        batch.add(new EmbeddingInput(row.getString(0), row.getString(1), (byte[]) row.get(2)));
        hashes.add(row.getString(3));
        if (batch.size() == model.batchSize()) {
          flush(model, batch, hashes, out);
        }
      }
      flush(model, batch, hashes, out);
      return out.iterator();
    }

    private void flush(EmbeddingModel model, List<EmbeddingInput> batch, List<String> hashes, List<Row> out) {
      if (batch.isEmpty()) {
        return;
      }
      float[][] vectors = model.embed(batch);
      for (int i = 0; i < batch.size(); i++) {
        List<Float> vector = new ArrayList<>(vectors[i].length);
        for (float v : vectors[i]) {
          vector.add(v);
        }
        out.add(RowFactory.create(batch.get(i).id(), kind, model.id(), version, hashes.get(i),
            scala.jdk.javaapi.CollectionConverters.asScala(vector).toList()));
      }
      batch.clear();
      hashes.clear();
    }
  }
}
