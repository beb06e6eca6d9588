package org.unime.pipeline.eval;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Fixture files under {@code src/test/resources/eval/}. */
final class EvalFixtures {
  private EvalFixtures() {}

  static Path resource(String name) {
    try {
      return Path.of(EvalFixtures.class.getResource("/eval/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("Cannot find test fixture eval/" + name, e);
    }
  }
}
