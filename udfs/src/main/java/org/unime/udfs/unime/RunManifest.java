package org.unime.udfs.unime;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code run.json}: what a training run is and what it read, written when the run starts and completed when it
 * ends. The pinned table versions live here, so {@code train --resume} reads exactly the data the interrupted run
 * read, and {@link #fingerprint} (every setting that shapes the weights, the base model version and the pins) must
 * match for a resume to be accepted. With synchronous steps, partitions and the aggregation depth are not part of
 * it: the result does not depend on them, so a run may be resumed with a different cluster shape (with local SGD the
 * partition count is part of it).
 *
 * @param runId short hash of the fingerprint; names the run in the metrics table
 * @param loss the objective's config name
 * @param fingerprint the weight-shaping settings, base model and pins, as one string
 * @param baseModel artifact training started from: uri and version
 * @param pins Delta table path → version read
 * @param startedAt when the run first started (ISO-8601)
 * @param completedSteps optimizer steps done when the manifest was last written
 * @param output artifact written at the end: uri and version (empty until then)
 * @param metrics final metrics (loss, held-out P@1 of base and trained model); empty until the end
 */
record RunManifest(
    String runId,
    String loss,
    String fingerprint,
    Map<String, String> baseModel,
    Map<String, Long> pins,
    String startedAt,
    int completedSteps,
    Map<String, String> output,
    Map<String, Double> metrics) {

  static final String FILE = "run.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

  RunManifest {
    baseModel = copy(baseModel);
    pins = pins == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pins));
    output = copy(output);
    metrics = copy(metrics);
  }

  RunManifest finished(int steps, Map<String, String> artifact, Map<String, Double> results) {
    return new RunManifest(runId, loss, fingerprint, baseModel, pins, startedAt, steps, artifact, results);
  }

  /** Writes {@code dir/run.json} atomically. */
  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(FILE + ".tmp");
    Files.writeString(tmp, GSON.toJson(this));
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  static RunManifest read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    try {
      RunManifest m = GSON.fromJson(Files.readString(file), RunManifest.class);
      if (m == null || m.runId == null || m.fingerprint == null) {
        throw new IOException("Cannot read run manifest " + file + ": it is empty or incomplete");
      }
      // Gson bypasses the canonical constructor; run it for the defensive copies.
      return new RunManifest(
          m.runId, m.loss, m.fingerprint, m.baseModel, m.pins, m.startedAt, m.completedSteps, m.output, m.metrics);
    } catch (JsonParseException e) {
      throw new IOException("Cannot read run manifest " + file + ": not valid JSON", e);
    }
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
