package org.unime.pipeline.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Pins the fallback's randomness to published reference values, so it cannot drift between JVMs or versions. */
class StableRandomTest {

  @Test
  void splitMix64MatchesTheReferenceStream() {
    // First outputs of Vigna's splitmix64.c seeded with 0.
    SplitMix64 random = new SplitMix64(0L);

    assertThat(random.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(random.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    assertThat(random.nextLong()).isEqualTo(0x06C45D188009454FL);
  }

  @Test
  void fnv1aMatchesTheReferenceVectors() {
    assertThat(StableSeed.fnv1a(StableSeed.FNV_OFFSET_BASIS, bytes(""))).isEqualTo(0xCBF29CE484222325L);
    assertThat(StableSeed.fnv1a(StableSeed.FNV_OFFSET_BASIS, bytes("a"))).isEqualTo(0xAF63DC4C8601EC8CL);
    assertThat(StableSeed.fnv1a(StableSeed.FNV_OFFSET_BASIS, bytes("foobar"))).isEqualTo(0x85944171F73967E8L);
  }

  @Test
  void seedsDependOnBothGlobalSeedAndKey() {
    assertThat(StableSeed.forKey(42L, "q-1")).isEqualTo(StableSeed.forKey(42L, "q-1"));
    assertThat(StableSeed.forKey(42L, "q-1")).isNotEqualTo(StableSeed.forKey(42L, "q-2"));
    assertThat(StableSeed.forKey(42L, "q-1")).isNotEqualTo(StableSeed.forKey(43L, "q-1"));
    assertThat(StableSeed.forKey(42L, "é")).isNotEqualTo(StableSeed.forKey(42L, "e")); // UTF-8, not ASCII-folded
  }

  @Test
  void boundedDrawsStayInRangeAndCoverItEvenly() {
    SplitMix64 random = new SplitMix64(123L);
    int[] counts = new int[7];
    for (int i = 0; i < 70_000; i++) {
      counts[random.nextInt(7)]++;
    }

    for (int count : counts) {
      assertThat(count).isBetween(9_500, 10_500);
    }

    assertThat(new SplitMix64(5L).nextInt(1)).isZero();
    assertThatThrownBy(() -> new SplitMix64(5L).nextInt(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot draw a random index: bound must be >= 1 (got 0)");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
