package org.unime.udfs.embed;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Turns PNG bytes into the image tower's input: composited on white (icons and emoji are transparent), resized to a
 * square {@code size × size} (box-averaged when the source side is a multiple of the size, bilinear otherwise) and
 * stored as RGB bytes in channel-major order. {@link #toFloats} maps bytes to [-1, 1]. Stateless and thread-safe.
 */
final class ImagePreprocessor {
  private final int size;

  ImagePreprocessor(int size) {
    this.size = size;
  }

  int size() {
    return size;
  }

  /** Number of bytes (and floats) of one preprocessed image. */
  int length() {
    return 3 * size * size;
  }

  /** Decodes and resizes; throws {@link IOException} for bytes that are not a readable image. */
  byte[] preprocess(byte[] png) throws IOException {
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
    if (decoded == null) {
      throw new IOException("not a decodable image (" + png.length + " bytes)");
    }
    int w = decoded.getWidth();
    int h = decoded.getHeight();
    BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.drawImage(decoded, 0, 0, null);
    g.dispose();
    if (w == h && w % size == 0) {
      return boxAverage(canvas, w / size);
    }
    BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D s = scaled.createGraphics();
    s.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    s.drawImage(canvas, 0, 0, size, size, null);
    s.dispose();
    return boxAverage(scaled, 1);
  }

  /** Bytes to floats in [-1, 1], written at {@code offset} of {@code out}. */
  static void toFloats(byte[] pixels, float[] out, int offset) {
    for (int i = 0; i < pixels.length; i++) {
      out[offset + i] = (pixels[i] & 0xFF) / 127.5f - 1f;
    }
  }

  private byte[] boxAverage(BufferedImage image, int factor) {
    int plane = size * size;
    byte[] out = new byte[3 * plane];
    int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    int width = image.getWidth();
    int area = factor * factor;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int r = 0;
        int gr = 0;
        int b = 0;
        for (int dy = 0; dy < factor; dy++) {
          for (int dx = 0; dx < factor; dx++) {
            int p = rgb[(y * factor + dy) * width + x * factor + dx];
            r += (p >> 16) & 0xFF;
            gr += (p >> 8) & 0xFF;
            b += p & 0xFF;
          }
        }
        int i = y * size + x;
        out[i] = (byte) ((r + area / 2) / area);
        out[plane + i] = (byte) ((gr + area / 2) / area);
        out[2 * plane + i] = (byte) ((b + area / 2) / area);
      }
    }
    return out;
  }
}
