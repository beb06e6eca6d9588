package org.unime.udfs.model;

import ai.djl.Device;
import java.io.Serializable;

/**
 * Where a model runs: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. Parsed once from configuration on
 * the driver and shipped to executors; on a Spark GPU executor use {@link #fromGpuAddress(String)} with the address
 * Spark assigned to the task ({@code TaskContext.get().resources().get("gpu").addresses()[0]}), so that two tasks
 * on one machine never share a GPU by accident.
 *
 * <p>Immutable and serializable. {@link #toDevice()} resolves to a DJL {@link Device} on the executor.
 *
 * @param kind CPU or GPU
 * @param index GPU ordinal; -1 for the CPU
 */
public record DeviceSpec(Kind kind, int index) implements Serializable {

  /** The processor family. */
  public enum Kind {
    CPU,
    GPU
  }

  /** The CPU. */
  public static final DeviceSpec CPU = new DeviceSpec(Kind.CPU, -1);

  public DeviceSpec {
    if (kind == Kind.CPU && index != -1) {
      throw new IllegalArgumentException("Cannot create a CPU device spec with a GPU index (got " + index + ")");
    }
    if (kind == Kind.GPU && index < 0) {
      throw new IllegalArgumentException("Cannot create a GPU device spec: the index must be >= 0 (got " + index + ")");
    }
  }

  /** Parses {@code cpu}, {@code gpu} (= {@code gpu:0}) or {@code gpu:N}, case-insensitive, surrounding blanks ignored. */
  public static DeviceSpec parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("cpu")) {
      return CPU;
    }
    if (s.equals("gpu")) {
      return new DeviceSpec(Kind.GPU, 0);
    }
    if (s.startsWith("gpu:")) {
      return new DeviceSpec(Kind.GPU, ordinal(s.substring(4), text));
    }
    throw new IllegalArgumentException(
        "Cannot parse a device: expected cpu, gpu or gpu:N (got \"" + text + "\")");
  }

  /**
   * The GPU Spark assigned to a task, from its resource address (a GPU ordinal such as {@code "0"} or {@code "3"},
   * as printed by the discovery script). Blank or null means the task got no GPU, which is an error: a GPU stage
   * scheduled without {@code spark.task.resource.gpu.amount} would silently share device 0.
   */
  public static DeviceSpec fromGpuAddress(String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException(
          "Cannot pick a GPU: the task has no GPU address; set spark.task.resource.gpu.amount and"
              + " spark.executor.resource.gpu.amount");
    }
    return new DeviceSpec(Kind.GPU, ordinal(address.trim(), address));
  }

  /** The DJL device; a GPU spec on a machine without that GPU fails when the first array is created there. */
  public Device toDevice() {
    return kind == Kind.CPU ? Device.cpu() : Device.gpu(index);
  }

  @Override
  public String toString() {
    return kind == Kind.CPU ? "cpu" : "gpu:" + index;
  }

  private static int ordinal(String digits, String original) {
    try {
      int value = Integer.parseInt(digits);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "Cannot parse a GPU ordinal: expected a non-negative integer (got \"" + original + "\")");
  }
}
