package org.unime.tests.cluster;

import ai.djl.engine.Engine;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.unime.udfs.model.DeviceSpec;

/**
 * A tiny Spark application for {@link GpuResourceIT}: runs N one-partition tasks and prints, per task, the GPU
 * addresses Spark assigned and the DJL device {@link TaskGpu} derives from them. Submitted from a jar the test
 * builds out of its own classes, with the fat jar on {@code --jars} for {@link DeviceSpec} and DJL.
 *
 * <p>Its result is its standard output (lines starting with {@link #PREFIX}), read by the test, hence
 * {@code System.out} rather than a logger whose level the driver's log config decides.
 */
public final class GpuProbeApp {
  /** Marks the lines the test parses. */
  public static final String PREFIX = "GPU-PROBE ";

  private GpuProbeApp() {}

  /**
   * {@code args[0]}: the number of tasks; {@code args[1]} (optional): {@code engine} to also load DJL's PyTorch
   * engine in each task and report its version and the GPUs it sees (for checking a jar layout or a GPU node).
   */
  public static void main(String[] args) {
    int tasks = Integer.parseInt(args[0]);
    boolean engine = args.length > 1 && args[1].equals("engine");
    SparkSession spark = SparkSession.builder().appName("gpu-probe").getOrCreate();
    try {
      List<String> seen =
          spark.range(0, tasks, 1, tasks).mapPartitions(new Probe(engine), Encoders.STRING()).collectAsList();
      System.out.println(PREFIX + "app=" + spark.sparkContext().applicationId());
      seen.forEach(line -> System.out.println(PREFIX + line));
    } finally {
      spark.stop();
    }
  }

  /** Runs on the executor: reads the task's GPU and maps it to a device. */
  static final class Probe implements MapPartitionsFunction<Long, String> {
    private final boolean loadEngine;

    Probe(boolean loadEngine) {
      this.loadEngine = loadEngine;
    }

    @Override
    public Iterator<String> call(Iterator<Long> rows) {
      List<String> addresses = TaskGpu.addresses();
      DeviceSpec device = TaskGpu.device();
      String line =
          "executor=" + SparkEnv.get().executorId() + " partition=" + TaskContext.getPartitionId()
              + " addresses=" + addresses + " device=" + device + " djl=" + device.toDevice();
      if (loadEngine) {
        Engine pytorch = Engine.getEngine("PyTorch");
        line += " engine=PyTorch/" + pytorch.getVersion() + " engine-gpus=" + pytorch.getGpuCount();
      }
      return List.of(line).iterator();
    }
  }
}
