package org.unime.udfs.embed;

import java.util.SplittableRandom;

/**
 * Training-time image augmentation on preprocessed channel-major RGB bytes, so that the CNN learns shapes rather
 * than one artist's palette and pixel grid (the unseen-vendor evaluation draws the same concepts in another style):
 * a random shift of up to {@code size/10} pixels (edges repeat), random brightness and contrast, a random channel
 * permutation with probability 0.2 and grayscale with probability 0.2. No flips: icons such as arrow-left and
 * arrow-right differ only by orientation. Deterministic for a given random stream; stateless and thread-safe.
 */
final class ImageAugmenter {
  private static final int[][] PERMUTATIONS = {{1, 0, 2}, {2, 1, 0}, {0, 2, 1}, {1, 2, 0}, {2, 0, 1}};

  private final int size;
  private final int maxShift;

  ImageAugmenter(int size) {
    this.size = size;
    this.maxShift = Math.max(1, size / 10);
  }

  /** A new augmented copy of {@code pixels}. */
  byte[] augment(byte[] pixels, SplittableRandom random) {
    int plane = size * size;
    int dx = random.nextInt(-maxShift, maxShift + 1);
    int dy = random.nextInt(-maxShift, maxShift + 1);
    double contrast = 0.7 + 0.6 * random.nextDouble();
    double brightness = -25 + 50 * random.nextDouble();
    int[] channels = random.nextDouble() < 0.2 ? PERMUTATIONS[random.nextInt(PERMUTATIONS.length)] : new int[] {0, 1, 2};
    boolean gray = random.nextDouble() < 0.2;
    byte[] out = new byte[pixels.length];
    for (int y = 0; y < size; y++) {
      int sy = Math.min(size - 1, Math.max(0, y - dy));
      for (int x = 0; x < size; x++) {
        int sx = Math.min(size - 1, Math.max(0, x - dx));
        int source = sy * size + sx;
        int r = pixels[channels[0] * plane + source] & 0xFF;
        int g = pixels[channels[1] * plane + source] & 0xFF;
        int b = pixels[channels[2] * plane + source] & 0xFF;
        if (gray) {
          int luma = (299 * r + 587 * g + 114 * b) / 1000;
          r = luma;
          g = luma;
          b = luma;
        }
        int target = y * size + x;
        out[target] = jitter(r, contrast, brightness);
        out[plane + target] = jitter(g, contrast, brightness);
        out[2 * plane + target] = jitter(b, contrast, brightness);
      }
    }
    return out;
  }

  private static byte jitter(int value, double contrast, double brightness) {
    double v = (value - 128) * contrast + 128 + brightness;
    return (byte) Math.min(255, Math.max(0, (int) Math.round(v)));
  }
}
