package org.unime.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU executors on CPU: the shared cluster's workers run the FAKE discovery script (one "GPU", address 0), an
 * application asks for one GPU per executor and per task, and each task reads the address Spark assigned it and maps
 * it to a DJL device with {@link TaskGpu} / {@code DeviceSpec.fromGpuAddress}. No GPU is touched: this checks the
 * scheduling and the address-to-device path, not CUDA.
 */
@Tag("cluster")
@ExtendWith(SharedClusterExtension.class)
class GpuResourceIT {
  @TempDir static Path work;

  @Test
  void eachTaskSeesItsAssignedFakeGpuAndMapsItToGpu0(StandaloneCluster cluster) {
    ProjectLayout layout = ProjectLayout.current();
    assertThat(cluster.state().workers())
        .as("workers advertise the fake GPU from %s", SharedClusterExtension.fakeGpuScript(layout))
        .allSatisfy(w -> assertThat(w.resources()).containsEntry(TaskGpu.RESOURCE, List.of("0")));
    assertThat(Logs.read(cluster.logDir().resolve("worker-0.log")))
        .contains("Discovering resources for gpu with script: " + SharedClusterExtension.fakeGpuScript(layout));

    Path probeJar = ClassesJar.write(work.resolve("gpu-probe.jar"), GpuProbeApp.class, TaskGpu.class);
    SparkSubmitCommand probe =
        SparkSubmitCommand.builder("gpu-probe", GpuProbeApp.class.getName(), probeJar)
            .jar(layout.fatJar())
            .conf("spark.executor.resource.gpu.amount", "1")
            .conf("spark.task.resource.gpu.amount", "1")
            .conf("spark.executor.cores", "1")
            .conf("spark.executor.memory", "512m")
            .conf("spark.ui.enabled", "false")
            .conf("spark.executor.extraJavaOptions", "-Dai.djl.offline=true -XX:TieredStopAtLevel=1")
            .driverHeap("512m")
            .driverJvmOption("-XX:TieredStopAtLevel=1")
            .args("2")
            .build();
    SubmitResult result = cluster.submit(probe, Duration.ofMinutes(5));
    assertThat(result.succeeded()).as("gpu-probe failed:\n%s", result.tail()).isTrue();

    List<String> lines =
        result.output().lines().filter(l -> l.startsWith(GpuProbeApp.PREFIX)).map(l -> l.substring(GpuProbeApp.PREFIX.length())).toList();
    String appId = lines.stream().filter(l -> l.startsWith("app=")).findFirst().orElseThrow().substring(4);
    List<String> tasks = lines.stream().filter(l -> l.startsWith("executor=")).toList();
    assertThat(tasks)
        .as("one line per task")
        .hasSize(2)
        .allSatisfy(t -> assertThat(t).contains("addresses=[0] device=gpu:0 djl=gpu(0)"));

    List<Path> executorLogs = cluster.executorLogs(appId);
    assertThat(executorLogs).as("executor logs of %s", appId).isNotEmpty();
    for (Path log : executorLogs) {
      // Logged by the executor at start-up from the resources file its worker gave it.
      assertThat(Logs.read(log)).as("%s", log).contains("gpu -> [name: gpu, addresses: 0]");
    }
  }

  @Test
  void aTaskWithoutAnAssignedGpuFailsNamingTheSettings() {
    SparkSession spark = org.unime.tests.SharedSpark.get();
    assertThatThrownBy(
            () -> spark.range(0, 1, 1, 1).mapPartitions(new GpuProbeApp.Probe(false), Encoders.STRING()).collectAsList())
        .hasStackTraceContaining("Cannot pick a GPU: the task has no GPU address; set spark.task.resource.gpu.amount");
  }
}
