package org.unime.udfs.evaluate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Grouped bar charts in a PNG with Java2D, headless (the approach of {@code udfs.unime.LossCurvePlot}): one group
 * of bars per category, one bar per series, optional ± error bars, the value written above each bar. Values are
 * drawn from 0; NaN values leave a gap. Stateless.
 */
final class BarChart {
  private static final int HEIGHT = 520;
  private static final int MIN_LEFT = 64;
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final int RIGHT = 24;
  private static final int TOP = 64;
  private static final int BOTTOM = 150;
  private static final int BAR = 18;
  private static final int GAP = 26;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

  private BarChart() {}

  /**
   * One bar per category.
   *
   * @param name legend entry
   * @param values one per category (NaN = no bar)
   * @param errors one per category, drawn as ± whiskers; null = none
   */
  record Series(String name, double[] values, double[] errors) {
    Series {
      Objects.requireNonNull(name, "name");
    }
  }

  /** Draws the chart; the width grows with the number of bars. */
  static void write(Path png, String title, String yLabel, List<String> categories, List<Series> series)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    int groupWidth = Math.max(1, series.size()) * BAR + GAP;
    int left = left(categories, groupWidth);
    int width = Math.max(720, left + RIGHT + categories.size() * groupWidth + 20);
    BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, HEIGHT);
      double max = Math.max(1.0, top(series));
      axes(g, title, yLabel, left, width, max);
      legend(g, series, left, width);
      for (int c = 0; c < categories.size(); c++) {
        int x0 = left + 10 + c * groupWidth;
        for (int s = 0; s < series.size(); s++) {
          bar(g, series.get(s), c, x0 + s * BAR, max, COLORS[s % COLORS.length]);
        }
        label(g, categories.get(c), x0 + (groupWidth - GAP) / 2);
      }
    } finally {
      g.dispose();
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("Cannot write " + png + ": no PNG writer available");
    }
  }

  /** Room on the left for the first category's slanted label (labels end under their group). */
  private static int left(List<String> categories, int groupWidth) {
    if (categories.isEmpty()) {
      return MIN_LEFT;
    }
    Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      FontMetrics fm = scratch.getFontMetrics(LABEL_FONT);
      int reach = (int) Math.ceil(fm.stringWidth(categories.get(0)) * Math.cos(Math.PI / 6));
      return Math.max(MIN_LEFT, reach - (groupWidth - GAP) / 2 + 4);
    } finally {
      scratch.dispose();
    }
  }

  private static void bar(Graphics2D g, Series series, int category, int x, double max, Color color) {
    double v = series.values()[category];
    if (Double.isNaN(v)) {
      return;
    }
    int y = y(Math.max(0, v), max);
    g.setColor(color);
    g.fillRect(x + 1, y, BAR - 2, y(0, max) - y);
    double err = series.errors() == null ? Double.NaN : series.errors()[category];
    g.setColor(Color.BLACK);
    int textY = y;
    if (!Double.isNaN(err) && err > 0) {
      int hi = y(Math.max(0, v + err), max);
      textY = Math.min(y, hi);
      int lo = y(Math.max(0, v - err), max);
      int mid = x + BAR / 2;
      g.setStroke(new BasicStroke(1.2f));
      g.drawLine(mid, hi, mid, lo);
      g.drawLine(mid - 4, hi, mid + 4, hi);
      g.drawLine(mid - 4, lo, mid + 4, lo);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2, x + BAR / 2.0 + 3, textY - 3);
    g.drawString(String.format(Locale.ROOT, "%.3f", v), x + BAR / 2 + 3, textY - 3);
    g.setTransform(saved);
  }

  private static void label(Graphics2D g, String text, int xCenter) {
    g.setColor(Color.BLACK);
    g.setFont(LABEL_FONT);
    AffineTransform saved = g.getTransform();
    int y = HEIGHT - BOTTOM + 14;
    g.rotate(-Math.PI / 6, xCenter, y);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(text, xCenter - fm.stringWidth(text), y + 4);
    g.setTransform(saved);
  }

  private static void axes(Graphics2D g, String title, String yLabel, int left, int width, double max) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, left, 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int t = 0; t <= 5; t++) {
      double v = max * t / 5;
      int y = y(v, max);
      g.setColor(new Color(0xdddddd));
      g.drawLine(left + 1, y, width - RIGHT - 1, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.2f", v), left - 34, y + 4);
    }
    g.drawRect(left, TOP, width - left - RIGHT, HEIGHT - TOP - BOTTOM);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2, left - 44, TOP + (HEIGHT - TOP - BOTTOM) / 2.0 + 40);
    g.drawString(yLabel, left - 44, TOP + (HEIGHT - TOP - BOTTOM) / 2 + 40);
    g.setTransform(saved);
  }

  private static void legend(Graphics2D g, List<Series> series, int left, int width) {
    g.setFont(LABEL_FONT);
    int x = left;
    int y = 40;
    for (int s = 0; s < series.size(); s++) {
      String name = series.get(s).name();
      int w = g.getFontMetrics().stringWidth(name) + 28;
      if (x + w > width - RIGHT) {
        x = left;
        y += 14;
      }
      g.setColor(COLORS[s % COLORS.length]);
      g.fillRect(x, y - 9, 12, 10);
      g.setColor(Color.BLACK);
      g.drawString(name, x + 16, y);
      x += w;
    }
  }

  private static int y(double value, double max) {
    return (int) Math.round(HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / max);
  }

  private static double top(List<Series> series) {
    double max = 0;
    for (Series s : series) {
      for (int i = 0; i < s.values().length; i++) {
        double v = s.values()[i];
        double e = s.errors() == null || Double.isNaN(s.errors()[i]) ? 0 : s.errors()[i];
        if (!Double.isNaN(v)) {
          max = Math.max(max, v + e);
        }
      }
    }
    return max;
  }
}
