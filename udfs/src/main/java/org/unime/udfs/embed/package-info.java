/**
 * Embedding models: the {@link org.unime.udfs.embed.EmbeddingModel} contract, the
 * {@link org.unime.udfs.embed.BuiltInEmbedder} (frozen all-MiniLM-L6-v2 text tower on ONNX Runtime, a small CNN
 * image tower and trainable heads on PyTorch), its stage-1 pretraining ({@link org.unime.udfs.embed.EmbedderTrainer},
 * in-batch InfoNCE), held-out evaluation ({@link org.unime.udfs.embed.RetrievalEvaluator},
 * {@link org.unime.udfs.embed.EmbedderStage}) and executor-side opening through
 * {@link org.unime.udfs.embed.EmbeddingModels}.
 */
package org.unime.udfs.embed;
