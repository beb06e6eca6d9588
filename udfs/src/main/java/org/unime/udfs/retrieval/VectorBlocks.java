package org.unime.udfs.retrieval;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.StructType;
import org.unime.udfs.spark.ScalaValues;

/**
 * Groups vector rows into fixed-size blocks (ids + packed float32 matrix) within each partition. A block is the
 * unit one task multiplies against another block, which keeps memory at block x block no matter the pool size.
 */
public final class VectorBlocks {
  public static final StructType QUERY_BLOCKS =
      createStructType(
          List.of(
              createStructField("q_block", StringType, false),
              createStructField("q_ids", createArrayType(StringType, false), false),
              createStructField("q_vectors", BinaryType, false),
              createStructField("q_excluded", createArrayType(createArrayType(StringType, false), false), false),
              createStructField("q_dim", IntegerType, false)));

  public static final StructType CANDIDATE_BLOCKS =
      createStructType(
          List.of(
              createStructField("c_block", StringType, false),
              createStructField("c_ids", createArrayType(StringType, false), false),
              createStructField("c_vectors", BinaryType, false),
              createStructField("c_dim", IntegerType, false)));

  private VectorBlocks() {}

  /** {@code rows}: (id, vector array<float>, positive_ids array<string>) → query blocks. */
  public static Dataset<Row> queryBlocks(Dataset<Row> rows, int blockSize) {
    return rows.mapPartitions(new Blocker(blockSize, true), Encoders.row(QUERY_BLOCKS));
  }

  /** {@code rows}: (id, vector array<float>) → candidate blocks. */
  public static Dataset<Row> candidateBlocks(Dataset<Row> rows, int blockSize) {
    return rows.mapPartitions(new Blocker(blockSize, false), Encoders.row(CANDIDATE_BLOCKS));
  }

  private static final class Blocker implements MapPartitionsFunction<Row, Row> {
    private final int blockSize;
    private final boolean queries;

    Blocker(int blockSize, boolean queries) {
      this.blockSize = blockSize;
      this.queries = queries;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      int partition = TaskContext.getPartitionId();
      List<Row> blocks = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      List<scala.collection.immutable.Seq<String>> excluded = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        ids.add(row.getString(0));
        vectors.add(toFloats(row.getList(1), row.getString(0)));
        if (queries) {
          excluded.add(ScalaValues.seq(ScalaValues.list(row.get(2))));
        }
        if (ids.size() == blockSize) {
          blocks.add(block(partition + "-" + blocks.size(), ids, vectors, excluded));
          ids.clear();
          vectors.clear();
          excluded.clear();
        }
      }
      if (!ids.isEmpty()) {
        blocks.add(block(partition + "-" + blocks.size(), ids, vectors, excluded));
      }
      return blocks.iterator();
    }

    private Row block(String blockId, List<String> ids, List<float[]> vectors, List<scala.collection.immutable.Seq<String>> excluded) {
      int dim = vectors.get(0).length;
      float[] flat = new float[ids.size() * dim];
      for (int i = 0; i < vectors.size(); i++) {
        if (vectors.get(i).length != dim) {
          throw new IllegalArgumentException(
              "Cannot block vectors: row " + ids.get(i) + " has dimension " + vectors.get(i).length
                  + " but the block's first row " + ids.get(0) + " has " + dim);
        }
        System.arraycopy(vectors.get(i), 0, flat, i * dim, dim);
      }
      byte[] packed = VectorCodec.pack(flat);
      scala.collection.immutable.Seq<String> idSeq = ScalaValues.seq(List.copyOf(ids));
      if (queries) {
        return RowFactory.create(blockId, idSeq, packed, scala.jdk.javaapi.CollectionConverters.asScala(List.copyOf(excluded)).toList(), dim);
      }
      return RowFactory.create(blockId, idSeq, packed, dim);
    }

    private static float[] toFloats(List<Object> values, String id) {
      float[] out = new float[values.size()];
      for (int i = 0; i < out.length; i++) {
        Object v = values.get(i);
        if (v == null) {
          throw new IllegalArgumentException("Cannot block vectors: row " + id + " has a null at index " + i);
        }
        out[i] = ((Number) v).floatValue();
      }
      return out;
    }
  }
}
