package org.unime.udfs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.judge.CorpusItem;

/** Held-out sets from hand-made rows shaped like the emoji and Fashion-MNIST ingest rows. */
class HeldOutSetsTest {
  private static final byte[] PNG = {1};
  private static final String UC = "eval-unseen-concept";
  private static final String UV = "eval-unseen-vendor";

  private static CorpusItem label(String code, String split, String text) {
    return new CorpusItem("emoji:text:" + code, "emoji", split, text, null, List.of(), Map.of("unified", code));
  }

  private static CorpusItem image(String vendor, String code, String split) {
    return new CorpusItem("emoji:" + vendor + ":" + code + ":image", "emoji", split, null, PNG, List.of(),
        Map.of("unified", code, "vendor", vendor));
  }

  private static CorpusItem i2t(String vendor, String code, String split) {
    return new CorpusItem("emoji:" + vendor + ":" + code + ":i2t", "emoji", split, "Find the emoji name.", PNG,
        List.of("emoji:text:" + code), Map.of());
  }

  private static CorpusItem t2i(String vendor, String code, String split, String label) {
    return new CorpusItem("emoji:" + vendor + ":" + code + ":t2i", "emoji", split, "Find: " + label, null,
        List.of("emoji:" + vendor + ":" + code + ":image"), Map.of());
  }

  /** Three unseen concepts drawn by two vendors, one train concept drawn by Twitter, three Fashion-MNIST classes. */
  static HeldOutSets sets() {
    List<CorpusItem> candidates = new ArrayList<>();
    List<CorpusItem> queries = new ArrayList<>();
    for (String code : List.of("c1", "c2", "c3")) {
      candidates.add(label(code, UC, "label " + code));
      for (String vendor : List.of("google", "twitter")) {
        candidates.add(image(vendor, code, UC));
        queries.add(i2t(vendor, code, UC));
        queries.add(t2i(vendor, code, UC, "label " + code));
      }
    }
    candidates.add(label("t1", "train", "label t1"));
    candidates.add(label("t2", "train", "label t2"));
    candidates.add(image("twitter", "t1", UV));
    queries.add(i2t("twitter", "t1", UV));
    for (int c = 0; c < 3; c++) {
      candidates.add(new CorpusItem("fashion-mnist:class:" + c, "fashion-mnist", "train", "class " + c, null,
          List.of(), Map.of()));
    }
    for (int i = 0; i < 4; i++) {
      queries.add(new CorpusItem("fashion-mnist:test:" + i, "fashion-mnist", "test", "Which category?", PNG,
          List.of("fashion-mnist:class:" + (i % 3)), Map.of()));
    }
    queries.add(new CorpusItem("emoji:train-query", "emoji", "train", "ignored", PNG, List.of("emoji:text:t1"),
        Map.of()));
    return HeldOutSets.of(candidates, queries);
  }

  @Test
  void tasksPerSplitDatasetAndDirectionWithTheirGroups() {
    TaskSuite suite = sets().tasks(0).orElseThrow();

    List<RetrievalTask> tasks = load(suite);
    assertThat(tasks).extracting(RetrievalTask::name).containsExactly(
        "i2t/emoji/eval-unseen-concept", "t2i/emoji/eval-unseen-concept", "i2t/emoji/eval-unseen-vendor",
        "cls/fashion-mnist/test");
    assertThat(suite.metaTasks().groups()).containsEntry("Classification", List.of("cls/fashion-mnist/test"));
    assertThat(suite.metaTasks().groups().get("Retrieval")).hasSize(3);
    assertThat(suite.distribution().groups()).containsEntry("OOD", List.of("i2t/emoji/eval-unseen-vendor"))
        .containsKey("IND");
  }

  @Test
  void rowsStartWithTheGroundTruthAndNeverOfferAnotherAnswer() {
    List<RetrievalTask> tasks = load(sets().tasks(0).orElseThrow());

    RetrievalTask i2t = tasks.get(0);
    assertThat(i2t.rows()).hasSize(6);
    RetrievalTask.Row first = i2t.rows().get(0);
    assertThat(first.id()).isEqualTo("emoji:google:c1:i2t");
    assertThat(ids(first)).containsExactly("emoji:text:c1", "emoji:text:c2", "emoji:text:c3");

    // The Google and Twitter images of c1 both answer "Find: label c1": neither is the other's distractor.
    RetrievalTask t2i = tasks.get(1);
    RetrievalTask.Row google = t2i.rows().stream().filter(r -> r.id().equals("emoji:google:c1:t2i")).findFirst()
        .orElseThrow();
    assertThat(ids(google).get(0)).isEqualTo("emoji:google:c1:image");
    assertThat(ids(google)).hasSize(5).doesNotContain("emoji:twitter:c1:image");

    // Unseen-vendor images rank the train labels; Fashion-MNIST test images the class names.
    assertThat(ids(tasks.get(2).rows().get(0))).containsExactly("emoji:text:t1", "emoji:text:t2");
    assertThat(ids(tasks.get(3).rows().get(1))).containsExactly(
        "fashion-mnist:class:1", "fashion-mnist:class:0", "fashion-mnist:class:2");
  }

  @Test
  void aCandidateCapKeepsTheGroundTruthAndAStableChoiceOfDistractors() {
    List<RetrievalTask> capped = load(sets().tasks(2).orElseThrow());
    List<RetrievalTask> again = load(sets().tasks(2).orElseThrow());

    for (RetrievalTask task : capped) {
      assertThat(task.rows()).allSatisfy(r -> assertThat(r.candidates()).hasSize(2));
    }
    assertThat(ids(capped.get(0).rows().get(0)).get(0)).isEqualTo("emoji:text:c1");
    assertThat(capped.stream().flatMap(t -> t.rows().stream()).map(HeldOutSetsTest::ids).toList())
        .isEqualTo(again.stream().flatMap(t -> t.rows().stream()).map(HeldOutSetsTest::ids).toList());
  }

  @Test
  void theRecallSetMapsEveryImageToItsLabel() {
    List<RecallSet> recall = sets().recallSets();

    assertThat(recall).hasSize(1);
    RecallSet set = recall.get(0);
    assertThat(set.name()).isEqualTo("emoji/eval-unseen-concept");
    assertThat(set.shape()).isEqualTo(RecallSet.Shape.IMAGES_PER_LABEL);
    assertThat(set.texts()).extracting(EmbeddingInput::id)
        .containsExactly("emoji:text:c1", "emoji:text:c2", "emoji:text:c3");
    assertThat(set.images()).hasSize(6).allSatisfy(i -> assertThat(i.hasImage()).isTrue());
    assertThat(set.map()).containsExactly(0, 1, 2, 0, 1, 2);
  }

  @Test
  void noCompositionalItemsWithoutEditableLabels() {
    assertThat(sets().compositional()).isEmpty();
  }

  private static List<RetrievalTask> load(TaskSuite suite) {
    return suite.tasks().stream().map(l -> {
      try {
        return l.load();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
  }

  private static List<String> ids(RetrievalTask.Row row) {
    return row.candidates().stream().map(EmbeddingInput::id).toList();
  }
}
