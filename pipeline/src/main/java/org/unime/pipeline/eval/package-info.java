/**
 * Evaluation metrics of spec §7 and readers for the public evaluation formats. Engine-free: inputs are vectors,
 * scores and rankings; the Spark side (MLlib cross-checks, compositional sets from our own tables) lives in
 * {@code org.unime.udfs.eval}. {@code docs/evaluation.md} states every definition in one place.
 *
 * <ul>
 *   <li>{@link org.unime.pipeline.eval.PrecisionAtOne}: MMEB-style rows, ground truth at candidate index 0; per-task
 *       {@link org.unime.pipeline.eval.TaskAccuracy} and unweighted {@link org.unime.pipeline.eval.TaskGroups}
 *       means (meta-tasks, IND/OOD).
 *   <li>{@link org.unime.pipeline.eval.RecallAtK}: Flickr/COCO-style text→image and image→text recall, with the
 *       directions labelled the right way round ({@link org.unime.pipeline.eval.RetrievalDirection}).
 *   <li>{@link org.unime.pipeline.eval.CompositionalAccuracy}: SugarCrepe-style pair accuracy per subset and the
 *       Replace/Swap/Add group means.
 *   <li>{@link org.unime.pipeline.eval.RerankGain}: P@1 before and after reranking.
 *   <li>Readers: {@link org.unime.pipeline.eval.MmebEvalReader}, {@link org.unime.pipeline.eval.KarpathySplitReader},
 *       {@link org.unime.pipeline.eval.SugarCrepeReader}. A bad row fails the read with an
 *       {@link org.unime.pipeline.eval.EvalFormatException} naming the line or key: an evaluation that silently
 *       dropped rows would change its own denominator.
 * </ul>
 *
 * <p><b>Ties.</b> Every ranking here orders by score descending, then by index ascending: numpy's {@code argmax}
 * (first maximum wins), which is what the reference MMEB script uses. NaN scores are rejected rather than ranked.
 */
package org.unime.pipeline.eval;
