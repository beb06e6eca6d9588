package org.unime.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Seeded unit vectors shared with the Python peer: written as raw little-endian float32 so FAISS reads the very
 * same numbers.
 */
final class BenchVectors {
  private BenchVectors() {}

  static float[] unitRows(int rows, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] out = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      double norm = 0;
      for (int d = 0; d < dim; d++) {
        double g = gaussian(random);
        out[r * dim + d] = (float) g;
        norm += g * g;
      }
      float inv = (float) (1.0 / Math.sqrt(norm));
      for (int d = 0; d < dim; d++) {
        out[r * dim + d] *= inv;
      }
    }
    return out;
  }

  static void write(float[] values, Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    Files.createDirectories(file.getParent());
    Files.write(file, buffer.array());
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: enough for benchmark data and identical on every JVM.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
