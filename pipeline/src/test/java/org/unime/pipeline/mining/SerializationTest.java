package org.unime.pipeline.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What Spark ships between driver and executors, or between stages, must survive Java serialization. */
class SerializationTest {

  @Test
  void partialTopKSurvivesAShuffle() throws Exception {
    BoundedTopK top = BoundedTopK.keeping(2);
    top.offer("a", 0.1f);
    top.offer("b", 0.9f);
    top.offer("c", 0.5f);

    BoundedTopK copy = roundTrip(top);

    assertThat(copy.sortedDescending()).isEqualTo(top.sortedDescending());
    assertThat(copy.offer("d", 0.7f)).isTrue();
    assertThat(copy.sortedDescending()).extracting(ScoredCandidate::candidateId).containsExactly("b", "d");
  }

  @Test
  void closureStateSurvivesShipping() throws Exception {
    HardNegativeSampler sampler = HardNegativeSampler.create(SamplingSettings.paperDefaults(), 7L);
    MiningQuery query = new MiningQuery("q", 0.1, SamplerFixtures.pool(SamplerFixtures.constant(20, 0.9)));
    RetrievalFilter filter = RetrievalFilter.below(0.95f, Set.of("p"));

    assertThat(roundTrip(sampler).sample(query)).isEqualTo(sampler.sample(query));
    assertThat(roundTrip(sampler.sample(query))).isEqualTo(sampler.sample(query));
    assertThat(roundTrip(filter)).isEqualTo(filter);
    assertThat(roundTrip(TopKMerger.keeping(3)).k()).isEqualTo(3);
    QueryBlock queries = QueryBlock.ofRows(List.of("q"), new float[][] {{1f}}, List.of(filter));
    CandidateBlock cands = CandidateBlock.ofRows(List.of("c"), new float[][] {{0.5f}});
    assertThat(roundTrip(BlockScorer.create()).retrieve(queries, List.of(cands), 1).get(0).sortedDescending())
        .containsExactly(new ScoredCandidate("c", 0.5f));
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }

    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
