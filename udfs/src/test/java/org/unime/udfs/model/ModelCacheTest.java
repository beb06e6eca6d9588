package org.unime.udfs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {

  /** A stand-in for a loaded model. */
  static final class Loaded implements AutoCloseable {
    final String version;
    volatile boolean closed;

    Loaded(String version) {
      this.version = version;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @AfterEach
  void clear() {
    ModelCache.clear();
  }

  @Test
  void concurrentCallersOfOneKeyShareOneInstanceLoadedOnce() throws Exception {
    ModelCache.Key key = new ModelCache.Key("file:/models/a", "v1");
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Loaded>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return ModelCache.get(
                      key,
                      Loaded.class,
                      k -> {
                        loads.incrementAndGet();
                        sleep(50);
                        return new Loaded(k.version());
                      });
                }));
      }
      start.countDown();
      Loaded first = results.get(0).get();
      for (Future<Loaded> f : results) {
        assertThat(f.get()).isSameAs(first);
      }
      assertThat(loads).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNewVersionAtTheSameUriLoadsANewInstanceAndClearClosesAll(@TempDir Path dir) throws Exception {
    String uri = dir.resolve("m").toString();
    write(uri, new byte[] {1});
    Loaded v1 = ModelCache.open(uri, Loaded.class, a -> new Loaded(a.manifest().version()));
    assertThat(ModelCache.open(uri, Loaded.class, a -> new Loaded("unexpected"))).isSameAs(v1);

    write(uri, new byte[] {2});
    Loaded v2 = ModelCache.open(uri, Loaded.class, a -> new Loaded(a.manifest().version()));

    assertThat(v2).isNotSameAs(v1);
    assertThat(v2.version).isNotEqualTo(v1.version);
    ModelCache.clear();
    assertThat(v1.closed).isTrue();
    assertThat(v2.closed).isTrue();
    assertThat(ModelCache.size()).isZero();
  }

  @Test
  void aFailedLoadIsNotCached() {
    ModelCache.Key key = new ModelCache.Key("file:/models/b", "v1");
    assertThatThrownBy(() -> ModelCache.get(key, Loaded.class, k -> { throw new ModelException("Cannot load: boom"); }))
        .isInstanceOf(ModelException.class);

    assertThat(ModelCache.get(key, Loaded.class, k -> new Loaded("ok")).version).isEqualTo("ok");
  }

  private static void write(String uri, byte[] weights) {
    ModelArtifact.write(
        uri, ModelManifest.draft("toy", Map.of("type", "toy"), Map.of()), d -> Files.write(d.resolve("w.bin"), weights));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
