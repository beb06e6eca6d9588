package org.unime.udfs.unime;

import org.unime.conf.TrainingSettings.Loss;
import org.unime.udfs.distributed.ReplicaRecipe;
import org.unime.udfs.distributed.ShardedTask;
import org.unime.udfs.embed.EmbedderArchitecture;
import org.unime.udfs.embed.TrainableEmbedder;
import org.unime.udfs.model.DeviceSpec;

/**
 * What an executor needs to build its UniME-V2 replica: the network shape (weights arrive per step), the prepared
 * item inputs, the examples and the loss. Broadcast once per run: its size is dominated by the inputs
 * ({@link TrainableEmbedder.Inputs#byteSize()}).
 *
 * @param architecture the embedder's shape
 * @param device where the replica runs
 * @param inputs prepared item inputs
 * @param examples the training examples
 * @param loss the objective
 * @param temperature τ
 */
public record UnimeReplicaRecipe(
    EmbedderArchitecture architecture,
    DeviceSpec device,
    TrainableEmbedder.Inputs inputs,
    ExampleSet examples,
    Loss loss,
    double temperature)
    implements ReplicaRecipe {

  @Override
  public ShardedTask build() {
    return new UnimeTask(TrainableEmbedder.create(architecture, device), inputs, examples, loss, temperature);
  }
}
