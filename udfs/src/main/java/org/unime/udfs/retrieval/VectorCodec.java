package org.unime.udfs.retrieval;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Packs float vectors into little-endian float32 bytes, so a block of vectors travels as one binary cell. */
public final class VectorCodec {
  private VectorCodec() {}

  public static byte[] pack(float[] flat) {
    ByteBuffer buffer = ByteBuffer.allocate(flat.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(flat);
    return buffer.array();
  }

  public static float[] unpack(byte[] bytes) {
    float[] out = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
