package org.unime.udfs.evaluate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unime.conf.TrainingSettings;
import org.unime.conf.UnimeSettings;
import org.unime.udfs.model.ModelArtifact;

/**
 * An embedding model to evaluate: its artifact URI and how to label it. Loss and seed go into the results table
 * next to the model's id and version; either may be unknown (null).
 *
 * @param label short name in reports, e.g. {@code stage-1}, {@code unime-v2}, {@code unime-v2 seed 43}
 * @param uri artifact folder or {@code file:} URI
 * @param loss the objective it was trained with ({@value #STAGE_1} for the stage-1 embedder), or null
 * @param seed the training seed, or null
 */
public record ModelRef(String label, String uri, String loss, Long seed) {
  /** Loss name recorded for the stage-1 embedder (in-batch InfoNCE pretraining, the VLM2Vec role). */
  public static final String STAGE_1 = "stage-1";

  private static final Pattern SEED = Pattern.compile("(?:^|,)seed=(-?\\d+)(?:,|$)");

  public ModelRef {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(uri, "uri");
  }

  /**
   * The {@code evaluate} command's default: the stage-1 embedder ({@code unime.models.embedder.uri}) and every
   * trained model under {@code unime.training.output-dir/<loss>} that exists.
   */
  public static List<ModelRef> defaults(UnimeSettings settings) {
    List<ModelRef> out = new ArrayList<>();
    out.add(stageOne(settings));
    for (TrainingSettings.Loss loss : TrainingSettings.Loss.values()) {
      Path dir = Path.of(settings.training().outputDir(), loss.wireName());
      if (Files.isRegularFile(dir.resolve(ModelArtifact.MANIFEST))) {
        out.add(of(dir.toString(), settings));
      }
    }
    return out;
  }

  /** The stage-1 embedder of the settings. */
  public static ModelRef stageOne(UnimeSettings settings) {
    return new ModelRef(STAGE_1, settings.models().embedder().uri(), STAGE_1, settings.models().embedder().seed());
  }

  /**
   * A model given by URI: the stage-1 embedder if it is the configured one; a trained model when its folder is named
   * after a loss, with the seed from that loss's {@code run.json} when the run produced this very artifact version.
   */
  public static ModelRef of(String uri, UnimeSettings settings) {
    Path dir = ModelArtifact.localPath(uri).toAbsolutePath().normalize();
    if (dir.equals(ModelArtifact.localPath(settings.models().embedder().uri()).toAbsolutePath().normalize())) {
      return stageOne(settings);
    }
    String name = dir.getFileName().toString();
    boolean isLoss = Arrays.stream(TrainingSettings.Loss.values()).anyMatch(l -> l.wireName().equals(name));
    if (!isLoss) {
      return new ModelRef(name, uri, null, null);
    }
    String version = ModelArtifact.open(uri).manifest().version();
    return new ModelRef(name, uri, name, seedOf(Path.of(settings.training().runDir(), name), version));
  }

  /** The seed in {@code <runDir>/run.json}'s fingerprint if the run's output is {@code version}; else null. */
  static Long seedOf(Path runDir, String version) {
    Path file = runDir.resolve("run.json");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonObject run = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      JsonElement output = run.get("output");
      JsonElement fingerprint = run.get("fingerprint");
      if (output == null || !output.isJsonObject() || fingerprint == null
          || !version.equals(string(output.getAsJsonObject().get("version")))) {
        return null;
      }
      Matcher m = SEED.matcher(fingerprint.getAsString());
      return m.find() ? Long.parseLong(m.group(1)) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String string(JsonElement e) {
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }
}
