package org.unime.udfs.retrieval;

import org.unime.pipeline.mining.JavaSimilarityKernel;
import org.unime.pipeline.mining.SimilarityKernel;

/** Which matrix-product kernel scores block pairs; serializable so executors build their own instance. */
public enum KernelChoice {
  /** Pure-Java tiled loops: the bit-exact reference. */
  JAVA {
    @Override
    SimilarityKernel create() {
      return new JavaSimilarityKernel();
    }
  },
  /** libtorch sgemm through DJL's PyTorch engine. */
  DJL {
    @Override
    SimilarityKernel create() {
      return new DjlSimilarityKernel();
    }
  };

  abstract SimilarityKernel create();
}
