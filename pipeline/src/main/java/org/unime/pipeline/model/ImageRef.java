package org.unime.pipeline.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where an item's image comes from, resolved into PNG bytes later (on executors) by an image materializer.
 * Keeping the reference instead of the pixels lets the driver plan ingest without decoding every image.
 */
public sealed interface ImageRef extends Serializable {

  /** A raster or vector file on a filesystem visible to the executors. */
  record File(String path, ImageFormat format) implements ImageRef {
    public File {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(format, "format");
    }
  }

  /** Raw 8-bit grayscale pixels, row-major (e.g. an IDX image from Fashion-MNIST). */
  record GrayPixels(int width, int height, byte[] pixels) implements ImageRef {
    public GrayPixels {
      if (width <= 0 || height <= 0 || pixels == null || pixels.length != width * height) {
        throw new IllegalArgumentException(
            "Cannot build grayscale pixels: size must be width*height (got " + width + "x" + height + ", "
                + (pixels == null ? "null" : pixels.length) + " bytes)");
      }
    }
  }

  /** Image file formats the materializer understands. */
  enum ImageFormat {
    PNG,
    JPEG,
    SVG;

    /** Guesses the format from a file name; anything unknown is treated as a raster for ImageIO to try. */
    public static ImageFormat fromFileName(String name) {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (lower.endsWith(".svg")) {
        return SVG;
      }
      if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
        return JPEG;
      }
      return PNG;
    }
  }
}
