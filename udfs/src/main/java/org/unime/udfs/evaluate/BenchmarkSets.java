package org.unime.udfs.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.unime.conf.EvaluationSettings;
import org.unime.pipeline.eval.CaptionCorpus;
import org.unime.pipeline.eval.CompositionalItem;
import org.unime.pipeline.eval.KarpathySplitReader;
import org.unime.pipeline.eval.MmebEvalReader;
import org.unime.pipeline.eval.MmebRow;
import org.unime.pipeline.eval.SugarCrepeReader;
import org.unime.pipeline.eval.TaskGroups;
import org.unime.udfs.embed.EmbeddingInput;

/**
 * The public benchmark files, when configured (spec section 7), as sets the scorer takes unchanged:
 *
 * <ul>
 *   <li>MMEB-eval: every {@code *.jsonl} / {@code *.json} of the folder is one task named after the file; each row's
 *       candidates are scored in file order with the ground truth at index 0. The Phi-3-V placeholder
 *       {@code <|image_1|>} is removed from texts (the image is passed as an image; our embedders have no image
 *       token); a blank text with an image is an image-only item. Meta-task and IND/OOD means use MMEB's own lists.
 *   <li>Karpathy split: images (with {@code image-instruction}) against their captions, recall@k both ways.
 *   <li>SugarCrepe: every {@code *.json} of the folder is a subset; images get {@code image-instruction}.
 * </ul>
 *
 * Image paths are resolved against the configured root; a missing image fails the set with its path (a skipped row
 * would change the denominator). MMEB-eval files are read when their task is scored, once per model, so their images
 * are never all in memory. Stateless.
 */
final class BenchmarkSets {
  static final String PLACEHOLDER = "<|image_1|>";

  private BenchmarkSets() {}

  /** MMEB-eval tasks of the folder, in file-name order. */
  static TaskSuite mmeb(EvaluationSettings.BenchmarkDir files) throws IOException {
    Path dir = Path.of(files.dir());
    List<Path> taskFiles = list(dir, ".jsonl", ".json");
    if (taskFiles.isEmpty()) {
      throw new IOException("Cannot read MMEB-eval tasks: " + dir + " has no .jsonl or .json file (check"
          + " unime.evaluation.mmeb.dir)");
    }
    List<TaskSuite.TaskLoader> loaders = new ArrayList<>();
    for (Path file : taskFiles) {
      loaders.add(() -> mmebTask(file, root(files.imageRoot())));
    }
    return new TaskSuite(Suites.MMEB_EVAL, loaders, TaskGroups.mmebMetaTasks(), TaskGroups.mmebDistribution());
  }

  /** One MMEB-eval task file as rows; equal (text, image) candidates share one item. */
  static RetrievalTask mmebTask(Path file, Path imageRoot) throws IOException {
    String task = stem(file);
    Map<String, EmbeddingInput> items = new HashMap<>();
    Map<String, byte[]> images = new HashMap<>();
    List<RetrievalTask.Row> rows = new ArrayList<>();
    for (MmebRow row : MmebEvalReader.readAll(file)) {
      String where = file.getFileName() + " row " + row.index();
      EmbeddingInput query = item(task, row.queryText(), row.queryImagePath(), imageRoot, images, where);
      query = new EmbeddingInput("mmeb:" + task + ":query:" + row.index(), query.text(), query.image());
      List<EmbeddingInput> candidates = new ArrayList<>();
      for (int i = 0; i < row.candidateCount(); i++) {
        String text = row.targetTexts().get(i);
        String image = row.targetImagePaths().get(i);
        EmbeddingInput c = items.get(text + "\u0000" + image);
        if (c == null) {
          c = item(task, text, image, imageRoot, images, where + " candidate " + i);
          items.put(text + "\u0000" + image, c);
        }
        candidates.add(c);
      }
      rows.add(new RetrievalTask.Row(Long.toString(row.index()), query, candidates));
    }
    return new RetrievalTask(task, rows, 0);
  }

  /** The configured Karpathy split as one recall set. */
  static RecallSet karpathy(EvaluationSettings.Karpathy k, String instruction) throws IOException {
    Path file = Path.of(k.file());
    CaptionCorpus corpus = KarpathySplitReader.forSplit(k.split()).withMaxCaptionsPerImage(k.maxCaptionsPerImage())
        .build().read(file);
    Path root = root(k.imageRoot());
    List<EmbeddingInput> images = new ArrayList<>();
    for (String name : corpus.images()) {
      images.add(new EmbeddingInput("karpathy:" + name, text(instruction), read(root, name, file + " image " + name)));
    }
    List<EmbeddingInput> captions = corpus.captions().stream().map(ModelScorer::caption).toList();
    return new RecallSet(stem(file) + "/" + k.split(), images, captions, RecallSet.Shape.CAPTIONS_PER_IMAGE,
        corpus.captionImage());
  }

  /** The SugarCrepe subsets of the folder. */
  static CompositionalSet sugarCrepe(EvaluationSettings.BenchmarkDir files, String instruction) throws IOException {
    Path dir = Path.of(files.dir());
    List<Path> subsets = list(dir, ".json");
    if (subsets.isEmpty()) {
      throw new IOException("Cannot read SugarCrepe: " + dir + " has no .json subset file (check"
          + " unime.evaluation.sugar-crepe.dir)");
    }
    Path root = root(files.imageRoot());
    List<CompositionalItem> items = new ArrayList<>();
    Map<String, EmbeddingInput> images = new HashMap<>();
    for (Path subset : subsets) {
      for (CompositionalItem item : SugarCrepeReader.read(subset)) {
        items.add(item);
        if (!images.containsKey(item.image())) {
          images.put(item.image(), new EmbeddingInput("sugar-crepe:" + item.image(), text(instruction),
              read(root, item.image(), subset.getFileName() + " key " + item.id())));
        }
      }
    }
    return new CompositionalSet(Suites.SUGAR_CREPE, items, images, TaskGroups.sugarCrepe());
  }

  private static EmbeddingInput item(
      String task, String rawText, String imagePath, Path root, Map<String, byte[]> cache, String where)
      throws IOException {
    String text = text(rawText.replace(PLACEHOLDER, ""));
    byte[] image = imagePath.isBlank() ? null : cache.get(imagePath);
    if (!imagePath.isBlank() && image == null) {
      image = read(root, imagePath, where);
      cache.put(imagePath, image);
    }
    if (text == null && image == null) {
      throw new IOException("Cannot score MMEB-eval " + where + ": the item has neither text nor image (got text \""
          + rawText + "\", image \"" + imagePath + "\")");
    }
    return new EmbeddingInput("mmeb:" + task + ":" + imagePath + "|" + rawText, text, image);
  }

  private static String text(String raw) {
    String t = raw == null ? "" : raw.strip();
    return t.isEmpty() ? null : t;
  }

  private static byte[] read(Path root, String path, String where) throws IOException {
    Path file = root.resolve(path);
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("Cannot read the image of " + where + ": " + file + " does not exist (got path \"" + path
          + "\" under image root " + root.toAbsolutePath() + ")", e);
    }
  }

  private static Path root(String imageRoot) {
    return imageRoot.isEmpty() ? Path.of("") : Path.of(imageRoot);
  }

  private static List<Path> list(Path dir, String... suffixes) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> Files.isRegularFile(f)
              && Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s)))
          .sorted().toList();
    } catch (NoSuchFileException e) {
      throw new IOException("Cannot list benchmark files: " + dir + " does not exist", e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
