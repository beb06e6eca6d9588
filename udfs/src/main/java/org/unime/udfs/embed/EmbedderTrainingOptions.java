package org.unime.udfs.embed;

import java.io.Serializable;
import org.unime.udfs.train.TrainingConfig;

/**
 * How the built-in embedder is pretrained (stage 1): the network shape, the InfoNCE temperature and the loop's
 * hyper-parameters. Built on the driver from {@code unime.models.embedder.*}.
 *
 * @param architecture network shape
 * @param temperature InfoNCE temperature τ (logits are cosine / τ)
 * @param training batch size, steps, learning rate, schedule, clipping and seed
 * @param augmentImages whether training images are shifted and colour-jittered ({@link ImageAugmenter})
 */
public record EmbedderTrainingOptions(
    EmbedderArchitecture architecture, double temperature, TrainingConfig training, boolean augmentImages)
    implements Serializable {

  /** Options without image augmentation. */
  public EmbedderTrainingOptions(EmbedderArchitecture architecture, double temperature, TrainingConfig training) {
    this(architecture, temperature, training, false);
  }

  public EmbedderTrainingOptions {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException(
          "Cannot train the embedder: the temperature must be finite and > 0 (got " + temperature + ")");
    }
  }
}
