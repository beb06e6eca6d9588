package org.unime.pipeline.ingest;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.RejectReason;

/**
 * Turns an {@link ImageRef} into PNG bytes, the one image encoding stored in the tables.
 *
 * <ul>
 *   <li>PNG files are validated by decoding and then passed through byte-for-byte, so their hashes stay equal to the
 *       source files' (the readers de-duplicate on those hashes).
 *   <li>Other rasters (JPEG) are decoded and re-encoded as PNG.
 *   <li>SVG files are rendered with jsvg to a square of {@link #svgSize()} pixels on white, ink black.
 *   <li>Grayscale pixel arrays become 8-bit grayscale PNGs.
 * </ul>
 *
 * <p>Data problems (missing file, undecodable bytes) throw {@link RejectException}; I/O failures other than a missing
 * file throw {@link UncheckedIOException} so that Spark retries the task instead of recording a false reject.
 *
 * <p>Thread-safe and serializable: it holds only the SVG size, so one instance can be captured in a Spark closure
 * and shared by all task threads of an executor.
 */
public final class ImageMaterializer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Matches the emoji PNGs (64 px), so vector and raster items reach the image tower at the same resolution. */
  public static final int DEFAULT_SVG_SIZE = 64;

  private static final int MAX_SVG_SIZE = 4096;

  private final int svgSize;

  public ImageMaterializer(int svgSize) {
    if (svgSize < 1 || svgSize > MAX_SVG_SIZE) {
      throw new IllegalArgumentException(
          "Cannot build an image materializer: SVG size must be in 1.." + MAX_SVG_SIZE + " pixels (got " + svgSize
              + ")");
    }
    this.svgSize = svgSize;
  }

  /** A materializer rendering SVGs at {@link #DEFAULT_SVG_SIZE} pixels. */
  public static ImageMaterializer defaults() {
    return new ImageMaterializer(DEFAULT_SVG_SIZE);
  }

  public int svgSize() {
    return svgSize;
  }

  /** Deserialisation bypasses the constructor; going through it again keeps the size check. */
  private Object readResolve() {
    return new ImageMaterializer(svgSize);
  }

  /** PNG bytes for the reference; never null. */
  public byte[] toPng(ImageRef image) throws RejectException {
    if (image instanceof ImageRef.GrayPixels gray) {
      return grayToPng(gray);
    }
    if (image instanceof ImageRef.File file) {
      Path path = Path.of(file.path());
      byte[] bytes = readFile(path);
      if (file.format() == ImageRef.ImageFormat.SVG) {
        return PngCodec.encode(new SvgRasterizer(svgSize).render(bytes, path));
      }
      return rasterToPng(bytes, path);
    }
    throw new IllegalArgumentException("Cannot materialize image: unknown reference type (got " + image + ")");
  }

  private static byte[] rasterToPng(byte[] bytes, Path path) throws RejectException {
    BufferedImage decoded;
    try {
      decoded = PngCodec.decode(bytes);
    } catch (IOException | RuntimeException e) {
      // ImageIO reports broken data (bad CRC, truncated IDAT) as IIOException or, for some codecs, runtime errors.
      throw new RejectException(RejectReason.CORRUPT_IMAGE, "Cannot decode image " + path + ": " + e, e);
    }
    if (decoded == null) {
      throw new RejectException(
          RejectReason.CORRUPT_IMAGE, "Cannot decode image " + path + ": no image reader recognises its bytes");
    }
    if (decoded.getWidth() <= 0 || decoded.getHeight() <= 0) {
      throw new RejectException(
          RejectReason.CORRUPT_IMAGE,
          "Cannot use image " + path + ": it is empty (got " + decoded.getWidth() + "x" + decoded.getHeight() + ")");
    }
    return PngCodec.isPng(bytes) ? bytes : PngCodec.encode(decoded);
  }

  private static byte[] grayToPng(ImageRef.GrayPixels gray) {
    BufferedImage image = new BufferedImage(gray.width(), gray.height(), BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setDataElements(0, 0, gray.width(), gray.height(), gray.pixels());
    return PngCodec.encode(image);
  }

  private static byte[] readFile(Path path) throws RejectException {
    try {
      byte[] bytes = Files.readAllBytes(path);
      if (bytes.length == 0) {
        throw new RejectException(RejectReason.CORRUPT_IMAGE, "Cannot use image " + path + ": the file is empty");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new RejectException(RejectReason.MISSING_IMAGE, "Cannot read image " + path + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read image: I/O failure (got " + path + ")", e);
    }
  }
}
