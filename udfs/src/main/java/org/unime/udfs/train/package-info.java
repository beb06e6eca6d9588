/**
 * The DJL training loop used by every training job: {@link org.unime.udfs.train.TrainingLoop} runs a
 * {@link org.unime.udfs.train.TrainingTask} with our own {@link org.unime.udfs.train.AdamW}, linear warm-up/decay,
 * global-norm clipping, seeded data order, bit-identical checkpoint/resume and progress logging, under the JVM-wide
 * {@link org.unime.udfs.train.TrainingLock}. {@link org.unime.udfs.train.TrainingLoop#gradients} and
 * {@link org.unime.udfs.train.TrainingLoop#apply} split a step for data-parallel training on Spark.
 */
package org.unime.udfs.train;
