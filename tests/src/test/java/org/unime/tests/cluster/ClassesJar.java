package org.unime.tests.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs some test classes (with their nested and lambda classes) into a jar, so that a small application that
 * lives in the test sources can be spark-submitted: the fat jar holds no test classes.
 */
final class ClassesJar {
  private ClassesJar() {}

  /** Writes {@code jar} with {@code classes} (all from one output folder) and everything nested in them. */
  static Path write(Path jar, Class<?>... classes) {
    try {
      Path root = Path.of(classes[0].getProtectionDomain().getCodeSource().getLocation().toURI());
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      Files.createDirectories(jar.getParent());
      try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest)) {
        for (Class<?> type : classes) {
          for (Path file : classFiles(root, type)) {
            jos.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
            Files.copy(file, jos);
            jos.closeEntry();
          }
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + jar, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the test classes", e);
    }
  }

  private static List<Path> classFiles(Path root, Class<?> type) throws IOException {
    Path dir = root.resolve(type.getPackageName().replace('.', '/'));
    String simple = type.getSimpleName();
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> {
            String name = p.getFileName().toString();
            return name.equals(simple + ".class") || name.startsWith(simple + "$");
          })
          .sorted()
          .toList();
    }
  }
}
