package org.unime.pipeline.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real datasets installed by {@code scripts/setup.sh}. Tests needing them are skipped (not failed) when
 * they are absent, with a message saying how to install them.
 */
final class TestData {
  private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private TestData() {}

  static Path dataHome() {
    String configured = System.getProperty("test.data.home");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "unime-v2");
  }

  /** The npm {@code node_modules} directory, after checking the package exists. */
  static Path nodeModules(String requiredPackage) {
    Path nodeModules = dataHome().resolve("npm").resolve("node_modules");
    assumeTrue(Files.isDirectory(nodeModules.resolve(requiredPackage)),
        "npm package " + requiredPackage + " is not installed under " + nodeModules + "; run scripts/setup.sh");
    return nodeModules;
  }

  static Path emojiModules() {
    Path nodeModules = nodeModules("emoji-datasource");
    for (String pkg : new String[] {"emoji-datasource-google", "emoji-datasource-twitter", "emojibase-data"}) {
      nodeModules(pkg);
    }
    return nodeModules;
  }

  static Path fashionMnist() {
    assumeTrue(Files.isRegularFile(FASHION_MNIST.resolve("train-images-idx3-ubyte.gz")),
        "Fashion-MNIST is not installed in " + FASHION_MNIST + "; run scripts/setup.sh");
    return FASHION_MNIST;
  }
}
