package org.unime.pipeline.ingest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * In-memory ImageIO decode/encode. Memory-cached streams are used on purpose: the plain {@code ImageIO.read/write}
 * stream overloads may spill to temp files (a global {@code ImageIO.setUseCache} switch we must not flip on shared
 * executors), which is slow and can fail on read-only or full executor disks.
 */
final class PngCodec {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PngCodec() {}

  /** True if the bytes start with the PNG signature, i.e. can be passed through without re-encoding. */
  static boolean isPng(byte[] bytes) {
    return bytes.length >= PNG_SIGNATURE.length
        && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
  }

  /** Decodes any raster ImageIO knows; null when no reader recognises the bytes. */
  static BufferedImage decode(byte[] bytes) throws IOException {
    // Drives the reader by hand: ImageIO.read(ImageInputStream) closes the stream only when a reader is found.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    }
  }

  static byte[] encode(BufferedImage image) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("Cannot encode PNG: this JVM has no ImageIO PNG writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(image);
    } catch (IOException e) {
      // Writing to memory only fails on a JDK bug, not on bad data: not a row-level reject.
      throw new UncheckedIOException("Cannot encode PNG: in-memory write failed (got " + image + ")", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
