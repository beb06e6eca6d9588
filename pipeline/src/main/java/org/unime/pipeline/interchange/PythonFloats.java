package org.unime.pipeline.interchange;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double the way Python's {@code repr(float)} does, which is what {@code json.dump} writes. The reference
 * files come from Python; matching its spelling ({@code 8.232426625909284e-05}, not {@code 8.232426625909284E-5})
 * lets an export be diffed byte for byte against the file it was read from. The digits are the shortest that
 * round-trip (Jackson's Schubfach writer), so the value itself is never changed.
 */
final class PythonFloats {
  // Python switches to exponent notation when the decimal point would sit outside (-4, 16].
  private static final int MIN_FIXED_DECIMAL_POINT = -3;
  private static final int MAX_FIXED_DECIMAL_POINT = 16;

  private PythonFloats() {}

  /** The Python {@code repr} of a finite double. */
  static String repr(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Cannot format a JSON number: the value must be finite (got " + value + ")");
    }
    if (value == 0.0) {
      return (1.0 / value < 0) ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(value);
    String digits = shortest.unscaledValue().abs().toString();
    // value = 0.<digits> * 10^decimalPoint
    int decimalPoint = digits.length() - shortest.scale();
    String sign = value < 0 ? "-" : "";
    if (decimalPoint < MIN_FIXED_DECIMAL_POINT || decimalPoint > MAX_FIXED_DECIMAL_POINT) {
      return sign + exponent(digits, decimalPoint - 1);
    }
    return sign + fixed(digits, decimalPoint);
  }

  /**
   * The shortest decimal that reads back as {@code value}. Java's algorithm never returns fewer than two digits
   * (it prints 4.9E-324 where Python prints 5e-324), so a one-digit rounding is tried when it gave two.
   */
  private static BigDecimal shortest(double value) {
    BigDecimal javaShortest = new BigDecimal(NumberOutput.toString(value, true)).stripTrailingZeros();
    if (javaShortest.precision() == 2) {
      BigDecimal oneDigit = new BigDecimal(value).round(new MathContext(1, RoundingMode.HALF_EVEN));
      if (oneDigit.doubleValue() == value) {
        return oneDigit.stripTrailingZeros();
      }
    }
    return javaShortest;
  }

  private static String exponent(String digits, int exponent) {
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String magnitude = Integer.toString(Math.abs(exponent));
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.length() < 2 ? "0" : "") + magnitude;
  }

  private static String fixed(String digits, int decimalPoint) {
    if (decimalPoint <= 0) {
      return "0." + "0".repeat(-decimalPoint) + digits;
    }
    if (decimalPoint >= digits.length()) {
      return digits + "0".repeat(decimalPoint - digits.length()) + ".0";
    }
    return digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
  }
}
