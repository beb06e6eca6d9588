package org.unime.pipeline.ingest;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.renderer.NullPlatformSupport;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import org.unime.pipeline.model.RejectReason;

/**
 * Renders SVG bytes with jsvg onto a white square. Icons draw with {@code currentColor}; jsvg resolves it to black
 * when no AWT component supplies a foreground, which is the ink colour we want.
 *
 * <p>Stateless; a fresh {@link SVGLoader} is made per call because jsvg does not document its loader as
 * thread-safe and executors render from several task threads at once.
 */
final class SvgRasterizer {
  private final int size;

  SvgRasterizer(int size) {
    this.size = size;
  }

  BufferedImage render(byte[] svg, Path source) throws RejectException {
    SVGDocument document = load(svg, source);
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size, size);
      g.setColor(Color.BLACK);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      // The view box scales the document's own viewBox to our square, keeping its aspect ratio (centred).
      document.renderWithPlatform(NullPlatformSupport.INSTANCE, g, new ViewBox(0, 0, size, size));
    } catch (RuntimeException e) {
      throw new RejectException(RejectReason.CORRUPT_IMAGE, "Cannot render SVG " + source + ": " + e, e);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static SVGDocument load(byte[] svg, Path source) throws RejectException {
    SVGDocument document;
    try (InputStream in = new ByteArrayInputStream(svg)) {
      document = new SVGLoader().load(in, source.toUri(), LoaderContext.createDefault());
    } catch (Exception e) {
      throw new RejectException(RejectReason.CORRUPT_IMAGE, "Cannot parse SVG " + source + ": " + e, e);
    }
    if (document == null) {
      // jsvg logs the parse error and returns null rather than throwing.
      throw new RejectException(
          RejectReason.CORRUPT_IMAGE, "Cannot parse SVG " + source + ": not a valid SVG document");
    }
    return document;
  }
}
