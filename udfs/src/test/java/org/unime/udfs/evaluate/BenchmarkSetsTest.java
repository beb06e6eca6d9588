package org.unime.udfs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.conf.EvaluationSettings;
import org.unime.udfs.embed.EmbeddingInput;

/** The public benchmark formats, from small files written here. */
class BenchmarkSetsTest {
  @TempDir Path dir;

  private Path image(String name) throws IOException {
    Path file = dir.resolve("images").resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {(byte) name.hashCode(), 2, 3});
    return file;
  }

  @Test
  void mmebEvalRowsAreScoredUnchangedWithThePlaceholderRemoved() throws Exception {
    image("a.png");
    image("b.png");
    Path tasks = Files.createDirectories(dir.resolve("mmeb"));
    Files.writeString(tasks.resolve("VOC2007.jsonl"), """
        {"qry_text": "<|image_1|>\\nRepresent the given image for classification", "qry_img_path": "a.png", \
        "tgt_text": ["cat", "dog", "cat"], "tgt_img_path": ["", null, ""]}
        {"qry_text": "Find the image: a dog", "qry_img_path": null, "tgt_text": ["<|image_1|>", "<|image_1|>"], \
        "tgt_img_path": ["b.png", "a.png"]}
        """);

    TaskSuite suite = BenchmarkSets.mmeb(new EvaluationSettings.BenchmarkDir(tasks.toString(), dir.resolve("images").toString()));
    RetrievalTask task = suite.tasks().get(0).load();

    assertThat(task.name()).isEqualTo("VOC2007");
    assertThat(task.rows()).hasSize(2);
    RetrievalTask.Row first = task.rows().get(0);
    assertThat(first.query().text()).isEqualTo("Represent the given image for classification");
    assertThat(first.query().hasImage()).isTrue();
    assertThat(first.candidates()).extracting(EmbeddingInput::text).containsExactly("cat", "dog", "cat");
    assertThat(first.candidates().get(0)).as("equal candidates are one item").isSameAs(first.candidates().get(2));
    RetrievalTask.Row second = task.rows().get(1);
    assertThat(second.candidates()).allSatisfy(c -> {
      assertThat(c.text()).isNull();
      assertThat(c.hasImage()).isTrue();
    });
    assertThat(suite.metaTasks().groups().get("Classification")).contains("VOC2007");
  }

  @Test
  void aMissingImageFailsWithItsPath() throws Exception {
    Path tasks = Files.createDirectories(dir.resolve("mmeb"));
    Files.writeString(tasks.resolve("T.jsonl"),
        "{\"qry_text\": \"q\", \"tgt_text\": [\"x\", \"y\"], \"tgt_img_path\": [\"gone.png\", \"\"]}\n");

    TaskSuite suite = BenchmarkSets.mmeb(new EvaluationSettings.BenchmarkDir(tasks.toString(), dir.toString()));

    assertThatThrownBy(() -> suite.tasks().get(0).load())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cannot read the image of T.jsonl row 0 candidate 0")
        .hasMessageContaining("gone.png");
  }

  @Test
  void karpathyImagesGetTheInstructionAndCaptionsStayRaw() throws Exception {
    image("x.jpg");
    image("y.jpg");
    Path file = dir.resolve("dataset_flickr30k.json");
    Files.writeString(file, """
        {"images": [
          {"filename": "x.jpg", "split": "test", "sentences": [{"raw": "a cat"}, {"raw": "a small cat"}]},
          {"filename": "y.jpg", "split": "test", "sentences": [{"raw": "a dog"}]},
          {"filename": "z.jpg", "split": "train", "sentences": [{"raw": "ignored"}]}]}
        """);

    RecallSet set = BenchmarkSets.karpathy(
        new EvaluationSettings.Karpathy(file.toString(), dir.resolve("images").toString(), "test", 5), "Find a caption.");

    assertThat(set.name()).isEqualTo("dataset_flickr30k/test");
    assertThat(set.shape()).isEqualTo(RecallSet.Shape.CAPTIONS_PER_IMAGE);
    assertThat(set.images()).extracting(EmbeddingInput::text).containsExactly("Find a caption.", "Find a caption.");
    assertThat(set.texts()).extracting(EmbeddingInput::text).containsExactly("a cat", "a small cat", "a dog");
    assertThat(set.map()).containsExactly(0, 0, 1);
  }

  @Test
  void sugarCrepeSubsetsShareImages() throws Exception {
    image("1.jpg");
    Path subsets = Files.createDirectories(dir.resolve("sugar"));
    Files.writeString(subsets.resolve("swap_att.json"),
        "{\"0\": {\"filename\": \"1.jpg\", \"caption\": \"red car, blue door\", \"negative_caption\": \"blue car, red door\"}}");
    Files.writeString(subsets.resolve("add_obj.json"),
        "{\"0\": {\"filename\": \"1.jpg\", \"caption\": \"a car\", \"negative_caption\": \"a car and a dog\"}}");

    CompositionalSet set = BenchmarkSets.sugarCrepe(
        new EvaluationSettings.BenchmarkDir(subsets.toString(), dir.resolve("images").toString()), "Describe.");

    assertThat(set.items()).extracting(i -> i.subset()).containsExactly("add_obj", "swap_att");
    assertThat(set.images()).hasSize(1);
    assertThat(set.groups().groups()).containsKeys("Replace", "Swap", "Add");
    assertThat(List.copyOf(set.images().values()).get(0).text()).isEqualTo("Describe.");
  }
}
