package org.unime.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MiniLmEncoderTest {

  @Test
  void aDogIsCloserToAPuppyThanToASpreadsheet() {
    float[][] v = MiniLmEncoder.shared().encode(List.of("a dog", "a puppy", "a spreadsheet"));

    for (float[] x : v) {
      assertThat(x).hasSize(MiniLmEncoder.DIMENSION);
    }
    assertThat(dot(v[0], v[0])).isCloseTo(1.0, within(1e-5));
    double puppy = dot(v[0], v[1]);
    double spreadsheet = dot(v[0], v[2]);
    assertThat(puppy).isGreaterThan(spreadsheet + 0.3);
  }

  @Test
  void batchingAndTheCacheDoNotChangeTheFeatures() {
    MiniLmEncoder encoder = MiniLmEncoder.shared();
    float[] alone = encoder.encode(List.of("a red apple on a table"))[0];
    float[][] batched =
        encoder.features(List.of("short", "a red apple on a table", "a much longer sentence about something else", "short"));

    assertThat(batched[3]).isSameAs(batched[0]);
    for (int d = 0; d < alone.length; d++) {
      assertThat((double) batched[1][d]).isCloseTo(alone[d], within(1e-5));
    }
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
