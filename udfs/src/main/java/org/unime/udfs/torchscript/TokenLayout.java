package org.unime.udfs.torchscript;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.unime.udfs.judge.JudgePrompt;

/**
 * Lays out prompt segments as the token ids the export contract expects: texts tokenised one segment at a time
 * without special tokens, each image as {@code prefix + tokens-per-image x image-token + suffix}, then padding to a
 * rectangle on the configured side.
 *
 * <p>When a row is longer than {@code max-length}, item texts are cut from the end, last one first; the template,
 * prompt text and image tokens are never cut (cutting image tokens would break the placeholder count the module
 * relies on). Thread-safe if the tokenizer is (DJL's HF tokenizer is).
 */
final class TokenLayout {
  private final HuggingFaceTokenizer tokenizer;
  private final int maxLength;
  private final long padId;
  private final long[] imageIds;
  private final ImagePreprocessor images;

  TokenLayout(HuggingFaceTokenizer tokenizer, TorchScriptSpec spec, ImagePreprocessor images) {
    this.tokenizer = tokenizer;
    this.images = images;
    this.maxLength = spec.maxLength();
    this.padId = firstId(spec.padToken(), "pad-token");
    TorchScriptSpec.ImageSpec image = spec.image();
    long imageId = firstId(image.token(), "image.token");
    long[] before = ids(image.prefix());
    long[] after = ids(image.suffix());
    long[] all = new long[before.length + image.tokensPerImage() + after.length];
    System.arraycopy(before, 0, all, 0, before.length);
    Arrays.fill(all, before.length, before.length + image.tokensPerImage(), imageId);
    System.arraycopy(after, 0, all, all.length - after.length, after.length);
    this.imageIds = all;
  }

  /**
   * A tokenised segment: its ids, whether a length limit may cut it (item text), and for an image its preprocessed
   * {@code 3 x size x size} pixels. Pieces are immutable, so a judge prefix's pieces are reused for every candidate.
   */
  record Piece(long[] ids, boolean cuttable, float[] pixels) {}

  /** One unpadded row and the pixels of the images its placeholders stand for, in order. */
  record Row(long[] ids, List<float[]> pixels) {}

  /** A padded batch: ids and mask are {@code [rows][length]}. */
  record Padded(long[][] ids, long[][] mask, int[] lastIndex) {}

  /** Id of the first token of {@code text} (how the reference code resolves "Yes" / "No"). */
  long firstId(String text, String what) {
    long[] ids = ids(text);
    if (ids.length == 0) {
      throw new IllegalArgumentException(
          "Cannot resolve " + what + ": the tokenizer yields no token for \"" + text + "\"");
    }
    return ids[0];
  }

  long[] ids(String text) {
    if (text == null || text.isEmpty()) {
      return new long[0];
    }
    return tokenizer.encode(text, false, false).getIds();
  }

  /** Tokenises segments (and preprocesses their images) once. */
  List<Piece> pieces(List<JudgePrompt.Segment> segments) {
    List<Piece> out = new ArrayList<>(segments.size());
    for (JudgePrompt.Segment s : segments) {
      if (s instanceof JudgePrompt.Image image) {
        out.add(new Piece(imageIds, false, images.chw(image.png())));
      } else {
        out.add(new Piece(ids(JudgePrompt.textOf(s)), s instanceof JudgePrompt.ItemText, null));
      }
    }
    return out;
  }

  /** Concatenates pieces into one row, cutting item text from the end (last piece first) beyond max-length. */
  Row row(List<Piece> pieces) {
    long[][] kept = new long[pieces.size()][];
    int total = 0;
    for (int i = 0; i < kept.length; i++) {
      kept[i] = pieces.get(i).ids();
      total += kept[i].length;
    }
    for (int i = kept.length - 1; i >= 0 && total > maxLength; i--) {
      if (pieces.get(i).cuttable()) {
        int keep = Math.max(0, kept[i].length - (total - maxLength));
        total -= kept[i].length - keep;
        kept[i] = Arrays.copyOf(kept[i], keep);
      }
    }
    if (total > maxLength) {
      throw new IllegalArgumentException(
          "Cannot fit a sequence into max-length " + maxLength + ": even without item text it needs " + total
              + " tokens; raise max-length or use fewer image tokens");
    }
    long[] ids = new long[total];
    List<float[]> pixels = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < kept.length; i++) {
      System.arraycopy(kept[i], 0, ids, at, kept[i].length);
      at += kept[i].length;
      if (pieces.get(i).pixels() != null) {
        pixels.add(pieces.get(i).pixels());
      }
    }
    return new Row(ids, pixels);
  }

  Padded pad(List<long[]> rows, TorchScriptSpec.PaddingSide side) {
    int length = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    long[][] ids = new long[rows.size()][length];
    long[][] mask = new long[rows.size()][length];
    int[] last = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      long[] r = rows.get(i);
      int offset = side == TorchScriptSpec.PaddingSide.LEFT ? length - r.length : 0;
      Arrays.fill(ids[i], padId);
      System.arraycopy(r, 0, ids[i], offset, r.length);
      Arrays.fill(mask[i], offset, offset + r.length, 1L);
      last[i] = offset + r.length - 1;
    }
    return new Padded(ids, mask, last);
  }
}
