package org.unime.pipeline.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.pipeline.model.ImageRef;

class ImageResolverTest {

  @Test
  void resolvesOnlyFilesInsideTheRoot(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    Fixtures.writeImage(root, "a/b.png");
    Fixtures.writeImage(dir, "outside.png");
    Files.createDirectories(root.resolve("a/dir.png"));
    ImageResolver resolver = new ImageResolver(root);

    assertThat(resolver.resolve("a/b.png")).contains(
        new ImageRef.File(root.toAbsolutePath().resolve("a/b.png").toString(), ImageRef.ImageFormat.PNG));
    assertThat(resolver.resolve("../outside.png")).isEmpty();
    assertThat(resolver.whyMissing("../outside.png")).contains("the path leads outside the root");
    assertThat(resolver.resolve("a/dir.png")).as("a directory is not an image").isEmpty();
    assertThat(resolver.resolve("a/missing.jpg")).isEmpty();
    assertThat(resolver.whyMissing("a/missing.jpg"))
        .isEqualTo("Cannot find image a/missing.jpg under image root " + root.toAbsolutePath()
            + ": no such file (got " + root.toAbsolutePath().resolve("a/missing.jpg") + ")");
  }

  @Test
  void withoutRootNothingResolves() {
    ImageResolver resolver = new ImageResolver(null);

    assertThat(resolver.resolve("a/b.png")).isEmpty();
    assertThat(resolver.whyMissing("a/b.png"))
        .isEqualTo("Cannot find image a/b.png: no image root is configured (got image root null)");
  }
}
