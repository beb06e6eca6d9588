package org.unime.udfs.rerank;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.judge.MiniJudgeConfig;
import org.unime.udfs.judge.MiniJudgeEncoder;
import org.unime.udfs.judge.MiniJudgeVocabulary;

/** Small synthetic items and configurations for reranker unit tests. */
final class TestItems {
  static final String[] WORDS = {"red", "green", "blue", "circle", "square", "waving", "hand", "tone", "dark", "light"};

  private TestItems() {}

  /** A tiny decoder whose max-positions holds a list of ten image+text candidates. */
  static RerankerConfig config(int vocabSize, int embedderDim) {
    return new RerankerConfig(new MiniJudgeConfig(32, 4, 2, 64, 448, 32, 8, 8, 4, embedderDim, vocabSize), 10);
  }

  /** The vocabulary of the prompts and {@link #WORDS}. */
  static MiniJudgeVocabulary vocabulary() {
    List<String> texts = new ArrayList<>(RerankerPrompt.fixedTexts(10));
    texts.addAll(List.of(WORDS));
    return MiniJudgeEncoder.vocabularyOf(texts);
  }

  /** Item {@code i}: text-only, image-only or both, in turn, with distinct texts and colours. */
  static JudgeItem item(String prefix, int i) {
    String text = WORDS[i % WORDS.length] + " " + WORDS[(3 * i + 1) % WORDS.length];
    return switch (i % 3) {
      case 0 -> JudgeItem.text(prefix + i, text);
      case 1 -> JudgeItem.image(prefix + i, png(i));
      default -> new JudgeItem(prefix + i, text, png(i));
    };
  }

  static List<JudgeItem> items(String prefix, int count) {
    List<JudgeItem> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(item(prefix, i));
    }
    return out;
  }

  /** A 16x16 PNG with a coloured square whose colour and size depend on {@code i}. */
  static byte[] png(int i) {
    BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 16, 16);
    g.setColor(new Color((i * 67) % 256, (i * 131) % 256, (i * 29) % 256));
    int size = 4 + i % 10;
    g.fillRect(1, 1, size, size);
    g.dispose();
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
