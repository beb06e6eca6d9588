package org.unime.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unime.udfs.retrieval.ExactTopK;
import org.unime.udfs.retrieval.KernelChoice;
import scala.jdk.javaapi.CollectionConverters;

/** The Spark blocked search equals a brute-force reference, whatever the partitioning and blocking. */
class ExactTopKIT {
  private static final int DIM = 8;
  private static final StructType QUERIES =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("id", DataTypes.StringType, false),
              DataTypes.createStructField("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false),
              DataTypes.createStructField("positive_ids", DataTypes.createArrayType(DataTypes.StringType, false), false)));
  private static final StructType CANDIDATES =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("id", DataTypes.StringType, false),
              DataTypes.createStructField("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false)));

  static SparkSession spark;
  static Map<String, float[]> queries;
  static Map<String, Set<String>> positives;
  static Map<String, float[]> candidates;

  @BeforeAll
  static void data() {
    spark = SharedSpark.get();
    Random random = new Random(7);
    candidates = new LinkedHashMap<>();
    for (int i = 0; i < 113; i++) {
      candidates.put(String.format("c%03d", i), unit(random));
    }
    // Exact ties: identical vectors under different ids must be ordered by id.
    candidates.put("c900", candidates.get("c005").clone());
    candidates.put("c901", candidates.get("c005").clone());
    queries = new LinkedHashMap<>();
    positives = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>(candidates.keySet());
    for (int i = 0; i < 37; i++) {
      String id = "q" + i;
      // Some queries sit exactly on a candidate: similarity 1.0, which the cap must drop.
      queries.put(id, i % 5 == 0 ? candidates.get(ids.get(i)).clone() : unit(random));
      positives.put(id, Set.of(ids.get(random.nextInt(ids.size())), ids.get(random.nextInt(ids.size()))));
    }
  }

  @Test
  void equalsBruteForceForEveryPartitioningAndBlocking() {
    Map<String, List<String>> expected = bruteForce(10, 0.8f);
    int[][] layouts = {{1, 1000, 1000}, {3, 5, 7}, {4, 1, 13}, {2, 37, 1}};
    for (int[] layout : layouts) {
      Map<String, List<String>> actual =
          run(ExactTopK.keeping(10).withMaxSimilarity(0.8f).withBlocks(layout[1], layout[2]), layout[0], candidates);
      assertThat(actual).as("partitions=%d blocks=%dx%d", layout[0], layout[1], layout[2]).isEqualTo(expected);
    }
  }

  @Test
  void kLargerThanThePoolReturnsEveryAdmissibleCandidate() {
    Map<String, List<String>> actual = run(ExactTopK.keeping(500).withBlocks(4, 16), 2, candidates);
    assertThat(actual).isEqualTo(bruteForce(500, Float.POSITIVE_INFINITY));
    assertThat(actual.get("q1")).hasSize(candidates.size() - positives.get("q1").size());
  }

  @Test
  void emptyPoolGivesNoRows() {
    assertThat(run(ExactTopK.keeping(5), 2, Map.of())).isEmpty();
  }

  @Test
  void libtorchKernelAgreesWithTheReference() {
    Map<String, float[]> distinct = new LinkedHashMap<>(candidates);
    distinct.remove("c900");
    distinct.remove("c901");
    Dataset<Row> rows =
        ExactTopK.keeping(10).withBlocks(8, 32).withKernel(KernelChoice.DJL)
            .retrieve(queryFrame(2), candidateFrame(distinct, 2));
    Dataset<Row> reference =
        ExactTopK.keeping(10).withBlocks(8, 32).retrieve(queryFrame(2), candidateFrame(distinct, 2));
    List<Row> a = rows.orderBy("query_id", "rank").collectAsList();
    List<Row> b = reference.orderBy("query_id", "rank").collectAsList();
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).<String>getAs("candidate_id")).isEqualTo(b.get(i).getAs("candidate_id"));
      assertThat(a.get(i).<Float>getAs("similarity")).isCloseTo(b.get(i).getAs("similarity"), within(1e-5f));
    }
  }

  private static Map<String, List<String>> run(ExactTopK topK, int partitions, Map<String, float[]> pool) {
    List<Row> rows =
        topK.retrieve(queryFrame(partitions), candidateFrame(pool, partitions)).orderBy("query_id", "rank").collectAsList();
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Row r : rows) {
      List<String> list = out.computeIfAbsent(r.getAs("query_id"), q -> new ArrayList<>());
      assertThat(r.<Integer>getAs("rank")).isEqualTo(list.size() + 1);
      list.add(r.getAs("candidate_id"));
    }
    return new java.util.TreeMap<>(out);
  }

  private static Map<String, List<String>> bruteForce(int k, float delta) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    queries.forEach(
        (qid, q) -> {
          List<Map.Entry<String, Float>> scored = new ArrayList<>();
          candidates.forEach(
              (cid, c) -> {
                float sim = dot(q, c);
                if (sim < delta && !positives.get(qid).contains(cid)) {
                  scored.add(Map.entry(cid, sim));
                }
              });
          scored.sort(
              Comparator.<Map.Entry<String, Float>>comparingDouble(e -> -e.getValue())
                  .thenComparing(Map.Entry::getKey));
          List<String> ids = scored.stream().limit(k).map(Map.Entry::getKey).toList();
          if (!ids.isEmpty()) {
            out.put(qid, ids);
          }
        });
    return out;
  }

  private static Dataset<Row> queryFrame(int partitions) {
    List<Row> rows = new ArrayList<>();
    queries.forEach(
        (id, v) ->
            rows.add(
                RowFactory.create(
                    id, floats(v), CollectionConverters.asScala(new ArrayList<>(positives.get(id))).toList())));
    return spark.createDataFrame(rows, QUERIES).repartition(partitions);
  }

  private static Dataset<Row> candidateFrame(Map<String, float[]> pool, int partitions) {
    List<Row> rows = new ArrayList<>();
    pool.forEach((id, v) -> rows.add(RowFactory.create(id, floats(v))));
    return spark.createDataFrame(rows, CANDIDATES).repartition(partitions);
  }

  private static scala.collection.immutable.Seq<Float> floats(float[] v) {
    List<Float> list = new ArrayList<>();
    for (float x : v) {
      list.add(x);
    }
    return CollectionConverters.asScala(list).toList();
  }

  private static float dot(float[] a, float[] b) {
    float s = 0f;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static float[] unit(Random random) {
    float[] v = new float[DIM];
    double norm = 0;
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < DIM; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
