package org.unime.udfs.rerank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.unime.pipeline.rerank.MinedQuery;
import org.unime.pipeline.rerank.QueryExamples;
import org.unime.pipeline.rerank.RerankExampleFactory;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.judge.MiniJudgeEncoder.Encoded;
import org.unime.udfs.train.BatchContext;
import org.unime.udfs.train.TrainingTask;

/**
 * The reranker's loss for the shared {@link org.unime.udfs.train.TrainingLoop}: each example is one mined query; a
 * step builds its pair+, pair- and list (positions drawn from the step's seed, so they change each time the query
 * comes round and a resumed run draws the same ones), runs all pairs in one batch and all lists in another, and
 * returns {@link RerankerObjective#loss}.
 *
 * <p>Prompt pieces (a query side, a candidate side, a list candidate at a position) are encoded once and cached.
 */
final class RerankerTrainingTask implements TrainingTask {
  private final RerankerNet net;
  private final RerankerEncoder encoder;
  private final List<MinedQuery> queries;
  private final Map<String, JudgeItem> items;
  private final Map<String, float[]> vectors;
  private final RerankExampleFactory factory;
  private final Map<String, Encoded> pieces = new ConcurrentHashMap<>();

  /**
   * @param queries mined queries whose every id is in {@code items} and which have a usable negative
   * @param vectors the frozen embedder's vector of every item id, or null without an embedder
   */
  RerankerTrainingTask(RerankerNet net, RerankerEncoder encoder, List<MinedQuery> queries, Map<String, JudgeItem> items,
      Map<String, float[]> vectors, RerankExampleFactory factory) {
    this.net = net;
    this.encoder = encoder;
    this.queries = List.copyOf(queries);
    this.items = items;
    this.vectors = vectors;
    this.factory = factory;
  }

  @Override
  public Block block() {
    return net;
  }

  @Override
  public int exampleCount() {
    return queries.size();
  }

  @Override
  public NDArray loss(BatchContext context, int[] examples) {
    int width = net.config().headWidth();
    List<RerankSequence> pairs = new ArrayList<>(2 * examples.length);
    List<RerankSequence> lists = new ArrayList<>(examples.length);
    int[] answers = new int[examples.length];
    for (int i = 0; i < examples.length; i++) {
      QueryExamples ex = factory.examplesFor(queries.get(examples[i]), context.seed());
      String q = ex.positivePair().queryId();
      Encoded pairQuery = piece("pq", q, () -> encoder.pairQuery(item(q), vector(q)));
      for (String c : List.of(ex.positivePair().candidateId(), ex.negativePair().candidateId())) {
        Encoded candidate = piece("pc", c, () -> encoder.pairCandidate(item(c), vector(c)));
        pairs.add(RerankSequence.pair(pairQuery, vector(q), candidate, vector(c), width));
      }
      List<String> ids = ex.list().candidateIds();
      List<Encoded> listPieces = new ArrayList<>(ids.size());
      float[][] listVectors = new float[ids.size()][];
      for (int p = 0; p < ids.size(); p++) {
        String c = ids.get(p);
        int position = p + 1;
        listPieces.add(piece("lc" + position, c, () -> encoder.listCandidate(position, item(c), vector(c))));
        listVectors[p] = vector(c);
      }
      Encoded listQuery = piece("lq", q, () -> encoder.listQuery(item(q), vector(q)));
      lists.add(RerankSequence.list(listQuery, vector(q), listPieces, listVectors, width));
      answers[i] = ex.list().answerPosition();
    }
    NDManager m = context.manager();
    RerankBatch listBatch = RerankBatch.of(m, net.config(), lists);
    return RerankerObjective.loss(m, net.logits(RerankBatch.of(m, net.config(), pairs)), net.logits(listBatch),
        listBatch.positionMask(), answers, factory.settings());
  }

  private Encoded piece(String kind, String id, Supplier<Encoded> encode) {
    return pieces.computeIfAbsent(kind + ":" + id, key -> encode.get());
  }

  private JudgeItem item(String id) {
    JudgeItem item = items.get(id);
    if (item == null) {
      throw new IllegalStateException("Cannot train the reranker: no query or candidate row has id " + id);
    }
    return item;
  }

  private float[] vector(String id) {
    if (vectors == null) {
      return null;
    }
    float[] v = vectors.get(id);
    if (v == null) {
      throw new IllegalStateException("Cannot train the reranker: no embedder vector was computed for row " + id);
    }
    return v;
  }
}
