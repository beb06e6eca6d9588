package org.unime.pipeline.ingest;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of (Fashion-)MNIST: a big-endian header (magic, item count, dimensions) followed by unsigned
 * bytes. Gzip-compressed files, as distributed, are detected and decompressed; plain files are read as they are.
 * Only the first {@code limit} items are decoded, so a small run does not inflate the whole file.
 */
final class IdxReader {
  /** Magic of a 3-dimensional unsigned-byte array: image stacks. */
  static final int IMAGES_MAGIC = 2051;
  /** Magic of a 1-dimensional unsigned-byte array: label vectors. */
  static final int LABELS_MAGIC = 2049;

  private static final int GZIP_MAGIC = 0x1f8b;

  /** The declared item count and the first decoded items (row-major pixels of {@code rows x cols}). */
  record Images(int count, int rows, int cols, List<byte[]> pixels) {}

  /** The declared item count and the first decoded labels. */
  record Labels(int count, byte[] labels) {}

  private IdxReader() {}

  static Images readImages(Path file, int rows, int cols, int limit) throws IOException {
    try (DataInputStream in = open(file)) {
      requireField(file, "magic", in.readInt(), IMAGES_MAGIC);
      int count = readCount(file, in);
      requireField(file, "rows", in.readInt(), rows);
      requireField(file, "columns", in.readInt(), cols);
      int n = Math.min(count, limit);
      List<byte[]> pixels = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] image = new byte[rows * cols];
        readItem(file, in, image, i, count);
        pixels.add(image);
      }
      return new Images(count, rows, cols, pixels);
    } catch (EOFException e) {
      throw new IOException("Cannot read IDX file " + file + ": header is truncated", e);
    }
  }

  static Labels readLabels(Path file, int limit) throws IOException {
    try (DataInputStream in = open(file)) {
      requireField(file, "magic", in.readInt(), LABELS_MAGIC);
      int count = readCount(file, in);
      byte[] labels = new byte[Math.min(count, limit)];
      readItem(file, in, labels, 0, count);
      return new Labels(count, labels);
    } catch (EOFException e) {
      throw new IOException("Cannot read IDX file " + file + ": header is truncated", e);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file));
    try {
      raw.mark(2);
      int magic = (raw.read() << 8) | raw.read();
      raw.reset();
      InputStream body = magic == GZIP_MAGIC ? new GZIPInputStream(raw, 1 << 16) : raw;
      return new DataInputStream(new BufferedInputStream(body, 1 << 16));
    } catch (IOException e) {
      raw.close();
      throw new IOException("Cannot read IDX file " + file + ": " + e.getMessage(), e);
    }
  }

  private static int readCount(Path file, DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("Cannot read IDX file " + file + ": field 'count' must be >= 0 (got " + count + ")");
    }
    return count;
  }

  private static void readItem(Path file, DataInputStream in, byte[] into, int index, int count) throws IOException {
    try {
      in.readFully(into);
    } catch (EOFException e) {
      throw new IOException(
          "Cannot read IDX file " + file + ": data is truncated at item " + index + " of the " + count + " declared",
          e);
    }
  }

  private static void requireField(Path file, String field, int actual, int expected) throws IOException {
    if (actual != expected) {
      throw new IOException(
          "Cannot read IDX file " + file + ": field '" + field + "' must be " + expected + " (got " + actual + ")");
    }
  }
}
