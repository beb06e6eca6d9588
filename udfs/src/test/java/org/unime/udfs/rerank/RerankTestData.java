package org.unime.udfs.rerank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.unime.pipeline.ingest.EmojiOptions;
import org.unime.pipeline.ingest.EmojiSourceReader;
import org.unime.pipeline.ingest.HoldoutPolicy;
import org.unime.pipeline.ingest.ImageMaterializer;
import org.unime.pipeline.ingest.RejectException;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceRecord;
import org.unime.pipeline.rerank.MinedQuery;
import org.unime.udfs.judge.CorpusItem;
import org.unime.udfs.judge.JudgeCorpus;

/**
 * The installed emoji data read Spark-free through the ingest reader and image materialiser (as the judge's tests
 * do), and mined-query rows shaped like the {@code hard_negatives} table's: near variants of the positive (other skin
 * tones, man/woman) with high judge scores, then random candidates of the positive's modality with low ones, in a
 * shuffled stored order so that "first stored" and "highest score" differ.
 */
final class RerankTestData {
  static final HoldoutPolicy HOLDOUT = new HoldoutPolicy(0.15, "unime-v2");

  final List<CorpusItem> candidates = new ArrayList<>();
  final List<CorpusItem> queries = new ArrayList<>();

  static Path nodeModules() {
    String home = System.getProperty("test.data.home", System.getProperty("user.home") + "/.cache/unime-v2");
    return Path.of(home, "npm", "node_modules");
  }

  static boolean available() {
    return Files.isDirectory(nodeModules().resolve("emoji-datasource-google"));
  }

  /** Emoji rows of the {@code train} split whose base code points {@code keepBase} accepts. */
  static RerankTestData load(Predicate<String> keepBase) {
    RerankTestData data = new RerankTestData();
    ImageMaterializer images = ImageMaterializer.defaults();
    try {
      for (SourceRecord r : new EmojiSourceReader(nodeModules(), EmojiOptions.builder(HOLDOUT).build()).read()
          .records()) {
        if (!keepBase.test(r.source().getOrDefault("base_unified", "")) || !"train".equals(r.split().wireName())) {
          continue;
        }
        byte[] png;
        try {
          png = r.image() == null ? null : images.toPng(r.image());
        } catch (RejectException e) {
          continue;
        }
        CorpusItem item =
            new CorpusItem(r.id(), r.dataset(), r.split().wireName(), r.text(), png, r.positiveIds(), r.source());
        (r.role() == Role.CANDIDATE ? data.candidates : data.queries).add(item);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return data;
  }

  /** Every row, queries and candidates. */
  List<CorpusItem> all() {
    List<CorpusItem> out = new ArrayList<>(queries);
    out.addAll(candidates);
    return out;
  }

  /** One mined row per query with a positive: up to {@code count} negatives, near variants first. */
  List<MinedQuery> mine(int count, long seed) {
    JudgeCorpus corpus = new JudgeCorpus(candidates, queries);
    SplittableRandom random = new SplittableRandom(seed);
    List<MinedQuery> out = new ArrayList<>();
    List<CorpusItem> sortedQueries = new ArrayList<>(queries);
    sortedQueries.sort(Comparator.comparing(CorpusItem::id));
    for (CorpusItem q : sortedQueries) {
      List<CorpusItem> positives = corpus.positives(q);
      if (positives.isEmpty()) {
        continue;
      }
      CorpusItem positive = positives.get(0);
      Set<String> negatives = new LinkedHashSet<>();
      corpus.variants(positive).forEach(v -> negatives.add(v.item().id()));
      List<CorpusItem> sameModality =
          candidates.stream().filter(c -> c.hasImage() == positive.hasImage() && !c.id().equals(positive.id()))
              .toList();
      while (negatives.size() < count && negatives.size() < sameModality.size()) {
        negatives.add(sameModality.get(random.nextInt(sameModality.size())).id());
      }
      List<String> ids = new ArrayList<>(negatives).subList(0, Math.min(count, negatives.size()));
      int variants = corpus.variants(positive).size();
      List<String[]> rows = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        double score = i < variants ? 0.8 - 0.02 * i : 0.1 + 0.01 * random.nextInt(10);
        rows.add(new String[] {ids.get(i), Double.toString(score)});
      }
      for (int i = rows.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        String[] t = rows.get(i);
        rows.set(i, rows.get(j));
        rows.set(j, t);
      }
      out.add(new MinedQuery(q.id(), positive.id(), rows.stream().map(r -> r[0]).toList(),
          rows.stream().map(r -> Double.parseDouble(r[1])).toList()));
    }
    return out;
  }
}
