package org.unime.udfs.embed;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.unime.udfs.model.ModelException;
import org.unime.udfs.model.ModelManifest;

/**
 * The shape of the built-in embedder, stored in its artifact manifest so the network can be rebuilt before the
 * weights are loaded.
 *
 * <pre>
 *   image  [3, s, s] → 3 × (conv3x3 → ReLU → maxpool2) with channels c1, c2, c3 → flatten → Linear(imageHidden) → ReLU
 *          → Linear(dimension)
 *   text   MiniLM (frozen, 384) → Linear(textHidden) → ReLU → Linear(dimension)
 *   image + text (a query's instruction) = image part + Linear(dimension)(MiniLM(text))
 *   every vector is L2-normalised at the end
 * </pre>
 *
 * @param dimension output vector length
 * @param imageSize side of the square image input, pixels (divisible by 8)
 * @param channels1 first conv block's channels
 * @param channels2 second conv block's channels
 * @param channels3 third conv block's channels
 * @param imageHidden hidden width of the image head
 * @param textHidden hidden width of the text head
 */
public record EmbedderArchitecture(
    int dimension, int imageSize, int channels1, int channels2, int channels3, int imageHidden, int textHidden)
    implements Serializable {

  static final String TYPE = "builtin-embedder/cnn-minilm-v1";

  public EmbedderArchitecture {
    if (dimension < 2 || imageSize < 8 || imageSize % 8 != 0 || channels1 < 1 || channels2 < 1 || channels3 < 1
        || imageHidden < 1 || textHidden < 1) {
      throw new IllegalArgumentException(
          "Cannot build the embedder: need dimension >= 2, an image size divisible by 8 and positive widths (got "
              + this + ")");
    }
  }

  /** The defaults used by the {@code models} job for a given output dimension and image size. */
  public static EmbedderArchitecture standard(int dimension, int imageSize) {
    return new EmbedderArchitecture(dimension, imageSize, 16, 32, 64, 256, 256);
  }

  /** The manifest form; {@code textTowerSha256} pins the exact ONNX file of the frozen text tower. */
  Map<String, String> toMap(String textTowerSha256) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("type", TYPE);
    map.put("dimension", Integer.toString(dimension));
    map.put("image-size", Integer.toString(imageSize));
    map.put("conv-channels", channels1 + "," + channels2 + "," + channels3);
    map.put("image-hidden", Integer.toString(imageHidden));
    map.put("text-hidden", Integer.toString(textHidden));
    map.put("text-tower", MiniLmEncoder.NAME);
    map.put("text-tower-sha256", textTowerSha256);
    map.put("text-max-tokens", Integer.toString(MiniLmEncoder.MAX_TOKENS));
    map.put("pooling", "mean");
    map.put("fusion", "sum-then-l2");
    return map;
  }

  static EmbedderArchitecture fromManifest(ModelManifest manifest) {
    String type = manifest.architectureValue("type");
    if (!TYPE.equals(type)) {
      throw new ModelException(
          "Cannot load model " + manifest.id() + " as the built-in embedder: its type is " + type + ", expected "
              + TYPE);
    }
    String[] channels = manifest.architectureValue("conv-channels").split(",");
    try {
      return new EmbedderArchitecture(
          Integer.parseInt(manifest.architectureValue("dimension")),
          Integer.parseInt(manifest.architectureValue("image-size")),
          Integer.parseInt(channels[0].trim()),
          Integer.parseInt(channels[1].trim()),
          Integer.parseInt(channels[2].trim()),
          Integer.parseInt(manifest.architectureValue("image-hidden")),
          Integer.parseInt(manifest.architectureValue("text-hidden")));
    } catch (RuntimeException e) {
      throw new ModelException("Cannot read the architecture of model " + manifest.id() + ": " + manifest.architecture(), e);
    }
  }
}
