package org.unime.pipeline.ingest;

import java.util.List;
import java.util.Objects;

/**
 * What {@link EmojiSourceReader} reads and how it splits it. Immutable and validated on construction.
 *
 * @param maxConcepts how many base emoji to read, first by {@code sort_order}; 0 reads all
 * @param trainingVendor the vendor whose images go to {@code TRAIN}
 * @param unseenVendor the vendor whose images are kept for {@code EVAL_UNSEEN_VENDOR}; must differ from training
 * @param imageToTextInstruction text of the image→text queries (the image is attached separately)
 * @param textToImageInstruction prefix of the text→image queries, followed directly by the emoji label
 * @param holdout which base emoji are withheld entirely ({@code EVAL_UNSEEN_CONCEPT})
 */
public record EmojiOptions(
    int maxConcepts,
    EmojiVendor trainingVendor,
    EmojiVendor unseenVendor,
    String imageToTextInstruction,
    String textToImageInstruction,
    HoldoutPolicy holdout) {

  public static final String DEFAULT_IMAGE_TO_TEXT_INSTRUCTION = "Find the emoji name that describes the given image.";
  public static final String DEFAULT_TEXT_TO_IMAGE_INSTRUCTION = "Find the emoji image that matches: ";

  public EmojiOptions {
    if (maxConcepts < 0) {
      throw new IllegalArgumentException(
          "Cannot configure emoji source: max concepts must be >= 0, 0 meaning all (got " + maxConcepts + ")");
    }
    Objects.requireNonNull(trainingVendor, "trainingVendor");
    Objects.requireNonNull(unseenVendor, "unseenVendor");
    if (trainingVendor == unseenVendor) {
      throw new IllegalArgumentException(
          "Cannot configure emoji source: the unseen vendor must differ from the training vendor (got "
              + unseenVendor.wireName() + " for both)");
    }
    Instructions.requireNonBlank("emoji", "image-to-text", imageToTextInstruction);
    Instructions.requireNonBlank("emoji", "text-to-image", textToImageInstruction);
    Objects.requireNonNull(holdout, "holdout");
  }

  /** Starts from the defaults: all emoji, train on Google, evaluate on Twitter. */
  public static Builder builder(HoldoutPolicy holdout) {
    return new Builder(holdout);
  }

  /** Training vendor first, then the unseen vendor: the order images are planned in. */
  public List<EmojiVendor> vendors() {
    return List.of(trainingVendor, unseenVendor);
  }

  /** Optional settings; {@link #build()} runs the record's validation. */
  public static final class Builder {
    private final HoldoutPolicy holdout;
    private int maxConcepts;
    private EmojiVendor trainingVendor = EmojiVendor.GOOGLE;
    private EmojiVendor unseenVendor = EmojiVendor.TWITTER;
    private String imageToTextInstruction = DEFAULT_IMAGE_TO_TEXT_INSTRUCTION;
    private String textToImageInstruction = DEFAULT_TEXT_TO_IMAGE_INSTRUCTION;

    private Builder(HoldoutPolicy holdout) {
      this.holdout = holdout;
    }

    public Builder withMaxConcepts(int maxConcepts) {
      this.maxConcepts = maxConcepts;
      return this;
    }

    public Builder withVendors(EmojiVendor trainingVendor, EmojiVendor unseenVendor) {
      this.trainingVendor = trainingVendor;
      this.unseenVendor = unseenVendor;
      return this;
    }

    public Builder withImageToTextInstruction(String instruction) {
      this.imageToTextInstruction = instruction;
      return this;
    }

    public Builder withTextToImageInstruction(String instruction) {
      this.textToImageInstruction = instruction;
      return this;
    }

    public EmojiOptions build() {
      return new EmojiOptions(
          maxConcepts, trainingVendor, unseenVendor, imageToTextInstruction, textToImageInstruction, holdout);
    }
  }
}
