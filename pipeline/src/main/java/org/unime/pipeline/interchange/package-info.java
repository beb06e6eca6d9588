/**
 * Interchange with the outside UniME-V2 world: the reference mined-record JSON (spec §1; the format of the
 * released {@code train_data_*_scores.json} files) and MMEB-train / VLM2Vec style JSON Lines rows.
 *
 * <p>{@link org.unime.pipeline.interchange.ReferenceJsonCodec} reads and writes the mined-record file without
 * loading it as a tree. {@link org.unime.pipeline.interchange.ReferenceJsonSourceReader} and
 * {@link org.unime.pipeline.interchange.MmebTrainSourceReader} turn either format into ingest rows with the same
 * content-derived ids, placeholder stripping, image-root resolution and reject rules, so that every source row
 * ends up as exactly one record or one reject.
 */
package org.unime.pipeline.interchange;
