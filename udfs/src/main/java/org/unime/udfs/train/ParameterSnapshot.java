package org.unime.udfs.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A host copy of named float32 tensors: a block's weights, or Adam moments. Engine-free, so it can be written to an
 * artifact or checkpoint, broadcast by Spark, and copied back into a block bit for bit.
 *
 * <p>The binary form is: magic {@code UNIMEPS1}, count, then per tensor its UTF name, rank, dims and big-endian
 * floats. Immutable once built (the arrays are not copied on read access: do not modify them).
 */
public final class ParameterSnapshot implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long MAGIC = 0x554E494D45505331L; // "UNIMEPS1"

  private final List<String> names;
  private final List<long[]> shapes;
  private final List<float[]> values;

  private ParameterSnapshot(List<String> names, List<long[]> shapes, List<float[]> values) {
    this.names = List.copyOf(names);
    this.shapes = List.copyOf(shapes);
    this.values = List.copyOf(values);
  }

  /** Copies every initialised parameter of {@code block}, in the block's parameter order. */
  public static ParameterSnapshot of(Block block) {
    List<String> names = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray array = p.getValue().getArray();
      names.add(p.getKey());
      shapes.add(array.getShape().getShape());
      values.add(toFloats(array));
    }
    return new ParameterSnapshot(names, shapes, values);
  }

  /** Copies named arrays (e.g. optimizer moments). */
  static ParameterSnapshot of(List<String> names, List<NDArray> arrays) {
    List<long[]> shapes = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    for (NDArray array : arrays) {
      shapes.add(array.getShape().getShape());
      values.add(toFloats(array));
    }
    return new ParameterSnapshot(names, shapes, values);
  }

  /** Wraps host arrays; {@code shapes} and {@code values} must agree. */
  public static ParameterSnapshot of(List<String> names, List<long[]> shapes, List<float[]> values) {
    if (names.size() != shapes.size() || names.size() != values.size()) {
      throw new IllegalArgumentException(
          "Cannot build a parameter snapshot: " + names.size() + " names, " + shapes.size() + " shapes and "
              + values.size() + " value arrays");
    }
    for (int i = 0; i < names.size(); i++) {
      long size = Arrays.stream(shapes.get(i)).reduce(1, (a, b) -> a * b);
      if (size != values.get(i).length) {
        throw new IllegalArgumentException(
            "Cannot build a parameter snapshot: " + names.get(i) + " has shape " + Arrays.toString(shapes.get(i))
                + " but " + values.get(i).length + " values");
      }
    }
    return new ParameterSnapshot(names, shapes, values);
  }

  /** Overwrites the block's parameters in place (names and shapes must match exactly). */
  public void copyInto(Block block) {
    List<NDArray> targets = new ArrayList<>();
    List<String> targetNames = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      targetNames.add(p.getKey());
      targets.add(p.getValue().getArray());
    }
    copyInto(targetNames, targets);
  }

  /** Overwrites arrays in place; names and shapes must match this snapshot in order. */
  void copyInto(List<String> targetNames, List<NDArray> targets) {
    if (!targetNames.equals(names)) {
      throw new IllegalArgumentException(
          "Cannot restore parameters: the model has " + targetNames + " but the snapshot has " + names);
    }
    TrainingLock.disableGradientRecording();
    for (int i = 0; i < names.size(); i++) {
      NDArray target = targets.get(i);
      if (!Arrays.equals(target.getShape().getShape(), shapes.get(i))) {
        throw new IllegalArgumentException(
            "Cannot restore parameter " + names.get(i) + ": the model's shape is " + target.getShape()
                + " but the snapshot's is " + Arrays.toString(shapes.get(i)));
      }
      target.set(FloatBuffer.wrap(values.get(i)));
    }
  }

  public int size() {
    return names.size();
  }

  public List<String> names() {
    return names;
  }

  public long[] shape(int index) {
    return shapes.get(index).clone();
  }

  /** The values of tensor {@code index} (shared, do not modify). */
  public float[] values(int index) {
    return values.get(index);
  }

  /** Total number of floats. */
  public long elementCount() {
    return values.stream().mapToLong(v -> v.length).sum();
  }

  public void write(DataOutputStream out) throws IOException {
    out.writeLong(MAGIC);
    out.writeInt(names.size());
    for (int i = 0; i < names.size(); i++) {
      out.writeUTF(names.get(i));
      long[] shape = shapes.get(i);
      out.writeInt(shape.length);
      for (long d : shape) {
        out.writeLong(d);
      }
      float[] v = values.get(i);
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(v.length * Float.BYTES);
      bytes.asFloatBuffer().put(v);
      out.write(bytes.array());
    }
  }

  public static ParameterSnapshot read(DataInputStream in) throws IOException {
    if (in.readLong() != MAGIC) {
      throw new IOException("not a parameter snapshot (bad magic number)");
    }
    int count = in.readInt();
    List<String> names = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(in.readUTF());
      long[] shape = new long[in.readInt()];
      long size = 1;
      for (int d = 0; d < shape.length; d++) {
        shape[d] = in.readLong();
        size *= shape[d];
      }
      byte[] bytes = new byte[Math.toIntExact(size * Float.BYTES)];
      in.readFully(bytes);
      float[] v = new float[(int) size];
      java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(v);
      shapes.add(shape);
      values.add(v);
    }
    return new ParameterSnapshot(names, shapes, values);
  }

  private static float[] toFloats(NDArray array) {
    if (array.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException(
          "Cannot snapshot " + array.getName() + ": only float32 parameters are supported (got "
              + array.getDataType() + ")");
    }
    return array.toFloatArray();
  }
}
