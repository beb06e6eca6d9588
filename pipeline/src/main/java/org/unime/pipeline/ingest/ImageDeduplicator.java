package org.unime.pipeline.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.unime.pipeline.model.ContentHash;

/**
 * Remembers the first item seen for each image content (SHA-256 of the file bytes), per group (e.g. per emoji
 * vendor). Two rows sharing the same image bytes but different labels would teach the model contradicting targets
 * and make retrieval ambiguous, so the later one is rejected in favour of the first in reading order.
 *
 * <p>Not thread-safe: one instance per reader run, on the driver.
 */
final class ImageDeduplicator {
  private final Map<String, String> keptIdByGroupAndHash = new HashMap<>();

  /**
   * Registers the file's content for {@code id}.
   *
   * @return the id kept earlier for identical bytes in the same group, or empty if these bytes are new
   * @throws IOException if the file cannot be read (including when it is absent)
   */
  Optional<String> register(String group, Path file, String id) throws IOException {
    String key = group + "\u0000" + ContentHash.ofBytes(Files.readAllBytes(file));
    return Optional.ofNullable(keptIdByGroupAndHash.putIfAbsent(key, id));
  }
}
