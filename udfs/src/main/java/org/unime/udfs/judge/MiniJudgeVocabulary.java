package org.unime.udfs.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The mini judge's token vocabulary: the MiniLM WordPiece ids seen in its training texts, renumbered densely, with
 * id 0 for every unseen token. Keeping only seen ids makes the token embedding (and its optimizer state) a few
 * thousand rows instead of MiniLM's 30,522, which roughly halves a training step on CPU; rows of tokens never trained
 * would stay random anyway, so nothing is lost.
 *
 * <p>Saved in the artifact as {@value #FILE}: one MiniLM id per line, line {@code i} being compact id {@code i + 1}.
 * Immutable and thread-safe.
 */
public final class MiniJudgeVocabulary {
  /** File name inside the artifact. */
  public static final String FILE = "judge-vocab.txt";
  /** Compact id of every token outside the vocabulary. */
  public static final int UNKNOWN = 0;

  private final long[] miniLmIds;

  private MiniJudgeVocabulary(long[] sortedIds) {
    this.miniLmIds = sortedIds;
  }

  /** Every MiniLM id maps to itself plus one (no unknowns): for tests and untrained networks. */
  public static MiniJudgeVocabulary full() {
    long[] ids = new long[MiniJudgeConfig.MINILM_VOCAB];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    return new MiniJudgeVocabulary(ids);
  }

  /** The ids appearing in {@code tokenized} (each array a text's MiniLM ids). */
  static MiniJudgeVocabulary of(Iterable<long[]> tokenized) {
    TreeSet<Long> seen = new TreeSet<>();
    for (long[] ids : tokenized) {
      for (long id : ids) {
        seen.add(id);
      }
    }
    return new MiniJudgeVocabulary(seen.stream().mapToLong(Long::longValue).toArray());
  }

  /** Rows of the token embedding: the known ids plus the unknown row. */
  public int size() {
    return miniLmIds.length + 1;
  }

  /** Compact id of a MiniLM id; {@link #UNKNOWN} when it was not in the training texts. */
  public long compact(long miniLmId) {
    int at = Arrays.binarySearch(miniLmIds, miniLmId);
    return at >= 0 ? at + 1 : UNKNOWN;
  }

  public void save(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(miniLmIds.length);
    for (long id : miniLmIds) {
      lines.add(Long.toString(id));
    }
    Files.write(dir.resolve(FILE), lines, StandardCharsets.UTF_8);
  }

  public static MiniJudgeVocabulary load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    long[] ids = new long[lines.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Long.parseLong(lines.get(i).trim());
      if (i > 0 && ids[i] <= ids[i - 1]) {
        throw new IOException("Cannot read judge vocabulary " + file + ": ids must increase (line " + (i + 1) + ")");
      }
    }
    return new MiniJudgeVocabulary(ids);
  }
}
