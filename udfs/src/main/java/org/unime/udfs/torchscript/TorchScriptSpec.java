package org.unime.udfs.torchscript;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The adapter manifest a user writes next to an exported TorchScript VLM (see docs/torchscript-export.md): which
 * file is the module, which is the tokenizer, how images are preprocessed and laid out as placeholder tokens, how
 * sequences are padded, and the role-specific prompt pieces.
 *
 * <p>Keys are kebab-case; every problem found is reported at once with the manifest's path.
 *
 * @param contract must be {@value #CONTRACT}
 * @param role what the module's output is
 * @param module the TorchScript file, relative to the manifest's folder
 * @param tokenizer the HF {@code tokenizer.json}, relative to the manifest's folder
 * @param paddingSide where pad tokens go; results must not depend on it (the module derives positions from the mask)
 * @param padToken token whose id fills padding
 * @param maxLength longest sequence sent to the module; longer item texts are cut from their end
 * @param image image preprocessing and placeholder layout
 * @param template embedder only: the item layout, with {@code {image}} and {@code {text}} placeholders
 * @param chatPrefix judge only: text before the judge prompt (e.g. the chat template's system and user headers)
 * @param chatSuffix judge only: text after the candidate (e.g. end of user turn plus the assistant header), whose
 *     last position is the first answer position
 * @param yesToken judge only: its first token id is the "Yes" logit
 * @param noToken judge only: its first token id is the "No" logit
 */
public record TorchScriptSpec(
    String contract,
    Role role,
    String module,
    String tokenizer,
    PaddingSide paddingSide,
    String padToken,
    int maxLength,
    ImageSpec image,
    String template,
    String chatPrefix,
    String chatSuffix,
    String yesToken,
    String noToken) {

  public static final String CONTRACT = "unime-torchscript-v1";

  /** What the exported module returns. */
  public enum Role {
    /** Hidden states {@code [B, T, D]}; pooled at the last non-pad token and L2-normalised. */
    EMBEDDER,
    /** Logits {@code [B, T, V]}; read at the last non-pad token for the Yes/No ids. */
    JUDGE
  }

  /** Which side pad tokens go on. */
  public enum PaddingSide {
    LEFT,
    RIGHT
  }

  /**
   * @param size images are resized to {@code size x size}
   * @param mean per-channel mean after scaling to [0, 1]
   * @param std per-channel std
   * @param token placeholder token the module replaces with image features
   * @param tokensPerImage how many placeholders one image takes (fixed, since every image has the same size)
   * @param prefix text put before the placeholders (e.g. {@code <|vision_start|>}), may be empty
   * @param suffix text put after the placeholders (e.g. {@code <|vision_end|>}), may be empty
   */
  public record ImageSpec(
      int size, float[] mean, float[] std, String token, int tokensPerImage, String prefix, String suffix) {}

  /** Reads and validates a manifest file. */
  public static TorchScriptSpec read(Path manifest) throws IOException {
    JsonObject json;
    try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      json = JsonParser.parseReader(reader).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IOException("Cannot parse TorchScript manifest " + manifest + ": " + e.getMessage(), e);
    }
    Fields f = new Fields(json);
    Role role = f.enumValue("role", Role.class);
    JsonObject img = json.has("image") ? json.getAsJsonObject("image") : new JsonObject();
    Fields fi = new Fields(img, "image.", f.problems);
    ImageSpec image =
        new ImageSpec(fi.integer("size"), fi.floats("mean"), fi.floats("std"), fi.string("token"),
            fi.integer("tokens-per-image"), fi.optString("prefix"), fi.optString("suffix"));
    boolean judge = role == Role.JUDGE;
    TorchScriptSpec spec =
        new TorchScriptSpec(f.string("contract"), role, f.string("module"), f.string("tokenizer"),
            f.enumValue("padding-side", PaddingSide.class), f.string("pad-token"), f.integer("max-length"), image,
            judge ? f.optString("template") : f.string("template"),
            judge ? f.string("chat-prefix") : f.optString("chat-prefix"),
            judge ? f.string("chat-suffix") : f.optString("chat-suffix"),
            judge ? f.string("yes-token") : f.optString("yes-token"),
            judge ? f.string("no-token") : f.optString("no-token"));
    spec.validate(f.problems);
    if (!f.problems.isEmpty()) {
      throw new IOException("Cannot load TorchScript manifest " + manifest + ": " + String.join("; ", f.problems));
    }
    return spec;
  }

  private void validate(List<String> problems) {
    if (contract != null && !CONTRACT.equals(contract)) {
      problems.add("contract must be " + CONTRACT + " (got " + contract + ")");
    }
    if (maxLength < 1) {
      problems.add("max-length must be >= 1 (got " + maxLength + ")");
    }
    if (image.size() < 1 || image.tokensPerImage() < 1) {
      problems.add("image.size and image.tokens-per-image must be >= 1 (got " + image.size() + ", "
          + image.tokensPerImage() + ")");
    }
    if (image.mean().length != 3 || image.std().length != 3) {
      problems.add("image.mean and image.std need 3 values (got " + image.mean().length + ", " + image.std().length
          + ")");
    }
    if (role == Role.EMBEDDER && template != null && !template.contains("{text}") && !template.contains("{image}")) {
      problems.add("template must contain {text} and/or {image} (got \"" + template + "\")");
    }
  }

  /** Reads fields and collects every problem instead of failing on the first. */
  private static final class Fields {
    final JsonObject json;
    final String prefix;
    final List<String> problems;

    Fields(JsonObject json) {
      this(json, "", new ArrayList<>());
    }

    Fields(JsonObject json, String prefix, List<String> problems) {
      this.json = json;
      this.prefix = prefix;
      this.problems = problems;
    }

    private JsonElement required(String key) {
      JsonElement e = json.get(key);
      if (e == null || e.isJsonNull()) {
        problems.add("missing key " + prefix + key);
        return null;
      }
      return e;
    }

    String string(String key) {
      JsonElement e = required(key);
      return e == null ? null : e.getAsString();
    }

    String optString(String key) {
      JsonElement e = json.get(key);
      return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    int integer(String key) {
      JsonElement e = required(key);
      try {
        return e == null ? 0 : e.getAsInt();
      } catch (RuntimeException ex) {
        problems.add(prefix + key + " must be an integer (got " + e + ")");
        return 0;
      }
    }

    float[] floats(String key) {
      JsonElement e = required(key);
      if (e == null || !e.isJsonArray()) {
        if (e != null) {
          problems.add(prefix + key + " must be an array of numbers (got " + e + ")");
        }
        return new float[0];
      }
      JsonArray a = e.getAsJsonArray();
      float[] out = new float[a.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = a.get(i).getAsFloat();
      }
      return out;
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
      String raw = string(key);
      if (raw == null) {
        return null;
      }
      try {
        return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        List<String> allowed = new ArrayList<>();
        for (E v : type.getEnumConstants()) {
          allowed.add(v.name().toLowerCase(Locale.ROOT));
        }
        problems.add(prefix + key + " must be one of " + allowed + " (got " + raw + ")");
        return null;
      }
    }
  }
}
