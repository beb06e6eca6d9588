package org.unime.pipeline.interchange;

import java.util.Objects;

/**
 * One side of a pair as the reference files store it: a text and an image path. Either may be empty (a text-only
 * candidate has {@code imagePath = ""}); neither is null, because the files write {@code ""} for "absent".
 *
 * @param text the raw text, possibly containing the Phi-3-V placeholder {@code <|image_1|>}
 * @param imagePath image path relative to the MMEB-train image root, or {@code ""}
 */
public record Candidate(String text, String imagePath) {

  public Candidate {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(imagePath, "imagePath");
  }

  /** True if the candidate has no image. */
  public boolean isTextOnly() {
    return imagePath.isEmpty();
  }
}
