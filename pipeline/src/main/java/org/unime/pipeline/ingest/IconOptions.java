package org.unime.pipeline.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What {@link IconSourceReader} reads from one icon set and how it splits it. Immutable and validated on
 * construction.
 *
 * @param set the icon set; it is also the dataset name
 * @param maxConcepts how many icons to read, first by name; 0 reads all
 * @param styles styles to include, each one of {@link IconSet#styles()}; planned in the set's order
 * @param imageToTextInstruction text of the image→text queries (the image is attached separately)
 * @param textToImageInstruction prefix of the text→image queries, followed directly by the icon text
 * @param holdout which icon names are withheld entirely ({@code EVAL_UNSEEN_CONCEPT})
 */
public record IconOptions(
    IconSet set,
    int maxConcepts,
    List<String> styles,
    String imageToTextInstruction,
    String textToImageInstruction,
    HoldoutPolicy holdout) {

  public static final String DEFAULT_IMAGE_TO_TEXT_INSTRUCTION = "Find the icon name that describes the given icon.";
  public static final String DEFAULT_TEXT_TO_IMAGE_INSTRUCTION = "Find the icon that matches: ";

  public IconOptions {
    Objects.requireNonNull(set, "set");
    String source = set.wireName();
    if (maxConcepts < 0) {
      throw new IllegalArgumentException(
          "Cannot configure " + source + " source: max concepts must be >= 0, 0 meaning all (got " + maxConcepts
              + ")");
    }
    List<String> wanted = List.copyOf(styles);
    if (wanted.isEmpty() || !set.styles().containsAll(wanted) || new HashSet<>(wanted).size() != wanted.size()) {
      throw new IllegalArgumentException(
          "Cannot configure " + source + " source: styles must be distinct values among " + set.styles() + " (got "
              + wanted + ")");
    }
    // Keep the set's order whatever order the caller listed them in, so ids and row order are stable.
    styles = set.styles().stream().filter(wanted::contains).toList();
    Instructions.requireNonBlank(source, "image-to-text", imageToTextInstruction);
    Instructions.requireNonBlank(source, "text-to-image", textToImageInstruction);
    Objects.requireNonNull(holdout, "holdout");
  }

  /** Starts from the defaults: all icons, all of the set's styles, the default instructions. */
  public static Builder builder(IconSet set, HoldoutPolicy holdout) {
    return new Builder(set, holdout);
  }

  /** Optional settings; {@link #build()} runs the record's validation. */
  public static final class Builder {
    private final IconSet set;
    private final HoldoutPolicy holdout;
    private int maxConcepts;
    private List<String> styles;
    private String imageToTextInstruction = DEFAULT_IMAGE_TO_TEXT_INSTRUCTION;
    private String textToImageInstruction = DEFAULT_TEXT_TO_IMAGE_INSTRUCTION;

    private Builder(IconSet set, HoldoutPolicy holdout) {
      this.set = Objects.requireNonNull(set, "set");
      this.holdout = holdout;
      this.styles = set.styles();
    }

    public Builder withMaxConcepts(int maxConcepts) {
      this.maxConcepts = maxConcepts;
      return this;
    }

    public Builder withStyles(List<String> styles) {
      this.styles = Objects.requireNonNull(styles, "styles");
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

    public IconOptions build() {
      return new IconOptions(set, maxConcepts, styles, imageToTextInstruction, textToImageInstruction, holdout);
    }
  }
}
