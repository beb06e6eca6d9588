package org.unime.udfs.judge;

import java.util.List;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelCache;
import org.unime.udfs.torchscript.TorchScriptArtifacts;

/**
 * Opens judges by artifact URI, once per JVM: the executor-side entry point. The artifact's architecture type picks
 * the implementation: the built-in {@link MiniJudge} ({@value MiniJudgeConfig#TYPE}) or an imported TorchScript VLM
 * ({@value TorchScriptArtifacts#TYPE}). The first call in a JVM loads the model on {@code device} through the
 * {@link ModelCache} (keyed by URI and content version); later calls share it. The returned handle's
 * {@code close()} does nothing; {@code ModelCache.clear()} releases the model.
 *
 * <pre>{@code
 * JudgeModel judge = JudgeModels.open(settings.judgeUri(), device, settings.judgeBatchSize());
 * try (PrefixHandle prefix = judge.encodeQuery(query)) {      // per query, inside mapPartitions
 *   float[] scores = judge.scoreCandidates(prefix, candidates);
 * }
 * }</pre>
 */
public final class JudgeModels {
  private JudgeModels() {}

  /** The shared judge at {@code uri}; {@code batchSize} is the number of candidates per forward pass. */
  public static JudgeModel open(String uri, DeviceSpec device, int batchSize) {
    String type = ModelArtifact.open(uri).manifest().architectureValue("type");
    JudgeModel model =
        TorchScriptArtifacts.TYPE.equals(type)
            ? TorchScriptArtifacts.openJudge(uri, device, batchSize)
            : ModelCache.open(uri, MiniJudge.class, artifact -> MiniJudge.load(artifact, device, batchSize));
    return new SharedHandle(model);
  }

  /** A non-closing view of a cached judge. */
  private record SharedHandle(JudgeModel delegate) implements JudgeModel {
    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public String version() {
      return delegate.version();
    }

    @Override
    public PrefixHandle encodeQuery(JudgeItem query) {
      return delegate.encodeQuery(query);
    }

    @Override
    public float[] scoreCandidates(PrefixHandle prefix, List<JudgeItem> candidates) {
      return delegate.scoreCandidates(prefix, candidates);
    }

    @Override
    public List<float[]> scoreQueries(List<QueryCandidates> groups) {
      return delegate.scoreQueries(groups);
    }

    @Override
    public void close() {
      // shared: released by ModelCache.clear()
    }
  }
}
