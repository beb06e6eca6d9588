package org.unime.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.unime.pipeline.model.RejectReason;
import org.unime.pipeline.model.Role;
import org.unime.pipeline.model.SourceBatch;
import org.unime.pipeline.model.SourceRecord;
import org.unime.pipeline.model.Split;

/**
 * Reads every dataset in full (a few seconds) and checks the totals are of the expected size, so a broken join or
 * path that silently loses most rows fails here rather than in training.
 */
class FullDataSanityTest {
  private static final double FRACTION = 0.1;

  @Test
  void fullEmojiSet() throws IOException {
    EmojiOptions options = EmojiOptions.builder(new HoldoutPolicy(FRACTION, "full-data")).build();
    SourceBatch batch = new EmojiSourceReader(TestData.emojiModules(), options).read();
    BatchAssertions.assertWellFormed(batch);
    assertThat(count(batch, imagesOf("google"))).isGreaterThan(3000);
    assertThat(count(batch, imagesOf("twitter"))).isGreaterThan(3000);
    assertThat(count(batch, r -> r.role() == Role.CANDIDATE && r.image() == null)).isGreaterThan(3500);
    // Every emoji has a CLDR label and every declared file exists; only duplicates are lost.
    assertThat(batch.rejects()).allSatisfy(r -> assertThat(r.reason())
        .isEqualTo(RejectReason.DUPLICATE_IMAGE));
    assertThat(batch.rejects().size()).isLessThan(200);
    Map<String, Set<Split>> splitsByBase = batch.records().stream().collect(Collectors.groupingBy(
        r -> r.source().get("base_unified"), Collectors.mapping(SourceRecord::split, Collectors.toSet())));
    assertThat(splitsByBase.size()).isGreaterThan(1800);
    double heldOut = splitsByBase.values().stream().filter(s -> s.contains(Split.EVAL_UNSEEN_CONCEPT)).count()
        / (double) splitsByBase.size();
    assertThat(heldOut).isBetween(FRACTION - 0.03, FRACTION + 0.03);
    assertThat(splitsByBase.values()).filteredOn(s -> s.contains(Split.EVAL_UNSEEN_CONCEPT))
        .allSatisfy(s -> assertThat(s).containsOnly(Split.EVAL_UNSEEN_CONCEPT));
  }

  @Test
  void fullIconSets() throws IOException {
    HoldoutPolicy holdout = new HoldoutPolicy(FRACTION, "full-data");
    SourceBatch tabler = new IconSourceReader(TestData.nodeModules("@tabler/icons"),
        IconOptions.builder(IconSet.TABLER, holdout).build()).read();
    BatchAssertions.assertWellFormed(tabler);
    assertThat(count(tabler, r -> r.id().startsWith("tabler:outline:") && r.role() == Role.CANDIDATE))
        .isGreaterThan(5000);
    assertThat(count(tabler, r -> r.id().startsWith("tabler:filled:") && r.role() == Role.CANDIDATE))
        .isGreaterThan(1000);
    assertThat(tabler.rejects()).isEmpty();

    SourceBatch mdi = new IconSourceReader(TestData.nodeModules("@mdi/svg"),
        IconOptions.builder(IconSet.MDI, holdout).build()).read();
    BatchAssertions.assertWellFormed(mdi);
    assertThat(count(mdi, r -> r.id().startsWith("mdi:default:") && r.role() == Role.CANDIDATE))
        .isGreaterThan(7000);
    assertThat(mdi.rejects()).isEmpty();
  }

  @Test
  void fullFashionMnist() throws IOException {
    SourceBatch batch = new FashionMnistSourceReader(TestData.fashionMnist(), FashionMnistOptions.defaults()).read();
    assertThat(count(batch, r -> r.split() == Split.TRAIN && r.role() == Role.QUERY)).isEqualTo(60_000);
    assertThat(count(batch, r -> r.split() == Split.TEST)).isEqualTo(10_000);
    assertThat(batch.rejects()).isEmpty();
    // The published set is balanced: 6000 training images per class.
    assertThat(count(batch, r -> r.split() == Split.TRAIN && r.positiveIds().contains("fashion-mnist:class:9")))
        .isEqualTo(6000);
  }

  private static Predicate<SourceRecord> imagesOf(String vendor) {
    return r -> r.role() == Role.CANDIDATE && vendor.equals(r.source().get("vendor"));
  }

  private static long count(SourceBatch batch, Predicate<SourceRecord> which) {
    return batch.records().stream().filter(which).count();
  }
}
