package org.unime.udfs.torchscript;

import java.util.List;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.model.ModelException;

/** The one failure message of this package: model, batch size and first row id. */
final class TorchScriptErrors {
  private TorchScriptErrors() {}

  static ModelException forBatch(String what, String modelId, List<JudgeItem> batch, RuntimeException cause) {
    return forBatch(what, modelId, batch.size(), batch.isEmpty() ? "none" : String.valueOf(batch.get(0).id()), cause);
  }

  static ModelException forBatch(String what, String modelId, int size, String firstId, RuntimeException cause) {
    return ModelException.batchFailed("torchscript:" + modelId, what, size, firstId, cause);
  }
}
