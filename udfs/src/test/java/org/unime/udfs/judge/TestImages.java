package org.unime.udfs.judge;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small synthetic PNGs for judge tests. */
final class TestImages {
  private TestImages() {}

  /** A 64 px transparent PNG with a filled disc of {@code color}, optionally crossed by a slash (an "-off" icon). */
  static byte[] disc(Color color, boolean slash) {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillOval(8, 8, 48, 48);
    if (slash) {
      g.setColor(Color.BLACK);
      g.setStroke(new java.awt.BasicStroke(6));
      g.drawLine(4, 60, 60, 4);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
