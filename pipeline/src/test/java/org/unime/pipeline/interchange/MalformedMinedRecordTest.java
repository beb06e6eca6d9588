package org.unime.pipeline.interchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each malformed file must fail with the record index and the field in the message. */
class MalformedMinedRecordTest {
  private static final String GOOD = record("\"query_pos_scores\": 0.5", negatives(2), scores(2));

  private final ReferenceJsonCodec codec = new ReferenceJsonCodec();

  @Test
  void namesTheRecordWhoseScoresDoNotAlign() {
    String bad = record("\"query_pos_scores\": 0.5", negatives(10), scores(9));
    String file = "[" + String.join(",", Collections.nCopies(12, GOOD)) + "," + bad + "]";

    assertThatThrownBy(() -> read(file))
        .isInstanceOfSatisfying(MinedRecordFormatException.class, e -> assertThat(e.recordIndex()).isEqualTo(12))
        .hasMessage("Cannot read mined record 12: field hard_negatives_scores has 9 values but hard_negatives has 10");
  }

  @Test
  void namesAMissingField() {
    String bad = "{\"query_text\": \"q\", \"query_image\": \"\", \"pos_text\": \"p\", \"query_pos_scores\": 0.5, "
        + "\"hard_negatives\": [], \"hard_negatives_scores\": []}";

    assertThatThrownBy(() -> read("[" + GOOD + "," + bad + "]"))
        .hasMessage("Cannot read mined record 1: field pos_image is missing");
  }

  @Test
  void namesAMissingScore() {
    String bad = "{\"query_text\": \"q\", \"query_image\": \"\", \"pos_text\": \"p\", \"pos_image\": \"\", "
        + "\"hard_negatives\": [], \"hard_negatives_scores\": []}";

    assertThatThrownBy(() -> read("[" + bad + "]"))
        .hasMessage("Cannot read mined record 0: field query_pos_scores is missing");
  }

  @Test
  void rejectsNonFiniteScoresThatPythonWrites() {
    assertThatThrownBy(() -> read("[" + record("\"query_pos_scores\": NaN", negatives(2), scores(2)) + "]"))
        .hasMessage("Cannot read mined record 0: field query_pos_scores must be finite (got NaN)");
    assertThatThrownBy(() -> read("[" + record("\"query_pos_scores\": 0.5", negatives(1), "[Infinity]") + "]"))
        .hasMessage("Cannot read mined record 0: field hard_negatives_scores[0] must be finite (got Infinity)");
  }

  @Test
  void namesMistypedFields() {
    assertThatThrownBy(() -> read("[" + record("\"query_pos_scores\": \"high\"", negatives(2), scores(2)) + "]"))
        .hasMessage("Cannot read mined record 0: field query_pos_scores must be a number (got string \"high\")");
    assertThatThrownBy(() -> read("[" + GOOD.replace("\"pos_text\": \"p\"", "\"pos_text\": null") + "]"))
        .hasMessage("Cannot read mined record 0: field pos_text must be a string (got null)");
    assertThatThrownBy(() -> read("[" + record("\"query_pos_scores\": 0.5", "[[\"a\", \"\", \"x\"]]", "[0.1]") + "]"))
        .hasMessage(
            "Cannot read mined record 0: field hard_negatives[0] must be a [text, image_path] pair (got 3 values)");
    assertThatThrownBy(() -> read("[" + record("\"query_pos_scores\": 0.5", "[[\"a\", 7]]", "[0.1]") + "]"))
        .hasMessage("Cannot read mined record 0: field hard_negatives[0][1] must be a string (got 7)");
    assertThatThrownBy(() -> read("[" + GOOD + ", 3]"))
        .hasMessage("Cannot read mined record 1: expected a JSON object (got 3)");
  }

  @Test
  void namesTheRecordWithBrokenJson() {
    String file = "[" + GOOD + ",\n" + GOOD.replace("\"pos_text\": \"p\",", "\"pos_text\" \"p\",") + "]";

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(MinedRecordFormatException.class)
        .hasMessageStartingWith("Cannot read mined record 1: malformed JSON at line 2, column ");
  }

  @Test
  void rejectsAFileThatIsNotAnArrayOrEndsEarly() {
    assertThatThrownBy(() -> read("{}"))
        .hasMessage("Cannot read mined records: expected a JSON array of records (got START_OBJECT)");
    assertThatThrownBy(() -> read(""))
        .hasMessage("Cannot read mined records: expected a JSON array of records (got end of input)");
    assertThatThrownBy(() -> read("[" + GOOD))
        .hasMessageStartingWith("Cannot read mined record 1: malformed JSON at line 1, column ")
        .hasMessageContaining("Unexpected end-of-input");
  }

  @Test
  void skipsUnknownFields() throws IOException {
    String withExtra = GOOD.replace("{", "{\"judge\": {\"name\": \"qwen\", \"ids\": [1, 2]}, ");

    assertThat(read("[" + withExtra + "]")).isEqualTo(read("[" + GOOD + "]"));
  }

  @Test
  void recordConstructorChecksTheSameInvariants() {
    assertThatThrownBy(() -> new MinedRecord("q", "", "p", "", 0.5, List.of(new Candidate("n", "")), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build a mined record: field hard_negatives_scores has 0 values but hard_negatives has 1");
    assertThatThrownBy(() -> new MinedRecord("q", null, "p", "", 0.5, List.of(), List.of()))
        .hasMessage("Cannot build a mined record: field query_image is missing");
    assertThatThrownBy(() -> new MinedRecord("q", "", "p", "", Double.NaN, List.of(), List.of()))
        .hasMessage("Cannot build a mined record: field query_pos_scores must be finite (got NaN)");
  }

  private List<MinedRecord> read(String json) throws IOException {
    return codec.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String record(String scoreField, String negatives, String scores) {
    return "{\"query_text\": \"q\", \"query_image\": \"\", \"pos_text\": \"p\", \"pos_image\": \"\", " + scoreField
        + ", \"hard_negatives\": " + negatives + ", \"hard_negatives_scores\": " + scores + "}";
  }

  private static String negatives(int n) {
    return "[" + String.join(", ", Collections.nCopies(n, "[\"n\", \"\"]")) + "]";
  }

  private static String scores(int n) {
    return "[" + String.join(", ", Collections.nCopies(n, "0.25")) + "]";
  }
}
