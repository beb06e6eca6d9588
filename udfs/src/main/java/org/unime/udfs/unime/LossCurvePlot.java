package org.unime.udfs.unime;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws training curves (loss and, for {@code unime-v2}, both KL terms) against the step into a PNG with Java2D,
 * headless (no display needed). Series are drawn as given (NaN points are skipped); a 10-step moving average of the
 * first series is overlaid, since single-batch losses are noisy. Stateless.
 */
final class LossCurvePlot {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;
  private static final int LEFT = 70;
  private static final int RIGHT = 30;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)};

  private LossCurvePlot() {}

  /** Writes {@code series} (name → value per step, aligned with {@code steps}) to {@code png}. */
  static void write(Path png, String title, int[] steps, Map<String, double[]> series) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      Map<String, double[]> all = new LinkedHashMap<>(series);
      if (!series.isEmpty()) {
        Map.Entry<String, double[]> first = series.entrySet().iterator().next();
        all.put(first.getKey() + " (10-step mean)", movingAverage(first.getValue(), 10));
      }
      double[] range = range(all);
      int minStep = steps.length == 0 ? 0 : steps[0];
      int maxStep = steps.length == 0 ? 1 : Math.max(steps[steps.length - 1], minStep + 1);
      axes(g, title, minStep, maxStep, range);
      int i = 0;
      for (Map.Entry<String, double[]> s : all.entrySet()) {
        boolean smooth = s.getKey().endsWith("(10-step mean)");
        g.setColor(smooth ? Color.BLACK : COLORS[i % COLORS.length]);
        g.setStroke(new BasicStroke(smooth ? 2.2f : 1.2f));
        g.draw(path(steps, s.getValue(), minStep, maxStep, range));
        g.drawString(s.getKey(), WIDTH - RIGHT - 230, TOP + 18 + 16 * i);
        i++;
      }
    } finally {
      g.dispose();
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("Cannot write " + png + ": no PNG writer available");
    }
  }

  private static void axes(Graphics2D g, String title, int minStep, int maxStep, double[] range) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, TOP - 15);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    for (int t = 0; t <= 5; t++) {
      double v = range[0] + (range[1] - range[0]) * t / 5;
      int y = y(v, range);
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT + 1, y, WIDTH - RIGHT - 1, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.3g", v), 8, y + 4);
      int step = minStep + (maxStep - minStep) * t / 5;
      int x = x(step, minStep, maxStep);
      g.drawString(Integer.toString(step), x - 8, HEIGHT - BOTTOM + 16);
    }
    g.drawString("step", WIDTH / 2, HEIGHT - 12);
  }

  private static Path2D path(int[] steps, double[] values, int minStep, int maxStep, double[] range) {
    Path2D p = new Path2D.Double();
    boolean open = false;
    for (int i = 0; i < steps.length; i++) {
      if (Double.isNaN(values[i])) {
        open = false;
        continue;
      }
      double x = x(steps[i], minStep, maxStep);
      double y = y(values[i], range);
      if (open) {
        p.lineTo(x, y);
      } else {
        p.moveTo(x, y);
        open = true;
      }
    }
    return p;
  }

  private static int x(double step, int minStep, int maxStep) {
    return (int) Math.round(LEFT + (WIDTH - LEFT - RIGHT) * (step - minStep) / (maxStep - minStep));
  }

  private static int y(double value, double[] range) {
    return (int) Math.round(HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (value - range[0]) / (range[1] - range[0]));
  }

  private static double[] range(Map<String, double[]> series) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] values : series.values()) {
      for (double v : values) {
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!(lo < hi)) {
      lo = Double.isFinite(lo) ? lo - 1 : 0;
      hi = lo + 2;
    }
    double pad = 0.05 * (hi - lo);
    return new double[] {lo >= 0 ? 0 : lo - pad, hi + pad};
  }

  private static double[] movingAverage(double[] values, int window) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double sum = 0;
      int n = 0;
      for (int j = Math.max(0, i - window + 1); j <= i; j++) {
        if (!Double.isNaN(values[j])) {
          sum += values[j];
          n++;
        }
      }
      out[i] = n == 0 ? Double.NaN : sum / n;
    }
    return out;
  }
}
