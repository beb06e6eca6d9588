package org.unime.tests.cluster;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stopping a child JVM together with the processes it launched (a worker's executors). Descendants are looked up
 * before the parent dies: once it is gone they are re-parented and no longer found through it.
 */
final class ProcessTrees {
  private ProcessTrees() {}

  /** Sends SIGTERM ({@code force} false) or SIGKILL to {@code process} and all its descendants. */
  static void kill(Process process, boolean force) {
    List<ProcessHandle> descendants = process.descendants().toList();
    if (force) {
      process.destroyForcibly();
      descendants.forEach(ProcessHandle::destroyForcibly);
    } else {
      process.destroy();
      descendants.forEach(ProcessHandle::destroy);
    }
  }

  /** Waits up to 15 s for {@code process} to exit, then kills it; kills any descendant still alive. */
  static void awaitOrKill(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        kill(process, true);
        process.waitFor(15, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : descendants) {
        if (child.isAlive()) {
          child.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      kill(process, true);
      Thread.currentThread().interrupt();
    }
  }
}
