package org.unime.tests.cluster;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one standalone cluster per test run: declare a {@link StandaloneCluster} parameter (on a
 * {@code @BeforeAll} or test method) in a class annotated {@code @ExtendWith(SharedClusterExtension.class)}.
 *
 * <p>The cluster is started on first use (Master + 2 workers, 1 core and 3 GiB each, on 127.0.0.1) and kept in the
 * root extension store, which closes it when the whole run ends; its shutdown hook covers a killed JVM. Both workers
 * offer one FAKE "GPU" (address 0, from {@code scripts/cluster/fake-gpu-discovery.sh}) so the GPU scheduling test
 * can share the start-up; applications that request no GPU are unaffected.
 *
 * <p>Tests that break the cluster (kill a worker) must start their own with {@link StandaloneCluster#builder}.
 */
public final class SharedClusterExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StandaloneCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("cluster", key -> start(), StandaloneCluster.class);
  }

  private static StandaloneCluster start() {
    ProjectLayout layout = ProjectLayout.current();
    layout.fatJar(); // fail before spending a minute on the cluster when the jar is missing
    Path logs = layout.clusterLogs().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    return StandaloneCluster.builder(SparkHome.locateOrBuild(layout), logs)
        .workers(2)
        .workerCores(1)
        .workerMemory("3g")
        .workerProperty("spark.worker.resource.gpu.amount", "1")
        .workerProperty("spark.worker.resource.gpu.discoveryScript", fakeGpuScript(layout).toString())
        .start();
  }

  /** The FAKE discovery script: one "GPU" at address 0, no device behind it. */
  static Path fakeGpuScript(ProjectLayout layout) {
    return layout.root().resolve("scripts/cluster/fake-gpu-discovery.sh");
  }
}
