package org.unime.udfs.judge;

/**
 * The encoded query side of a judge prompt (instruction, query image and query text), kept so that every candidate
 * of that query reuses it instead of encoding it again.
 *
 * <p>What is kept depends on the model: the built-in mini-MLLM keeps each layer's attention keys and values (a KV
 * prefix cache); the TorchScript adapter keeps the tokenised prefix and the preprocessed image. A handle belongs to
 * the {@link JudgeModel} that made it and may only be passed back to that model.
 *
 * <p>Lifecycle: created by {@link JudgeModel#encodeQuery}, closed by the caller (try-with-resources), which frees
 * native memory. Not thread-safe: use a handle from one thread at a time.
 */
public interface PrefixHandle extends AutoCloseable {

  /** The query this prefix encodes. */
  JudgeItem query();

  /** Number of sequence positions the prefix occupies (instruction, image tokens, text tokens). */
  int length();

  /** Frees the cached state; idempotent. */
  @Override
  void close();
}
