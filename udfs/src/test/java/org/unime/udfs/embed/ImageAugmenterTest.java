package org.unime.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageAugmenterTest {

  @Test
  void isDeterministicPerSeedKeepsTheShapeAndLeavesTheInputAlone() {
    byte[] pixels = new byte[3 * 32 * 32];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 31);
    }
    byte[] copy = pixels.clone();
    ImageAugmenter augmenter = new ImageAugmenter(32);

    byte[] a = augmenter.augment(pixels, new SplittableRandom(5));
    byte[] b = augmenter.augment(pixels, new SplittableRandom(5));
    byte[] c = augmenter.augment(pixels, new SplittableRandom(6));

    assertThat(a).hasSize(pixels.length).isEqualTo(b).isNotEqualTo(c);
    assertThat(pixels).isEqualTo(copy);
  }
}
