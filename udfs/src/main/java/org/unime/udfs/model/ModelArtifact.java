package org.unime.udfs.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A trained model on disk: one directory holding weight files (any names, written by the model) and
 * {@code manifest.json} ({@link ModelManifest}). Artifacts are addressed by URI: a local path or a {@code file:} URI.
 * Remote stores are not read directly; copy the directory to each executor's local disk (e.g. with
 * {@code spark-submit --files}/{@code --archives}) and point the URI at it.
 *
 * <p>{@link #write} writes into a temporary sibling directory and renames it into place, so readers never see a
 * half-written artifact. Instances are immutable and thread-safe.
 */
public final class ModelArtifact {
  /** The manifest's file name inside the artifact directory. */
  public static final String MANIFEST = "manifest.json";

  private final String uri;
  private final Path dir;
  private final ModelManifest manifest;

  private ModelArtifact(String uri, Path dir, ModelManifest manifest) {
    this.uri = uri;
    this.dir = dir;
    this.manifest = manifest;
  }

  /** Writes the weight files of a model into an (empty) directory. */
  @FunctionalInterface
  public interface WeightsWriter {
    void write(Path dir) throws IOException;
  }

  /**
   * Writes an artifact: {@code weights} fills a fresh directory, the version is computed from what it wrote plus
   * the draft's architecture, and the directory replaces whatever was at {@code uri}.
   */
  public static ModelArtifact write(String uri, ModelManifest draft, WeightsWriter weights) {
    Path target = localPath(uri);
    Path staging = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(staging);
      weights.write(staging);
      String version = contentVersion(staging, draft.architecture());
      ModelManifest manifest = draft.withVersion(version, Instant.now().toString());
      Files.writeString(staging.resolve(MANIFEST), manifest.toJson());
      replace(staging, target);
      return new ModelArtifact(uri, target, manifest);
    } catch (IOException e) {
      deleteQuietly(staging);
      throw new ModelException("Cannot write model " + draft.id() + " to " + uri, e);
    }
  }

  /** Opens the artifact at a local path or {@code file:} URI by reading its manifest (weights are not read here). */
  public static ModelArtifact open(String uri) {
    Path dir = localPath(uri);
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new ModelException(
          "Cannot open model artifact " + uri + ": no " + MANIFEST + " in " + dir.toAbsolutePath()
              + "; run the `models` command first or fix the configured URI");
    }
    try {
      return new ModelArtifact(uri, dir, ModelManifest.fromJson(Files.readString(manifestFile), manifestFile.toString()));
    } catch (IOException e) {
      throw new ModelException("Cannot open model artifact " + uri, e);
    }
  }

  /** Resolves a local path or {@code file:} URI; any other scheme is rejected with the supported forms. */
  public static Path localPath(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new ModelException("Cannot resolve a model URI: it is blank; expected a local path or file: URI");
    }
    String s = uri.trim();
    if (s.startsWith("file:")) {
      return Path.of(URI.create(s));
    }
    int colon = s.indexOf(':');
    int slash = s.indexOf('/');
    if (colon > 1 && (slash < 0 || colon < slash)) {
      throw new ModelException(
          "Cannot resolve model URI " + uri + ": only local paths and file: URIs are supported; copy the artifact"
              + " directory to local disk on each node (e.g. spark-submit --archives) and use its path");
    }
    return Path.of(s);
  }

  /**
   * SHA-256 over the architecture map (sorted {@code key=value} lines) and every file in {@code dir} except the
   * manifest (sorted by relative path; each contributes its path, its length and its bytes). Hex-encoded.
   */
  public static String contentVersion(Path dir, Map<String, String> architecture) {
    MessageDigest digest = sha256();
    new java.util.TreeMap<>(architecture)
        .forEach((k, v) -> digest.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
    for (Path file : weightFiles(dir)) {
      String name = dir.relativize(file).toString().replace('\\', '/');
      try (InputStream in = Files.newInputStream(file)) {
        digest.update(("\u0000" + name + "\u0000" + Files.size(file) + "\u0000").getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new ModelException("Cannot hash model file " + file, e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Recomputes the content hash and fails when the files no longer match the manifest's version. */
  public ModelArtifact verify() {
    String actual = contentVersion(dir, manifest.architecture());
    if (!actual.equals(manifest.version())) {
      throw new ModelException(
          "Cannot use model " + manifest.id() + " at " + uri + ": its files hash to " + actual
              + " but the manifest says " + manifest.version() + "; the artifact was modified or partially copied");
    }
    return this;
  }

  /** Rewrites the manifest with more metrics; the weights and version are untouched. */
  public ModelArtifact withMetrics(Map<String, Double> metrics) {
    ModelManifest updated = manifest.withMetrics(metrics);
    Path tmp = dir.resolve(MANIFEST + ".tmp-" + UUID.randomUUID());
    try {
      Files.writeString(tmp, updated.toJson());
      Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new ModelException("Cannot update the manifest of model " + manifest.id() + " at " + uri, e);
    }
    return new ModelArtifact(uri, dir, updated);
  }

  public String uri() {
    return uri;
  }

  public Path dir() {
    return dir;
  }

  public ModelManifest manifest() {
    return manifest;
  }

  /** A file inside the artifact; fails with the model id when it is missing. */
  public Path file(String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new ModelException("Cannot load model " + manifest.id() + " from " + uri + ": missing file " + name);
    }
    return file;
  }

  /** The cache key of this exact artifact content. */
  public ModelCache.Key key() {
    return new ModelCache.Key(uri, manifest.version());
  }

  private static List<Path> weightFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !dir.relativize(f).toString().equals(MANIFEST))
          .filter(f -> !f.getFileName().toString().startsWith(MANIFEST + ".tmp-"))
          .sorted(Comparator.comparing(f -> dir.relativize(f).toString()))
          .toList();
    } catch (IOException e) {
      throw new ModelException("Cannot list model files in " + dir, e);
    }
  }

  private static void replace(Path staging, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling(target.getFileName() + ".old-" + UUID.randomUUID());
      Files.move(target, old);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, target);
    }
    if (old != null) {
      deleteQuietly(old);
    }
  }

  private static void deleteQuietly(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover temp directory is harmless and named as such
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
