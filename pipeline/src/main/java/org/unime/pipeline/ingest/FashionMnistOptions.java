package org.unime.pipeline.ingest;

/**
 * What {@link FashionMnistSourceReader} reads. Immutable and validated on construction.
 *
 * @param maxTrain how many training images to read, first by index; 0 reads all
 * @param maxTest how many t10k images to read, first by index; 0 reads all
 * @param instruction text of every query (the image is attached separately)
 */
public record FashionMnistOptions(int maxTrain, int maxTest, String instruction) {

  /** MMEB's phrasing for classification-as-retrieval, specialised to clothing. */
  public static final String DEFAULT_INSTRUCTION =
      "Represent the given image for classification. Which clothing category is it?";

  public FashionMnistOptions {
    if (maxTrain < 0 || maxTest < 0) {
      throw new IllegalArgumentException(
          "Cannot configure fashion-mnist source: max train and max test must be >= 0, 0 meaning all (got "
              + maxTrain + ", " + maxTest + ")");
    }
    Instructions.requireNonBlank("fashion-mnist", "query", instruction);
  }

  /** Every image, default instruction. */
  public static FashionMnistOptions defaults() {
    return new FashionMnistOptions(0, 0, DEFAULT_INSTRUCTION);
  }

  public FashionMnistOptions withMaxTrain(int maxTrain) {
    return new FashionMnistOptions(maxTrain, maxTest, instruction);
  }

  public FashionMnistOptions withMaxTest(int maxTest) {
    return new FashionMnistOptions(maxTrain, maxTest, instruction);
  }

  public FashionMnistOptions withInstruction(String instruction) {
    return new FashionMnistOptions(maxTrain, maxTest, instruction);
  }
}
