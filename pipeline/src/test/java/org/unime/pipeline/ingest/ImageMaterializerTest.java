package org.unime.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.pipeline.model.ImageRef;
import org.unime.pipeline.model.RejectReason;

class ImageMaterializerTest {
  private final ImageMaterializer materializer = ImageMaterializer.defaults();

  @TempDir Path dir;

  @Test
  void validPngIsPassedThroughByteForByte() throws Exception {
    Path png = EmojiVendor.GOOGLE.imagePath(TestData.emojiModules(), "1f600.png");
    byte[] out = materializer.toPng(file(png, ImageRef.ImageFormat.PNG));
    assertThat(out).isEqualTo(Files.readAllBytes(png));
  }

  @Test
  void corruptPngIsCorruptImage() throws IOException {
    Path bad = dir.resolve("bad.png");
    Files.write(bad, "definitely not a png".getBytes());
    assertThatThrownBy(() -> materializer.toPng(file(bad, ImageRef.ImageFormat.PNG)))
        .isInstanceOfSatisfying(RejectException.class, e -> {
          assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT_IMAGE);
          assertThat(e.detail()).contains(bad.toString());
        });
  }

  @Test
  void truncatedPngIsCorruptImage() throws IOException {
    byte[] real = Files.readAllBytes(EmojiVendor.GOOGLE.imagePath(TestData.emojiModules(), "1f600.png"));
    Path cut = dir.resolve("cut.png");
    Files.write(cut, Arrays.copyOf(real, real.length / 2));
    assertThatThrownBy(() -> materializer.toPng(file(cut, ImageRef.ImageFormat.PNG)))
        .isInstanceOfSatisfying(RejectException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT_IMAGE));
  }

  @Test
  void emptyFileIsCorruptAndAbsentFileIsMissing() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.png"));
    assertThatThrownBy(() -> materializer.toPng(file(empty, ImageRef.ImageFormat.PNG)))
        .isInstanceOfSatisfying(RejectException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT_IMAGE));
    Path absent = dir.resolve("absent.svg");
    assertThatThrownBy(() -> materializer.toPng(file(absent, ImageRef.ImageFormat.SVG)))
        .isInstanceOfSatisfying(RejectException.class, e -> {
          assertThat(e.reason()).isEqualTo(RejectReason.MISSING_IMAGE);
          assertThat(e.toReject("tabler", "tabler:outline:x:image").detail()).contains("absent.svg");
        });
  }

  @Test
  void tablerOutlineSvgRendersToA64PixelInkedPng() throws Exception {
    Path svg = TestData.nodeModules("@tabler/icons").resolve("@tabler/icons/icons/outline/accessible-off.svg");
    BufferedImage image = decode(materializer.toPng(file(svg, ImageRef.ImageFormat.SVG)));
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(64);
    assertThat(darkPixels(image)).as("dark pixels").isGreaterThan(100);
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).as("background").isEqualTo(0xFFFFFF);
  }

  @Test
  void mdiSvgRendersAtAConfiguredSize() throws Exception {
    Path svg = TestData.nodeModules("@mdi/svg").resolve("@mdi/svg/svg/account.svg");
    BufferedImage image = decode(new ImageMaterializer(32).toPng(file(svg, ImageRef.ImageFormat.SVG)));
    assertThat(image.getWidth()).isEqualTo(32);
    assertThat(darkPixels(image)).isGreaterThan(50);
  }

  @Test
  void malformedSvgIsCorruptImage() throws IOException {
    Path svg = dir.resolve("broken.svg");
    Files.writeString(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0");
    assertThatThrownBy(() -> materializer.toPng(file(svg, ImageRef.ImageFormat.SVG)))
        .isInstanceOfSatisfying(RejectException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT_IMAGE));
  }

  @Test
  void grayPixelsBecomeAGrayscalePng() throws Exception {
    byte[] pixels = new byte[28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i % 256);
    }
    BufferedImage image = decode(materializer.toPng(new ImageRef.GrayPixels(28, 28, pixels)));
    assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(image.getRaster().getSample(27, 0, 0)).isEqualTo(27);
    assertThat(image.getRaster().getSample(3, 10, 0)).isEqualTo((10 * 28 + 3) % 256);
  }

  @Test
  void jpegIsReencodedAsPng() throws Exception {
    BufferedImage rgb = new BufferedImage(10, 6, BufferedImage.TYPE_INT_RGB);
    Path jpeg = dir.resolve("x.jpg");
    assertThat(ImageIO.write(rgb, "jpeg", jpeg.toFile())).isTrue();
    byte[] png = materializer.toPng(file(jpeg, ImageRef.ImageFormat.JPEG));
    assertThat(PngCodec.isPng(png)).isTrue();
    assertThat(decode(png).getWidth()).isEqualTo(10);
  }

  @Test
  void isSerializableAndGivesTheSameBytesFromManyThreads() throws Exception {
    ImageMaterializer copy = roundTrip(materializer);
    assertThat(copy.svgSize()).isEqualTo(64);
    Path svg = TestData.nodeModules("@tabler/icons").resolve("@tabler/icons/icons/filled/accessible.svg");
    byte[] expected = materializer.toPng(file(svg, ImageRef.ImageFormat.SVG));
    List<byte[]> results = IntStream.range(0, 16).parallel().mapToObj(i -> {
      try {
        return copy.toPng(file(svg, ImageRef.ImageFormat.SVG));
      } catch (RejectException e) {
        throw new AssertionError(e);
      }
    }).toList();
    assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(expected));
  }

  @Test
  void sizeOutsideRangeIsRefused() {
    assertThatThrownBy(() -> new ImageMaterializer(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build an image materializer: SVG size must be in 1..4096 pixels (got 0)");
  }

  private static ImageRef.File file(Path path, ImageRef.ImageFormat format) {
    return new ImageRef.File(path.toString(), format);
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    assertThat(PngCodec.isPng(png)).isTrue();
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  private static int darkPixels(BufferedImage image) {
    int dark = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int luma = (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
        dark += luma < 96 ? 1 : 0;
      }
    }
    return dark;
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
