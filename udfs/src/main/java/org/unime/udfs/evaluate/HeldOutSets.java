package org.unime.udfs.evaluate;

import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.pipeline.eval.CompositionalItem;
import org.unime.pipeline.eval.TaskGroups;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.ItemTables;
import org.unime.udfs.eval.CompositionalSets;
import org.unime.udfs.eval.CompositionalSubset;
import org.unime.udfs.judge.CorpusItem;
import org.unime.udfs.judge.JudgeCorpusRows;

/**
 * Our held-out evaluation sets, built from the candidates and queries tables (docs/results.md has the details):
 *
 * <ul>
 *   <li>{@link #tasks MMEB-style tasks}, one per (split, dataset, direction) of the held-out queries:
 *       {@code i2t/<dataset>/<split>} (image + instruction → label), {@code t2i/<dataset>/<split>} (instruction +
 *       label → image) and {@code cls/<dataset>/test} (Fashion-MNIST image → its class name). Each row is the
 *       query's ground truth followed by distractors from the task's pool: the dataset's candidates of the kind
 *       (text or image) and split of the queries' positives, less the query's own answers.
 *   <li>{@link #recallSets Recall sets}, one per dataset with unseen-concept images: those images (as their
 *       image→text queries, image + instruction) against the unseen-concept labels, image→label map from the
 *       queries' positives.
 *   <li>{@link #compositional Compositional pairs} over the held-out image candidates ({@link CompositionalSets}).
 * </ul>
 *
 * Immutable after construction; driver-only.
 */
public final class HeldOutSets {
  private static final Logger LOG = LoggerFactory.getLogger(HeldOutSets.class);
  static final String UNSEEN_CONCEPT = "eval-unseen-concept";
  static final String UNSEEN_VENDOR = "eval-unseen-vendor";
  static final String TEST = "test";
  static final List<String> QUERY_SPLITS = List.of(UNSEEN_CONCEPT, UNSEEN_VENDOR, TEST);

  private final List<CorpusItem> candidates;
  private final List<CorpusItem> queries;
  private final Map<String, CorpusItem> candidateById = new HashMap<>();
  private final Map<String, EmbeddingInput> inputs = new HashMap<>();

  private HeldOutSets(List<CorpusItem> candidates, List<CorpusItem> queries) {
    this.candidates = candidates.stream().sorted(Comparator.comparing(CorpusItem::id)).toList();
    this.queries = queries.stream().filter(q -> QUERY_SPLITS.contains(q.split()))
        .sorted(Comparator.comparing(CorpusItem::id)).toList();
    this.candidates.forEach(c -> candidateById.put(c.id(), c));
  }

  /**
   * Reads the held-out queries and the candidates they need from the pinned tables: every text candidate and every
   * candidate outside the train split (train images are never a held-out pool, so their bytes stay in the table).
   */
  public static HeldOutSets read(ItemTables tables) {
    String[] columns = {ItemSchema.ID, ItemSchema.DATASET, ItemSchema.SPLIT, ItemSchema.TEXT, ItemSchema.IMAGE,
        ItemSchema.POSITIVE_IDS, ItemSchema.SOURCE};
    List<CorpusItem> candidates = JudgeCorpusRows.collect(tables.candidateRows()
        .filter(col(ItemSchema.SPLIT).notEqual("train").or(col(ItemSchema.MODALITY).equalTo("text")))
        .selectExpr(columns));
    List<CorpusItem> queries = JudgeCorpusRows.collect(tables.queryRows()
        .filter(col(ItemSchema.SPLIT).isin(QUERY_SPLITS.toArray())).selectExpr(columns));
    LOG.info("Held-out sets from {} candidates and {} queries (tables {})", candidates.size(), queries.size(),
        tables.versions());
    return new HeldOutSets(candidates, queries);
  }

  /** Sets from rows already read (candidates: text rows plus every row whose image a set may use). */
  public static HeldOutSets of(List<CorpusItem> candidates, List<CorpusItem> queries) {
    return new HeldOutSets(candidates, queries);
  }

  /**
   * The MMEB-style tasks; empty when there is no held-out query.
   *
   * @param maxCandidates candidates per row, ground truth included; 0 = the whole pool
   */
  public Optional<TaskSuite> tasks(int maxCandidates) {
    Map<String, List<CorpusItem>> byTask = new LinkedHashMap<>();
    queries.stream()
        .sorted(Comparator.comparing((CorpusItem q) -> QUERY_SPLITS.indexOf(q.split()))
            .thenComparing(CorpusItem::dataset).thenComparing(HeldOutSets::direction).thenComparing(CorpusItem::id))
        .forEach(q -> byTask.computeIfAbsent(direction(q) + "/" + q.dataset() + "/" + q.split(),
            k -> new ArrayList<>()).add(q));
    List<RetrievalTask> tasks = new ArrayList<>();
    TaskGroups.Builder meta = TaskGroups.builder();
    Map<String, List<String>> metaGroups = new LinkedHashMap<>();
    Map<String, List<String>> distGroups = new LinkedHashMap<>();
    for (Map.Entry<String, List<CorpusItem>> e : byTask.entrySet()) {
      RetrievalTask task = task(e.getKey(), e.getValue(), maxCandidates);
      if (task == null) {
        continue;
      }
      tasks.add(task);
      CorpusItem first = e.getValue().get(0);
      metaGroups.computeIfAbsent(TEST.equals(first.split()) ? "Classification" : "Retrieval", k -> new ArrayList<>())
          .add(task.name());
      distGroups.computeIfAbsent(UNSEEN_VENDOR.equals(first.split()) ? "OOD" : "IND", k -> new ArrayList<>())
          .add(task.name());
    }
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    metaGroups.forEach(meta::group);
    TaskGroups.Builder dist = TaskGroups.builder();
    distGroups.forEach(dist::group);
    return Optional.of(TaskSuite.of(Suites.MMEB_STYLE, tasks, meta.build(), dist.build()));
  }

  /** One recall set per dataset with unseen-concept image queries. */
  public List<RecallSet> recallSets() {
    Map<String, List<CorpusItem>> imagesByDataset = new TreeMap<>();
    queries.stream().filter(q -> UNSEEN_CONCEPT.equals(q.split()) && q.hasImage())
        .forEach(q -> imagesByDataset.computeIfAbsent(q.dataset(), d -> new ArrayList<>()).add(q));
    List<RecallSet> out = new ArrayList<>();
    imagesByDataset.forEach((dataset, imageQueries) -> {
      Set<String> labelIds = new LinkedHashSet<>();
      candidates.stream().filter(c -> dataset.equals(c.dataset()) && UNSEEN_CONCEPT.equals(c.split())
          && !c.hasImage() && c.text() != null).forEach(c -> labelIds.add(c.id()));
      List<EmbeddingInput> images = new ArrayList<>();
      List<String> labelOfImage = new ArrayList<>();
      for (CorpusItem q : imageQueries) {
        q.positiveIds().stream().filter(labelIds::contains).findFirst().ifPresent(label -> {
          images.add(input(q));
          labelOfImage.add(label);
        });
      }
      List<String> labels = labelIds.stream().filter(labelOfImage::contains).toList();
      if (labels.isEmpty()) {
        return;
      }
      Map<String, Integer> index = new HashMap<>();
      labels.forEach(l -> index.put(l, index.size()));
      String name = dataset + "/" + UNSEEN_CONCEPT;
      LOG.info("Recall set {}: {} images, {} labels ({} images without a label of the split and {} labels without"
          + " an image left out)", name, images.size(), labels.size(), imageQueries.size() - images.size(),
          labelIds.size() - labels.size());
      out.add(new RecallSet(name, images, labels.stream().map(l -> input(candidateById.get(l))).toList(),
          RecallSet.Shape.IMAGES_PER_LABEL, labelOfImage.stream().mapToInt(index::get).toArray()));
    });
    return out;
  }

  /** Compositional pairs over the held-out image candidates; empty when no held-out image has one. */
  public Optional<CompositionalSet> compositional() {
    List<CompositionalItem> items =
        CompositionalSets.of(candidates).items(c -> UNSEEN_CONCEPT.equals(c.split()) || UNSEEN_VENDOR.equals(c.split()));
    if (items.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> instruction = new HashMap<>();
    queries.stream().filter(q -> q.hasImage() && q.text() != null)
        .forEach(q -> instruction.putIfAbsent(q.dataset(), q.text()));
    Map<String, EmbeddingInput> images = new HashMap<>();
    for (CompositionalItem item : items) {
      images.computeIfAbsent(item.image(), id -> {
        CorpusItem c = candidateById.get(id);
        String text = instruction.get(c.dataset());
        return text == null ? EmbeddingInput.image(id, c.image()) : new EmbeddingInput(id + "#i2t", text, c.image());
      });
    }
    return Optional.of(new CompositionalSet(Suites.COMPOSITIONAL, items, images, CompositionalSubset.groups()));
  }

  /** {@code i2t} for image queries, {@code cls} for image queries of the test split, {@code t2i} for text queries. */
  private static String direction(CorpusItem q) {
    if (!q.hasImage()) {
      return "t2i";
    }
    return TEST.equals(q.split()) ? "cls" : "i2t";
  }

  private RetrievalTask task(String name, List<CorpusItem> group, int maxCandidates) {
    List<CorpusItem> pool = pool(group);
    Map<String, Set<String>> answersByText = new HashMap<>();
    group.stream().filter(q -> !q.hasImage())
        .forEach(q -> answersByText.computeIfAbsent(q.text(), t -> new LinkedHashSet<>()).addAll(q.positiveIds()));
    Set<String> poolIds = new LinkedHashSet<>();
    pool.forEach(c -> poolIds.add(c.id()));
    List<RetrievalTask.Row> rows = new ArrayList<>();
    int skipped = 0;
    for (CorpusItem q : group) {
      Set<String> answers = q.hasImage() ? Set.copyOf(q.positiveIds()) : answersByText.get(q.text());
      Optional<String> truth = q.positiveIds().stream().filter(poolIds::contains).findFirst();
      List<CorpusItem> distractors = pool.stream().filter(c -> !answers.contains(c.id())).toList();
      if (truth.isEmpty() || distractors.isEmpty()) {
        skipped++;
        continue;
      }
      rows.add(new RetrievalTask.Row(q.id(), input(q), candidates(truth.get(), q.id(), distractors, maxCandidates)));
    }
    if (rows.isEmpty()) {
      LOG.warn("Task {}: no row has its ground truth and a distractor in the pool ({} queries skipped)", name, skipped);
      return null;
    }
    return new RetrievalTask(name, rows, skipped);
  }

  /** The ground truth, then the distractors: all of them, or the first by a stable hash of (query, candidate). */
  private List<EmbeddingInput> candidates(String truth, String queryId, List<CorpusItem> distractors, int max) {
    List<CorpusItem> chosen = distractors;
    if (max > 0 && distractors.size() > max - 1) {
      chosen = distractors.stream()
          .sorted(Comparator.comparingLong((CorpusItem c) -> stableHash(queryId + "\u0000" + c.id()))
              .thenComparing(CorpusItem::id))
          .limit(max - 1L).toList();
    }
    List<EmbeddingInput> out = new ArrayList<>(chosen.size() + 1);
    out.add(input(candidateById.get(truth)));
    chosen.forEach(c -> out.add(input(c)));
    return out;
  }

  /** The task's pool: the dataset's candidates of the splits and kinds (text / image) of the queries' positives. */
  private List<CorpusItem> pool(List<CorpusItem> group) {
    Set<String> splits = new LinkedHashSet<>();
    Set<Boolean> kinds = new LinkedHashSet<>();
    String dataset = group.get(0).dataset();
    group.stream().flatMap(q -> q.positiveIds().stream()).distinct().map(candidateById::get)
        .filter(c -> c != null).forEach(c -> {
          splits.add(c.split());
          kinds.add(c.hasImage());
        });
    return candidates.stream().filter(c -> dataset.equals(c.dataset()) && splits.contains(c.split())
        && kinds.contains(c.hasImage()) && (c.hasImage() || c.text() != null)).toList();
  }

  private EmbeddingInput input(CorpusItem item) {
    return inputs.computeIfAbsent(item.id(), id -> new EmbeddingInput(id, item.text(), item.image()));
  }

  /** 64-bit FNV-1a of the UTF-8 bytes: the same on every JVM, unlike a seeded random draw. */
  static long stableHash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
