package org.unime.pipeline.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Test fixtures: the released reference file in the shared dir, and tiny real images written on demand. */
final class Fixtures {
  static final String REFERENCE_FILE = "data/unime-v2-example_data.json";

  private Fixtures() {}

  /** The shared dir from {@code test.shared.dir}, else {@code ../shared} next to the reactor root. */
  static Path sharedDir() {
    String configured = System.getProperty("test.shared.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    // Surefire runs in the module dir; the module's parent is the reactor root, whose sibling is shared/.
    return Path.of("").toAbsolutePath().getParent().resolve("../shared").normalize();
  }

  static Path referenceFile() {
    Path file = sharedDir().resolve(REFERENCE_FILE);
    assertThat(file).as("reference fixture (set -Dtest.shared.dir)").isRegularFile();
    return file;
  }

  static List<MinedRecord> referenceRecords() throws IOException {
    try (InputStream in = Files.newInputStream(referenceFile())) {
      return new ReferenceJsonCodec().read(in);
    }
  }

  /** Writes a real 4x4 image at {@code root/relativePath}, encoded as its extension says (PNG unless .jpg/.jpeg). */
  static Path writeImage(Path root, String relativePath) throws IOException {
    Path file = root.resolve(relativePath);
    Files.createDirectories(file.getParent());
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 2, Color.ORANGE.getRGB());
    String lower = relativePath.toLowerCase(Locale.ROOT);
    String format = lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "jpg" : "png";
    assertThat(ImageIO.write(image, format, file.toFile())).as("ImageIO writer for " + format).isTrue();
    return file;
  }

  /** A resource of this package's test resources as a path. */
  static Path resource(String name) throws Exception {
    var url = Fixtures.class.getResource("/interchange/" + name);
    assertThat(url).as("test resource interchange/" + name).isNotNull();
    return Path.of(url.toURI());
  }
}
