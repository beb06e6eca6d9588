package org.unime.pipeline.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatsTest {

  /** Expected values are Python 3's repr() of the same doubles. */
  @ParameterizedTest
  @CsvSource({
    "0.7215937972068787, 0.7215937972068787",
    "8.232426625909284E-5, 8.232426625909284e-05",
    "1.0E-4, 0.0001",
    "1.0E-5, 1e-05",
    "1.5E-7, 1.5e-07",
    "1.0, 1.0",
    "0.0, 0.0",
    "-0.0, -0.0",
    "-2.5, -2.5",
    "123.456, 123.456",
    "1.0E15, 1000000000000000.0",
    "1.0E16, 1e+16",
    "1.2345E22, 1.2345e+22",
    "4.9E-324, 5e-324",
    "1.7976931348623157E308, 1.7976931348623157e+308",
    "0.1, 0.1",
    "0.30000000000000004, 0.30000000000000004"
  })
  void matchesPythonRepr(double value, String python) {
    assertThat(PythonFloats.repr(value)).isEqualTo(python);
    assertThat(Double.parseDouble(PythonFloats.repr(value))).isEqualTo(value);
  }
}
