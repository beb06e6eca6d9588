package org.unime.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.unime.udfs.retrieval.DjlSimilarityKernel;
import org.unime.udfs.retrieval.ExactTopK;
import org.unime.udfs.retrieval.KernelChoice;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The whole retrieve stage, Delta to Delta on local[threads], against its kernel time on the same vectors: what
 * Spark (blocking, shuffle for the exact merge, Delta IO) costs on top of the arithmetic. Also the JVM's peak
 * memory (in local mode the driver is the executor).
 *
 * <p>Usage: {@code RetrieveStageBench <out.json> <work-dir> <threads> <nq,nc>...}
 */
public final class RetrieveStageBench {
  private static final int DIM = 128;
  private static final int K = 50;

  private RetrieveStageBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int threads = Integer.parseInt(args[2]);
    SparkSession spark =
        SparkSession.builder()
            .master("local[" + threads + "]")
            .appName("retrieve-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", String.valueOf(threads * 2))
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
    List<String> results = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      String[] size = args[i].split(",");
      results.add(run(spark, work.resolve("size-" + i), Integer.parseInt(size[0]), Integer.parseInt(size[1]), threads));
    }
    String json =
        "{\n  \"threads\": " + threads + ", \"dim\": " + DIM + ", \"k\": " + K + ",\n  \"peak_rss_mib\": " + peakRssMib()
            + ", \"peak_heap_mib\": " + peakHeapMib() + ",\n  \"sizes\": [\n    " + String.join(",\n    ", results)
            + "\n  ]\n}\n";
    Files.createDirectories(out.getParent());
    Files.writeString(out, json);
    System.out.print(json);
    spark.stop();
  }

  private static String run(SparkSession spark, Path dir, int nq, int nc, int threads) throws Exception {
    float[] q = BenchVectors.unitRows(nq, DIM, 11);
    float[] c = BenchVectors.unitRows(nc, DIM, 12);
    String queries = dir.resolve("queries").toString();
    String candidates = dir.resolve("candidates").toString();
    frame(spark, q, nq, "q", true).write().format("delta").mode("overwrite").save(queries);
    frame(spark, c, nc, "c", false).write().format("delta").mode("overwrite").save(candidates);

    long start = System.nanoTime();
    Dataset<Row> result =
        ExactTopK.keeping(K).withMaxSimilarity(0.95f).withBlocks(1024, 8192).withKernel(KernelChoice.DJL)
            .retrieve(spark.read().format("delta").load(queries), spark.read().format("delta").load(candidates));
    result.write().format("delta").mode("overwrite").save(dir.resolve("retrieval").toString());
    double stage = (System.nanoTime() - start) / 1e9;

    RetrievalKernelBench.topK(new DjlSimilarityKernel(), q, c, nq, nc, DIM, K, threads, 1024, 8192);
    long kernelStart = System.nanoTime();
    RetrievalKernelBench.topK(new DjlSimilarityKernel(), q, c, nq, nc, DIM, K, threads, 1024, 8192);
    double kernel = (System.nanoTime() - kernelStart) / 1e9;
    long rows = spark.read().format("delta").load(dir.resolve("retrieval").toString()).count();
    return String.format(Locale.ROOT,
        "{\"nq\": %d, \"nc\": %d, \"stage_seconds\": %.3f, \"kernel_seconds\": %.3f, \"spark_overhead_share\": %.3f, \"rows_written\": %d}",
        nq, nc, stage, kernel, (stage - kernel) / stage, rows);
  }

  private static Dataset<Row> frame(SparkSession spark, float[] flat, int n, String prefix, boolean queries) {
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<Float> v = new ArrayList<>(DIM);
      for (int d = 0; d < DIM; d++) {
        v.add(flat[i * DIM + d]);
      }
      Object vector = CollectionConverters.asScala(v).toList();
      rows.add(queries
          ? RowFactory.create(prefix + i, vector, CollectionConverters.asScala(List.of("none")).toList())
          : RowFactory.create(prefix + i, vector));
    }
    List<org.apache.spark.sql.types.StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false)));
    if (queries) {
      fields.add(DataTypes.createStructField("positive_ids", DataTypes.createArrayType(DataTypes.StringType, false), false));
    }
    StructType schema = DataTypes.createStructType(fields);
    return spark.createDataFrame(rows, schema).repartition(spark.sparkContext().defaultParallelism());
  }

  private static long peakRssMib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private static long peakHeapMib() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }
}
