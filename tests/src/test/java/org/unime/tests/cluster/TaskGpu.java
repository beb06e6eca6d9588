package org.unime.tests.cluster;

import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.unime.udfs.model.DeviceSpec;

/**
 * Executor-side: which GPU Spark assigned to the running task, as a {@link DeviceSpec}. This is the code path a
 * model loader on a GPU executor should take instead of a fixed {@code gpu:N} string, so that two tasks on one
 * executor never share a device by accident. Call it inside a task (a UDF, {@code mapPartitions}); on the driver
 * there is no {@link TaskContext}.
 *
 * <p>Requires {@code spark.executor.resource.gpu.amount} and {@code spark.task.resource.gpu.amount}; without them a
 * task has no {@code gpu} resource and {@link #device()} fails with DeviceSpec's message saying so.
 */
public final class TaskGpu {
  /** Spark's resource name for GPUs, as in {@code spark.task.resource.gpu.amount}. */
  public static final String RESOURCE = "gpu";

  private TaskGpu() {}

  /** The GPU addresses assigned to the running task (empty when it got none). */
  public static List<String> addresses() {
    TaskContext task = TaskContext.get();
    if (task == null) {
      throw new IllegalStateException("Cannot read the task's GPU: not running inside a Spark task");
    }
    Map<String, ResourceInformation> resources = task.resourcesJMap();
    ResourceInformation gpu = resources.get(RESOURCE);
    return gpu == null ? List.of() : List.of(gpu.addresses());
  }

  /** The device for the task's first assigned GPU address. */
  public static DeviceSpec device() {
    List<String> addresses = addresses();
    return DeviceSpec.fromGpuAddress(addresses.isEmpty() ? null : addresses.get(0));
  }
}
