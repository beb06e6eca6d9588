package org.unime.udfs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void warmsUpLinearlyThenDecaysLinearlyToZero() {
    LearningRateSchedule s = LearningRateSchedule.linearWarmupDecay(1e-3, 4, 12);

    assertThat(s.at(0)).isEqualTo(0.0);
    assertThat(s.at(1)).isCloseTo(2.5e-4, within(1e-15));
    assertThat(s.at(3)).isCloseTo(7.5e-4, within(1e-15));
    assertThat(s.at(4)).isCloseTo(1e-3, within(1e-15));
    assertThat(s.at(8)).isCloseTo(5e-4, within(1e-15));
    assertThat(s.at(11)).isCloseTo(1.25e-4, within(1e-15));
    assertThat(s.at(12)).isEqualTo(0.0);
    assertThat(s.at(20)).isEqualTo(0.0);
  }

  @Test
  void withoutWarmupStartsAtThePeak() {
    LearningRateSchedule s = LearningRateSchedule.linearWarmupDecay(0.1, 0, 10);

    assertThat(s.at(0)).isEqualTo(0.1);
    assertThat(s.at(5)).isCloseTo(0.05, within(1e-15));
  }

  @Test
  void rejectsWarmupLongerThanTraining() {
    assertThatThrownBy(() -> LearningRateSchedule.linearWarmupDecay(0.1, 11, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot build a learning-rate schedule: need peak > 0 and 0 <= warm-up <= total >= 1 (got peak=0.1,"
                + " warm-up=11, total=10)");
  }
}
