package org.unime.udfs.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unime.conf.IngestSettings;
import org.unime.conf.SourceName;
import org.unime.pipeline.ingest.EmojiOptions;
import org.unime.pipeline.ingest.EmojiSourceReader;
import org.unime.pipeline.ingest.EmojiVendor;
import org.unime.pipeline.ingest.FashionMnistOptions;
import org.unime.pipeline.ingest.FashionMnistSourceReader;
import org.unime.pipeline.ingest.IconOptions;
import org.unime.pipeline.ingest.IconSet;
import org.unime.pipeline.ingest.IconSourceReader;
import org.unime.pipeline.ingest.SourceReader;
import org.unime.pipeline.interchange.ImportOptions;
import org.unime.pipeline.interchange.MmebTrainSourceReader;
import org.unime.pipeline.interchange.ReferenceJsonSourceReader;

/** Builds the source readers the ingest settings ask for, in the configured order. */
public final class SourceReaders {
  private SourceReaders() {}

  public static List<SourceReader> from(IngestSettings settings) {
    List<SourceReader> readers = new ArrayList<>();
    for (SourceName source : settings.sources()) {
      readers.add(reader(source, settings));
    }
    return readers;
  }

  private static SourceReader reader(SourceName source, IngestSettings s) {
    return switch (source) {
      case EMOJI -> emoji(s);
      case TABLER -> icons(s, IconSet.TABLER, s.icons().tablerMaxConcepts(), s.icons().tablerStyles());
      case MDI -> icons(s, IconSet.MDI, s.icons().mdiMaxConcepts(), IconSet.MDI.styles());
      case FASHION_MNIST ->
          new FashionMnistSourceReader(
              Path.of(s.fashionMnist().dir()),
              FashionMnistOptions.defaults()
                  .withMaxTrain(s.fashionMnist().maxTrain())
                  .withMaxTest(s.fashionMnist().maxTest())
                  .withInstruction(s.fashionMnist().instruction()));
      case REFERENCE_JSON ->
          external(ReferenceJsonSourceReader.builder(Path.of(s.referenceJson().path())), s.referenceJson());
      case MMEB_TRAIN -> external(MmebTrainSourceReader.builder(Path.of(s.mmebTrain().path())), s.mmebTrain());
    };
  }

  private static SourceReader emoji(IngestSettings s) {
    IngestSettings.Emoji e = s.emoji();
    EmojiOptions options =
        EmojiOptions.builder(s.holdout())
            .withMaxConcepts(e.maxConcepts())
            .withVendors(EmojiVendor.fromWireName(e.trainVendor()), EmojiVendor.fromWireName(e.unseenVendor()))
            .withImageToTextInstruction(e.imageQueryInstruction())
            .withTextToImageInstruction(e.textQueryInstruction())
            .build();
    return new EmojiSourceReader(Path.of(e.npmDir()), options);
  }

  private static SourceReader icons(IngestSettings s, IconSet set, int maxConcepts, List<String> styles) {
    IconOptions options =
        IconOptions.builder(set, s.holdout())
            .withMaxConcepts(maxConcepts)
            .withStyles(styles)
            .withImageToTextInstruction(s.icons().imageQueryInstruction())
            .withTextToImageInstruction(s.icons().textQueryInstruction())
            .build();
    return new IconSourceReader(Path.of(s.icons().npmDir()), options);
  }

  private static <T extends SourceReader> T external(ImportOptions.Builder<T> builder, IngestSettings.ExternalRows rows) {
    if (!rows.imageRoot().isEmpty()) {
      builder.withImageRoot(Path.of(rows.imageRoot()));
    }
    if (rows.maxRows() > 0) {
      builder.withMaxRows(rows.maxRows());
    }
    return builder.build();
  }
}
