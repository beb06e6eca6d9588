package org.unime.conf;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.unime.pipeline.ingest.HoldoutPolicy;

/**
 * What the ingest job reads and how. Built once on the driver; only plain values, so it is cheap to ship.
 *
 * @param sources datasets to ingest, in order
 * @param rowsPerPartition source rows per Spark partition for image materialisation
 * @param maxTextChars longest text accepted
 * @param holdout which concepts are withheld from training
 */
public record IngestSettings(
    List<SourceName> sources,
    int rowsPerPartition,
    int maxTextChars,
    HoldoutPolicy holdout,
    Emoji emoji,
    Icons icons,
    FashionMnist fashionMnist,
    ExternalRows referenceJson,
    ExternalRows mmebTrain)
    implements Serializable {

  public IngestSettings {
    sources = List.copyOf(sources);
  }

  /** Emoji images (two vendors) and their CLDR labels. */
  public record Emoji(
      String npmDir,
      String trainVendor,
      String unseenVendor,
      int maxConcepts,
      String imageQueryInstruction,
      String textQueryInstruction)
      implements Serializable {}

  /** Tabler and Material Design icon sets, rasterised from SVG. */
  public record Icons(
      String npmDir,
      int rasterSize,
      int tablerMaxConcepts,
      List<String> tablerStyles,
      int mdiMaxConcepts,
      String imageQueryInstruction,
      String textQueryInstruction)
      implements Serializable {
    public Icons {
      tablerStyles = List.copyOf(tablerStyles);
    }
  }

  /** Fashion-MNIST as MMEB-style classification-as-retrieval. */
  public record FashionMnist(String dir, int maxTrain, int maxTest, String instruction) implements Serializable {}

  /**
   * Rows users bring in a public format (the reference mined JSON, MMEB-train JSON Lines).
   *
   * @param path input file, empty when not configured
   * @param imageRoot folder relative image paths resolve against, empty when there is none
   * @param maxRows first N rows, 0 = all
   */
  public record ExternalRows(String path, String imageRoot, int maxRows) implements Serializable {
    public boolean configured() {
      return !path.isEmpty();
    }
  }

  static IngestSettings from(ConfigReader r) {
    List<SourceName> sources = sources(r);
    HoldoutPolicy holdout =
        new HoldoutPolicy(
            r.doubleIn("unime.ingest.holdout.unseen-concept-fraction", 0.0, 1.0),
            r.string("unime.ingest.holdout.salt"));
    Emoji emoji =
        new Emoji(
            r.string("unime.ingest.emoji.npm-dir"),
            r.string("unime.ingest.emoji.train-vendor"),
            r.string("unime.ingest.emoji.unseen-vendor"),
            r.intAtLeast("unime.ingest.emoji.max-concepts", 0),
            r.string("unime.ingest.emoji.image-query-instruction"),
            r.string("unime.ingest.emoji.text-query-instruction"));
    checkVendors(r, emoji);
    Icons icons =
        new Icons(
            r.string("unime.ingest.icons.npm-dir"),
            r.intAtLeast("unime.ingest.icons.raster-size", 8),
            r.intAtLeast("unime.ingest.icons.tabler.max-concepts", 0),
            r.stringList("unime.ingest.icons.tabler.styles"),
            r.intAtLeast("unime.ingest.icons.mdi.max-concepts", 0),
            r.string("unime.ingest.icons.image-query-instruction"),
            r.string("unime.ingest.icons.text-query-instruction"));
    checkStyles(r, icons);
    FashionMnist fashion =
        new FashionMnist(
            r.string("unime.ingest.fashion-mnist.dir"),
            r.intAtLeast("unime.ingest.fashion-mnist.max-train", 0),
            r.intAtLeast("unime.ingest.fashion-mnist.max-test", 0),
            r.string("unime.ingest.fashion-mnist.instruction"));
    ExternalRows reference =
        new ExternalRows(
            r.optionalString("unime.ingest.reference-json.path"),
            r.optionalString("unime.ingest.reference-json.image-root"),
            0);
    ExternalRows mmeb =
        new ExternalRows(
            r.optionalString("unime.ingest.mmeb-train.path"),
            r.optionalString("unime.ingest.mmeb-train.image-root"),
            r.intAtLeast("unime.ingest.mmeb-train.max-rows", 0));
    checkExternal(r, sources, SourceName.REFERENCE_JSON, reference, "unime.ingest.reference-json.path");
    checkExternal(r, sources, SourceName.MMEB_TRAIN, mmeb, "unime.ingest.mmeb-train.path");
    return new IngestSettings(
        sources,
        r.intAtLeast("unime.ingest.rows-per-partition", 1),
        r.intAtLeast("unime.ingest.max-text-chars", 1),
        holdout,
        emoji,
        icons,
        fashion,
        reference,
        mmeb);
  }

  private static List<SourceName> sources(ConfigReader r) {
    List<SourceName> out = new ArrayList<>();
    for (String name : r.stringList("unime.ingest.sources")) {
      SourceName match = null;
      for (SourceName s : SourceName.values()) {
        if (s.wireName().equals(name)) {
          match = s;
        }
      }
      if (match == null) {
        r.problem("unime.ingest.sources", name, "is not a known source; known: " + SourceName.allowed());
      } else if (out.contains(match)) {
        r.problem("unime.ingest.sources", name, "is listed twice");
      } else {
        out.add(match);
      }
    }
    return out;
  }

  private static void checkVendors(ConfigReader r, Emoji emoji) {
    List<String> licensed = List.of("google", "twitter");
    for (String key : List.of("train-vendor", "unseen-vendor")) {
      String vendor = key.equals("train-vendor") ? emoji.trainVendor() : emoji.unseenVendor();
      if (!licensed.contains(vendor)) {
        r.problem("unime.ingest.emoji." + key, vendor, "must be google or twitter (the only openly licensed sets)");
      }
    }
    if (emoji.trainVendor().equals(emoji.unseenVendor())) {
      r.problem("unime.ingest.emoji.unseen-vendor", emoji.unseenVendor(), "must differ from train-vendor");
    }
  }

  private static void checkStyles(ConfigReader r, Icons icons) {
    for (String style : icons.tablerStyles()) {
      if (!style.equals("outline") && !style.equals("filled")) {
        r.problem("unime.ingest.icons.tabler.styles", style, "must be outline or filled");
      }
    }
  }

  private static void checkExternal(
      ConfigReader r, List<SourceName> sources, SourceName name, ExternalRows rows, String key) {
    if (sources.contains(name) && !rows.configured()) {
      r.problem(key, rows.path(), "must name a file because unime.ingest.sources lists " + name.wireName());
    }
  }
}
