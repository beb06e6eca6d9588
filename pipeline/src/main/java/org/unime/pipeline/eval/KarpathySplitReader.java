package org.unime.pipeline.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one split of a Karpathy-split file ({@code dataset_flickr30k.json}, {@code dataset_coco.json}):
 * {@code {"images": [{"filename", "filepath"?, "split", "sentences": [{"raw"}, ...]}, ...]}}. Images stream one at
 * a time; other top-level keys and other image keys are skipped.
 *
 * <p>Spec §7 sizes: Flickr30K test is 1K images / 5K captions; COCO test is 5K / 25K using the first 5 captions of
 * each image ({@link Builder#withMaxCaptionsPerImage}). An image of the split with no caption, a repeated image
 * name, a missing field, or a split with no image fails the read with an {@link EvalFormatException} naming the
 * image's position and line. Immutable and thread-safe.
 */
public final class KarpathySplitReader {
  private static final String WHAT = "Karpathy-split image";

  private final String split;
  private final int maxCaptionsPerImage;

  private KarpathySplitReader(String split, int maxCaptionsPerImage) {
    this.split = split;
    this.maxCaptionsPerImage = maxCaptionsPerImage;
  }

  /** A reader of the given split ({@code train}, {@code val}, {@code test}, {@code restval}), all captions kept. */
  public static Builder forSplit(String split) {
    return new Builder(split);
  }

  public CaptionCorpus read(Path file) throws IOException {
    EvalJson json = new EvalJson(WHAT, file);
    try (JsonParser parser = json.open()) {
      String start = "the start of " + json.fileName();
      if (json.next(parser, start) != JsonToken.START_OBJECT) {
        throw json.error(start, "expected a JSON object with an \"images\" array (got " + parser.currentToken()
            + ")");
      }
      Collector collector = new Collector();
      boolean sawImages = false;
      while (json.next(parser, start) == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken value = json.next(parser, "key \"" + key + "\" of " + json.fileName());
        if (key.equals("images")) {
          readImages(json, parser, value, collector);
          sawImages = true;
        } else {
          parser.skipChildren();
        }
      }
      if (!sawImages) {
        throw json.error(json.fileName(), "the top-level object has no \"images\" array (got none)");
      }
      return collector.build(json);
    }
  }

  private void readImages(EvalJson json, JsonParser parser, JsonToken value, Collector collector)
      throws IOException {
    if (value != JsonToken.START_ARRAY) {
      throw json.error("key \"images\" of " + json.fileName(), "expected an array (got " + value + ")");
    }
    int index = 0;
    JsonToken token;
    while ((token = json.next(parser, "image " + index + " of " + json.fileName())) != JsonToken.END_ARRAY) {
      String where = "image " + index + " (line " + json.line(parser) + " of " + json.fileName() + ")";
      if (token != JsonToken.START_OBJECT) {
        throw json.error(where, "expected a JSON object (got " + token + ")");
      }
      collector.add(json, json.tree(parser, where), where);
      index++;
    }
  }

  /** Accumulates the chosen split's images and captions. */
  private final class Collector {
    private final List<String> images = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();
    private final List<Integer> captionImage = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> splitsSeen = new TreeSet<>();

    void add(EvalJson json, JsonNode image, String where) throws EvalFormatException {
      String imageSplit = json.text(image, "split", where);
      splitsSeen.add(imageSplit);
      if (!imageSplit.equals(split)) {
        return;
      }
      String filename = json.text(image, "filename", where);
      String filepath = json.optionalText(image, "filepath", where);
      String name = filepath.isEmpty() ? filename : filepath + "/" + filename;
      if (!names.add(name)) {
        throw json.error(where, "image " + name + " appears twice in split " + split + " (got " + name + ")");
      }
      JsonNode sentences = image.get("sentences");
      if (sentences == null || !sentences.isArray() || sentences.isEmpty()) {
        throw json.error(where, "image " + name + " needs a non-empty \"sentences\" array (got "
            + (sentences == null ? "none" : sentences.getNodeType() + " of size " + sentences.size()) + ")");
      }
      int imageIndex = images.size();
      images.add(name);
      int kept = Math.min(sentences.size(), maxCaptionsPerImage);
      for (int s = 0; s < kept; s++) {
        JsonNode sentence = sentences.get(s);
        if (!sentence.isObject()) {
          throw json.error(where, "sentence " + s + " must be an object (got " + sentence.getNodeType() + ")");
        }
        captions.add(json.text(sentence, "raw", where + ", sentence " + s));
        captionImage.add(imageIndex);
      }
    }

    CaptionCorpus build(EvalJson json) throws EvalFormatException {
      if (images.isEmpty()) {
        throw json.error(json.fileName(), "no image is in split " + split + " (got splits " + splitsSeen + ")");
      }
      return new CaptionCorpus(split, images, captions, captionImage.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  /** Split required up front; the caption cap is optional. */
  public static final class Builder {
    private final String split;
    private int maxCaptionsPerImage = Integer.MAX_VALUE;

    private Builder(String split) {
      this.split = Objects.requireNonNull(split, "split");
    }

    /** Keep only each image's first {@code max} captions (COCO: 5). */
    public Builder withMaxCaptionsPerImage(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("Cannot cap captions per image: the cap must be at least 1 (got " + max
            + ")");
      }
      this.maxCaptionsPerImage = max;
      return this;
    }

    public KarpathySplitReader build() {
      return new KarpathySplitReader(split, maxCaptionsPerImage);
    }
  }
}
