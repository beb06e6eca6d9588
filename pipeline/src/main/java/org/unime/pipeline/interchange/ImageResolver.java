package org.unime.pipeline.interchange;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.unime.pipeline.model.ImageRef;

/**
 * Resolves the relative image paths of the interchange files against an image root. A path that is absent, that
 * leaves the root, or that the filesystem cannot name resolves to nothing, and {@link #whyMissing} says why.
 */
final class ImageResolver {
  private final Path root;

  /** @param root the image root, or null when no images are available */
  ImageResolver(Path root) {
    this.root = root == null ? null : root.toAbsolutePath().normalize();
  }

  /** The image file for a non-empty relative path, if it exists under the root. */
  Optional<ImageRef.File> resolve(String relativePath) {
    Path file = locate(relativePath);
    if (file == null || !file.startsWith(root) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(new ImageRef.File(file.toString(), ImageRef.ImageFormat.fromFileName(relativePath)));
  }

  /** A reject detail for a path {@link #resolve} did not find, naming the relative path and the root. */
  String whyMissing(String relativePath) {
    if (root == null) {
      return "Cannot find image " + relativePath + ": no image root is configured (got image root null)";
    }
    Path file = locate(relativePath);
    if (file == null) {
      return "Cannot find image " + relativePath + " under image root " + root
          + ": the path is not valid on this filesystem (got \"" + relativePath + "\")";
    }
    if (!file.startsWith(root)) {
      return "Cannot find image " + relativePath + " under image root " + root
          + ": the path leads outside the root (got " + file + ")";
    }
    return "Cannot find image " + relativePath + " under image root " + root + ": no such file (got " + file + ")";
  }

  private Path locate(String relativePath) {
    if (root == null) {
      return null;
    }
    try {
      return root.resolve(relativePath).normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
