package org.unime.udfs.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.unime.pipeline.ingest.EmojiOptions;
import org.unime.pipeline.ingest.EmojiSourceReader;
import org.unime.pipeline.ingest.HoldoutPolicy;
import org.unime.pipeline.ingest.IconOptions;
import org.unime.pipeline.ingest.IconSet;
import org.unime.pipeline.ingest.IconSourceReader;
import org.unime.pipeline.ingest.ImageMaterializer;
import org.unime.pipeline.ingest.RejectException;
import org.unime.pipeline.ingest.SourceReader;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;

/**
 * The installed emoji and icon data read Spark-free, through the same source readers and image materialiser that
 * ingest uses (so rows, ids, splits and PNGs equal the Delta tables'), as judge corpus rows.
 */
final class RealData {
  /** Same hold-out draw as reference.conf. */
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

  /**
   * Reads emoji (all concepts, kept when {@code keepEmojiBase} accepts the base code points) and the first icons of
   * Tabler and MDI by name ({@code 0} = all of a set, negative = none).
   */
  static RealData load(Predicate<String> keepEmojiBase, int tablerIcons, int mdiIcons) {
    RealData data = new RealData();
    try {
      data.add(new EmojiSourceReader(nodeModules(), EmojiOptions.builder(HOLDOUT).build()),
          r -> keepEmojiBase.test(r.source().getOrDefault("base_unified", "")));
      if (tablerIcons >= 0) {
        data.add(icons(IconSet.TABLER, tablerIcons), r -> true);
      }
      if (mdiIcons >= 0) {
        data.add(icons(IconSet.MDI, mdiIcons), r -> true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return data;
  }

  private static SourceReader icons(IconSet set, int max) {
    return new IconSourceReader(
        nodeModules(), IconOptions.builder(set, HOLDOUT).withMaxConcepts(max).withStyles(set.styles()).build());
  }

  private void add(SourceReader reader, Predicate<SourceRecord> keep) throws IOException {
    SourceBatch batch = reader.read();
    ImageMaterializer images = ImageMaterializer.defaults();
    Set<String> kept = new HashSet<>();
    for (SourceRecord r : batch.records()) {
      if (!keep.test(r)) {
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
      (r.role() == Role.CANDIDATE ? candidates : queries).add(item);
      kept.add(r.id());
    }
  }
}
