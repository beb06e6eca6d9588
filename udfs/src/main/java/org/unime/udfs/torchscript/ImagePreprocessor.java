package org.unime.udfs.torchscript;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns encoded image bytes into a square float tensor: decode, composite transparency over white, resize to
 * {@code size x size}, scale to [0, 1], then normalise per channel with {@code (x - mean) / std}.
 *
 * <p>Resizing is done here in plain Java, not by Java2D, so results do not depend on the JDK's rendering pipeline:
 * area averaging when shrinking (each output pixel is the exact mean of the source area it covers) and bilinear
 * interpolation with half-pixel centres when enlarging (PyTorch's {@code align_corners=False}). An image already at
 * the target size is passed through unchanged.
 *
 * <p>Immutable and thread-safe.
 */
public final class ImagePreprocessor {
  private final int size;
  private final float[] mean;
  private final float[] std;

  /**
   * @param size output side in pixels
   * @param mean per-channel mean (R, G, B) subtracted after scaling to [0, 1]
   * @param std per-channel standard deviation divided by after subtracting the mean
   */
  public ImagePreprocessor(int size, float[] mean, float[] std) {
    if (size < 1) {
      throw new IllegalArgumentException("Cannot preprocess images: size must be >= 1 (got " + size + ")");
    }
    if (mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException(
          "Cannot preprocess images: mean and std need 3 values (R, G, B) (got " + mean.length + " and " + std.length
              + ")");
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("Cannot preprocess images: std values must be > 0 (got " + s + ")");
      }
    }
    this.size = size;
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /** Scales to [0, 1] only: mean 0, std 1. */
  public static ImagePreprocessor unitRange(int size) {
    return new ImagePreprocessor(size, new float[] {0, 0, 0}, new float[] {1, 1, 1});
  }

  public int size() {
    return size;
  }

  /** Channel-first {@code [3, size, size]} values, flattened in C-order. */
  public float[] chw(byte[] encoded) {
    float[][] rgb = resize(decode(encoded), size);
    int plane = size * size;
    float[] out = new float[3 * plane];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < plane; i++) {
        out[c * plane + i] = (rgb[c][i] - mean[c]) / std[c];
      }
    }
    return out;
  }

  /** Decodes to three planes of values in [0, 1], transparency composited over white. */
  static Planes decode(byte[] encoded) {
    BufferedImage image;
    // A memory-cached stream: ImageIO.read(InputStream) would spill every image to a temporary file. ImageIO.read
    // closes the stream itself.
    try {
      ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded));
      image = ImageIO.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot decode image: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new IllegalArgumentException(
          "Cannot decode image: no ImageIO reader understands these " + encoded.length + " bytes");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    float[][] planes = new float[3][w * h];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      float alpha = ((p >>> 24) & 0xFF) / 255f;
      for (int c = 0; c < 3; c++) {
        float v = ((p >>> (16 - 8 * c)) & 0xFF) / 255f;
        planes[c][i] = v * alpha + (1f - alpha);
      }
    }
    return new Planes(w, h, planes);
  }

  record Planes(int width, int height, float[][] values) {}

  static float[][] resize(Planes src, int size) {
    if (src.width() == size && src.height() == size) {
      return src.values();
    }
    float[][] out = new float[3][size * size];
    for (int c = 0; c < 3; c++) {
      float[] rows = resizeAxis(src.values()[c], src.width(), src.height(), size, true);
      out[c] = resizeAxis(rows, size, src.height(), size, false);
    }
    return out;
  }

  /** Resizes one axis of a row-major plane: horizontally (width to target) or vertically (height to target). */
  private static float[] resizeAxis(float[] in, int w, int h, int target, boolean horizontal) {
    int srcLen = horizontal ? w : h;
    int lines = horizontal ? h : w;
    int outW = horizontal ? target : w;
    float[] out = new float[horizontal ? target * h : w * target];
    float[][] weights = new float[target][];
    int[] starts = new int[target];
    for (int o = 0; o < target; o++) {
      starts[o] = kernel(o, srcLen, target, weights);
    }
    for (int line = 0; line < lines; line++) {
      for (int o = 0; o < target; o++) {
        double acc = 0;
        for (int k = 0; k < weights[o].length; k++) {
          int s = starts[o] + k;
          acc += weights[o][k] * (horizontal ? in[line * w + s] : in[s * w + line]);
        }
        out[horizontal ? line * outW + o : o * outW + line] = (float) acc;
      }
    }
    return out;
  }

  /** Fills the weights of output sample {@code o} and returns the first source index they apply to. */
  private static int kernel(int o, int srcLen, int target, float[][] weights) {
    double scale = (double) srcLen / target;
    if (scale >= 1) {
      double from = o * scale;
      double to = from + scale;
      int first = (int) Math.floor(from);
      int last = Math.min(srcLen - 1, (int) Math.ceil(to) - 1);
      float[] wts = new float[last - first + 1];
      for (int s = first; s <= last; s++) {
        wts[s - first] = (float) ((Math.min(to, s + 1) - Math.max(from, s)) / scale);
      }
      weights[o] = wts;
      return first;
    }
    double centre = Math.max(0, (o + 0.5) * scale - 0.5);
    int left = Math.min((int) Math.floor(centre), srcLen - 1);
    int right = Math.min(left + 1, srcLen - 1);
    float frac = (float) (centre - left);
    weights[o] = right == left ? new float[] {1f} : new float[] {1f - frac, frac};
    return left;
  }
}
