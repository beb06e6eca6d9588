package org.unime.udfs.torchscript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.judge.JudgeModel;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelCache;
import org.unime.udfs.model.ModelException;
import org.unime.udfs.model.ModelManifest;

/**
 * Exported VLMs as model artifacts, so they are configured and loaded by URI like the built-in models: {@link
 * #importExport} copies an export (adapter manifest, TorchScript module, tokenizer.json) into an artifact directory
 * with a content-hashed {@code manifest.json}; {@link #openJudge} / {@link #openEmbedder} load it once per JVM
 * through the {@link ModelCache}.
 *
 * <p>The artifact's architecture map records {@code type = torchscript}, the adapter manifest's file name and the
 * role; the three copied files are the "weights" the version hash covers.
 */
public final class TorchScriptArtifacts {
  /** Architecture type of an imported export. */
  public static final String TYPE = "torchscript";

  private TorchScriptArtifacts() {}

  /**
   * Copies the export described by {@code adapterManifest} (see docs/torchscript-export.md) into a new artifact.
   *
   * @param modelId id written to the artifact manifest, e.g. {@code qwen2.5-vl-7b-judge}
   */
  public static ModelArtifact importExport(Path adapterManifest, String artifactUri, String modelId) {
    TorchScriptSpec spec;
    try {
      spec = TorchScriptSpec.read(adapterManifest);
    } catch (IOException e) {
      throw new ModelException("Cannot import TorchScript export " + adapterManifest, e);
    }
    Path dir = adapterManifest.toAbsolutePath().getParent();
    String manifestName = adapterManifest.getFileName().toString();
    Map<String, String> architecture = new LinkedHashMap<>();
    architecture.put("type", TYPE);
    architecture.put("adapter-manifest", manifestName);
    architecture.put("role", spec.role().name().toLowerCase(java.util.Locale.ROOT));
    architecture.put("contract", spec.contract());
    return ModelArtifact.write(
        artifactUri,
        ModelManifest.draft(modelId, architecture, Map.of()),
        target -> {
          for (String file : new String[] {manifestName, spec.module(), spec.tokenizer()}) {
            Path to = target.resolve(file);
            Files.createDirectories(to.getParent());
            Files.copy(dir.resolve(file), to);
          }
        });
  }

  /** The TorchScript judge at {@code uri}, shared per JVM (the cache closes it; callers must not). */
  public static JudgeModel openJudge(String uri, DeviceSpec device, int batchSize) {
    return ModelCache.open(
        uri,
        TorchScriptJudge.class,
        a -> load(a, () -> TorchScriptJudge.load(adapter(a, "judge"), device, batchSize, identity(a))));
  }

  /** The TorchScript embedder at {@code uri}, shared per JVM (the cache closes it; callers must not). */
  public static EmbeddingModel openEmbedder(String uri, DeviceSpec device, int batchSize) {
    return ModelCache.open(
        uri,
        TorchScriptEmbedder.class,
        a -> load(a, () -> TorchScriptEmbedder.load(adapter(a, "embedder"), device, batchSize, identity(a))));
  }

  private static TorchScriptModel.Identity identity(ModelArtifact artifact) {
    return new TorchScriptModel.Identity(artifact.manifest().id(), artifact.manifest().version());
  }

  private static Path adapter(ModelArtifact artifact, String role) {
    ModelManifest m = artifact.manifest();
    if (!TYPE.equals(m.architectureValue("type")) || !role.equals(m.architectureValue("role"))) {
      throw new ModelException(
          "Cannot load model " + m.id() + " as a TorchScript " + role + ": its architecture is "
              + m.architectureValue("type") + "/" + m.architecture().getOrDefault("role", "?"));
    }
    artifact.verify();
    return artifact.file(m.architectureValue("adapter-manifest"));
  }

  /** A loader body that may throw IOException. */
  private interface Loader<T> {
    T load() throws IOException;
  }

  private static <T> T load(ModelArtifact artifact, Loader<T> loader) {
    try {
      return loader.load();
    } catch (IOException e) {
      throw new ModelException(
          "Cannot load TorchScript model " + artifact.manifest().id() + " from " + artifact.uri(), e);
    } catch (UncheckedIOException e) {
      throw new ModelException(
          "Cannot load TorchScript model " + artifact.manifest().id() + " from " + artifact.uri(), e.getCause());
    }
  }
}
