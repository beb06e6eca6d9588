package org.unime.udfs.embed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A driver-side file of MiniLM text features, so that re-running the {@code models} command (new hyper-parameters,
 * another model stage) does not re-encode tens of thousands of labels. The file is tied to the exact ONNX file by
 * its hash (a different text tower starts a new file) and is only an optimisation: a missing, stale or damaged file
 * is ignored with a log line. Format: magic, tower hash, then (UTF text, 384 big-endian floats) records.
 */
final class TextFeatureStore {
  private static final Logger LOG = LoggerFactory.getLogger(TextFeatureStore.class);
  private static final long MAGIC = 0x554E494D45544631L; // "UNIMETF1"

  private TextFeatureStore() {}

  /** The features stored for {@code towerSha256}; empty when there is no usable file. */
  static Map<String, float[]> read(Path file, String towerSha256) {
    Map<String, float[]> out = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readLong() != MAGIC || !in.readUTF().equals(towerSha256)) {
        LOG.info("Ignoring text feature cache {}: written for another text tower", file);
        return out;
      }
      byte[] bytes = new byte[MiniLmEncoder.DIMENSION * Float.BYTES];
      while (true) {
        String text;
        try {
          text = in.readUTF();
        } catch (EOFException end) {
          break;
        }
        in.readFully(bytes);
        float[] v = new float[MiniLmEncoder.DIMENSION];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(v);
        out.put(text, v);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Ignoring text feature cache {}: {}", file, e.toString());
      out.clear();
    }
    return out;
  }

  /** Replaces the file with {@code features} (atomically; failures are logged, not thrown). */
  static void write(Path file, String towerSha256, Map<String, float[]> features) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "text-features-", ".part");
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        out.writeLong(MAGIC);
        out.writeUTF(towerSha256);
        ByteBuffer bytes = ByteBuffer.allocate(MiniLmEncoder.DIMENSION * Float.BYTES);
        for (Map.Entry<String, float[]> e : features.entrySet()) {
          if (e.getKey().length() > 16_000) {
            continue; // writeUTF's limit; such texts are simply re-encoded
          }
          out.writeUTF(e.getKey());
          bytes.clear();
          bytes.asFloatBuffer().put(e.getValue());
          out.write(bytes.array());
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not write text feature cache {}: {}", file, e.toString());
    }
  }
}
