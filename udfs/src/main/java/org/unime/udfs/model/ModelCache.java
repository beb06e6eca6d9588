package org.unime.udfs.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model per JVM (per Spark executor), keyed by artifact URI and content version, built lazily on first
 * use. Tasks running concurrently in the executor share the instance, so cached models must be thread-safe for
 * inference (both built-in models and the adapters in this module are).
 *
 * <p>Loading happens outside the map's lock: two keys load in parallel, while concurrent callers of the same key
 * wait for the single load. A failed load is not cached, so a later task retries. Keying by version means a
 * retrained artifact written to the same URI is picked up by the next {@link #open} without a restart; the old
 * instance stays cached until {@link #clear()} (tasks may still be using it).
 */
public final class ModelCache {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
  private static final Map<Key, Slot> SLOTS = new ConcurrentHashMap<>();

  private ModelCache() {}

  /**
   * Identity of a loaded model: where it came from and which exact content.
   *
   * @param uri artifact URI as configured
   * @param version content hash from the manifest
   */
  public record Key(String uri, String version) implements Serializable {}

  /**
   * The cached instance for the artifact at {@code uri}, loading it with {@code loader} on first use. Reads the
   * manifest (a small file) on every call to learn the current version.
   */
  public static <T extends AutoCloseable> T open(String uri, Class<T> type, Function<ModelArtifact, T> loader) {
    ModelArtifact artifact = ModelArtifact.open(uri);
    return get(artifact.key(), type, key -> loader.apply(artifact));
  }

  /** The cached instance for {@code key}, loading it with {@code loader} on first use. */
  public static <T extends AutoCloseable> T get(Key key, Class<T> type, Function<Key, T> loader) {
    Object value = SLOTS.computeIfAbsent(key, k -> new Slot()).value(key, loader);
    if (!type.isInstance(value)) {
      throw new ModelException(
          "Cannot reuse cached model " + key.uri() + ": it was loaded as " + value.getClass().getName()
              + ", not " + type.getName());
    }
    return type.cast(value);
  }

  /** Closes and forgets every cached model (tests, or an executor shutting a stage down). */
  public static synchronized void clear() {
    List<Key> keys = new ArrayList<>(SLOTS.keySet());
    for (Key key : keys) {
      Slot slot = SLOTS.remove(key);
      if (slot != null) {
        slot.close(key);
      }
    }
  }

  /** How many models are cached now. */
  public static int size() {
    return SLOTS.size();
  }

  /** Holds one lazily built value; the slot's own monitor serialises loads of that key only. */
  private static final class Slot {
    private volatile AutoCloseable value;

    private <T extends AutoCloseable> AutoCloseable value(Key key, Function<Key, T> loader) {
      AutoCloseable v = value;
      if (v != null) {
        return v;
      }
      synchronized (this) {
        if (value == null) {
          long start = System.nanoTime();
          try {
            value = java.util.Objects.requireNonNull(loader.apply(key), "loader returned null");
          } catch (RuntimeException e) {
            SLOTS.remove(key, this);
            throw e;
          }
          LOG.info("Loaded model {} (version {}) in {} ms", key.uri(), shortVersion(key), (System.nanoTime() - start) / 1_000_000);
        }
        return value;
      }
    }

    private synchronized void close(Key key) {
      if (value != null) {
        try {
          value.close();
        } catch (Exception e) {
          LOG.warn("Closing cached model {} failed: {}", key.uri(), e.toString());
        }
        value = null;
      }
    }
  }

  private static String shortVersion(Key key) {
    return key.version().length() > 12 ? key.version().substring(0, 12) : key.version();
  }
}
