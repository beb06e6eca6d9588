package org.unime.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.unime.pipeline.mining.BlockScorer;
import org.unime.pipeline.mining.BoundedTopK;
import org.unime.pipeline.mining.CandidateBlock;
import org.unime.pipeline.mining.JavaSimilarityKernel;
import org.unime.pipeline.mining.QueryBlock;
import org.unime.pipeline.mining.RetrievalFilter;
import org.unime.pipeline.mining.SimilarityKernel;
import org.unime.udfs.retrieval.DjlSimilarityKernel;

/**
 * Retrieval kernel throughput: exact top-k (matrix product + bounded heaps) over the same seeded vectors that the
 * FAISS peer searches, plus libtorch's plain sgemm as the machine's matrix-multiply peak. Writes JSON.
 *
 * <p>Usage: {@code RetrievalKernelBench <out.json> <vectors-dir> <nq> <nc> <dim> <k> <threads>}
 */
public final class RetrievalKernelBench {
  private RetrievalKernelBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path vectors = Path.of(args[1]);
    int nq = Integer.parseInt(args[2]);
    int nc = Integer.parseInt(args[3]);
    int dim = Integer.parseInt(args[4]);
    int k = Integer.parseInt(args[5]);
    int threads = Integer.parseInt(args[6]);
    float[] queries = BenchVectors.unitRows(nq, dim, 1);
    float[] candidates = BenchVectors.unitRows(nc, dim, 2);
    BenchVectors.write(queries, vectors.resolve("queries.f32"));
    BenchVectors.write(candidates, vectors.resolve("candidates.f32"));

    double work = (double) nq * nc * dim;
    StringBuilder json = new StringBuilder("{\n");
    json.append(String.format(Locale.ROOT, "  \"nq\": %d, \"nc\": %d, \"dim\": %d, \"k\": %d, \"threads\": %d,%n", nq, nc, dim, k, threads));
    json.append(String.format(Locale.ROOT, "  \"sgemm_square_2048_gflops\": %.2f,%n", sgemm(2048, 2048, 2048)));
    json.append(String.format(Locale.ROOT, "  \"sgemm_retrieval_shape_gflops\": %.2f,%n", sgemm(1024, dim, 8192)));
    for (String name : List.of("djl", "java")) {
      SimilarityKernel kernel = name.equals("djl") ? new DjlSimilarityKernel() : new JavaSimilarityKernel();
      int queryBlock = 1024;
      int candidateBlock = name.equals("djl") ? 8192 : 4096;
      topK(kernel, queries, candidates, nq, nc, dim, k, threads, queryBlock, candidateBlock); // warm-up
      long best = Long.MAX_VALUE;
      int reps = name.equals("djl") ? 3 : 1;
      for (int rep = 0; rep < reps; rep++) {
        long start = System.nanoTime();
        topK(kernel, queries, candidates, nq, nc, dim, k, threads, queryBlock, candidateBlock);
        best = Math.min(best, System.nanoTime() - start);
      }
      double seconds = best / 1e9;
      json.append(String.format(Locale.ROOT,
          "  \"%s_topk\": {\"seconds\": %.4f, \"qcd_per_second\": %.4e, \"gflops\": %.2f},%n",
          name, seconds, work / seconds, 2 * work / seconds / 1e9));
    }
    json.setLength(json.length() - 2);
    json.append("\n}\n");
    Files.createDirectories(out.getParent());
    Files.writeString(out, json.toString());
    System.out.print(json);
  }

  /** Exact top-k of every query, query blocks spread over a fixed thread pool (one block pair per task). */
  static List<BoundedTopK> topK(SimilarityKernel kernel, float[] q, float[] c, int nq, int nc, int dim, int k,
      int threads, int queryBlock, int candidateBlock) throws Exception {
    BlockScorer scorer = BlockScorer.builder(kernel).build();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<BoundedTopK>>> futures = new ArrayList<>();
      for (int q0 = 0; q0 < nq; q0 += queryBlock) {
        int from = q0;
        int rows = Math.min(queryBlock, nq - q0);
        futures.add(pool.submit(() -> scoreQueryBlock(scorer, q, c, from, rows, nc, dim, k, candidateBlock)));
      }
      List<BoundedTopK> all = new ArrayList<>();
      for (Future<List<BoundedTopK>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } finally {
      pool.shutdown();
    }
  }

  private static List<BoundedTopK> scoreQueryBlock(BlockScorer scorer, float[] q, float[] c, int from, int rows,
      int nc, int dim, int k, int candidateBlock) {
    List<String> ids = new ArrayList<>(rows);
    List<RetrievalFilter> filters = new ArrayList<>(rows);
    List<BoundedTopK> tops = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      ids.add("q" + (from + i));
      filters.add(RetrievalFilter.unbounded(new HashSet<>(List.of("none"))));
      tops.add(BoundedTopK.keeping(k));
    }
    float[] block = java.util.Arrays.copyOfRange(q, from * dim, (from + rows) * dim);
    QueryBlock queries = new QueryBlock(ids, block, dim, filters);
    for (int c0 = 0; c0 < nc; c0 += candidateBlock) {
      int n = Math.min(candidateBlock, nc - c0);
      List<String> cids = new ArrayList<>(n);
      for (int j = 0; j < n; j++) {
        cids.add("c" + (c0 + j));
      }
      scorer.score(queries, new CandidateBlock(cids, java.util.Arrays.copyOfRange(c, c0 * dim, (c0 + n) * dim), dim), tops);
    }
    return tops;
  }

  /** GFLOP/s of one (m x inner) x (inner x n) product in libtorch, best of 5: the machine's sgemm ceiling. */
  static double sgemm(int m, int inner, int n) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray a = manager.randomNormal(new Shape(m, inner));
      NDArray b = manager.randomNormal(new Shape(inner, n));
      a.matMul(b).close();
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        NDArray product = a.matMul(b);
        best = Math.min(best, System.nanoTime() - start);
        product.close();
      }
      return 2.0 * m * inner * n / (best / 1e9) / 1e9;
    }
  }
}
