package org.unime.udfs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed statistics, bar charts and the seed read back from a training run's manifest. */
class ReportPiecesTest {
  @TempDir Path dir;

  @Test
  void seedStatsUseTheSampleStandardDeviation() {
    SeedStats s = SeedStats.of(List.of(0.60, 0.62, 0.64));

    assertThat(s.mean()).isCloseTo(0.62, within(1e-12));
    assertThat(s.std()).isCloseTo(0.02, within(1e-12));
    assertThat(s.percent()).isEqualTo("62.0 ± 2.0");
    assertThat(SeedStats.of(List.of(0.5)).std()).isZero();
  }

  @Test
  void barChartIsAReadablePngThatGrowsWithTheBars() throws Exception {
    Path png = dir.resolve("chart.png");
    List<String> categories = List.of("i2t/emoji/eval-unseen-concept", "cls/fashion-mnist/test", "overall");
    BarChart.write(png, "P@1", "fraction", categories, List.of(
        new BarChart.Series("stage-1", new double[] {0.2, 0.78, Double.NaN}, null),
        new BarChart.Series("unime-v2", new double[] {0.25, 0.7, 0.5}, new double[] {0.01, 0.02, 0.03})));

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isGreaterThanOrEqualTo(720);
    assertThat(image.getHeight()).isEqualTo(520);
    assertThat(image.getRGB(5, 5)).isEqualTo(0xFFFFFFFF);
  }

  @Test
  void theSeedComesFromTheRunThatProducedThisVersion() throws Exception {
    Files.writeString(dir.resolve("run.json"), """
        {"runId": "r", "loss": "unime-v2", "fingerprint": "loss=unime-v2,tau=0.02,seed=43,base=x,tables={}",
         "output": {"uri": "m", "version": "abc"}}
        """);

    assertThat(ModelRef.seedOf(dir, "abc")).isEqualTo(43L);
    assertThat(ModelRef.seedOf(dir, "other")).as("another run's model").isNull();
    assertThat(ModelRef.seedOf(dir.resolve("missing"), "abc")).isNull();
  }
}
