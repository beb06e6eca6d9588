/**
 * Source readers and image materialisation: turning installed datasets into planned rows.
 *
 * <p><b>Readers</b> ({@link org.unime.pipeline.ingest.SourceReader}) run on the driver. They read metadata, never
 * decode images (except hashing emoji PNG bytes for de-duplication), and return a
 * {@link org.unime.pipeline.model.SourceBatch} of records whose images are still references. Readers are
 * deterministic: same files and options, same ids, splits and order.
 *
 * <p><b>Row accounting.</b> A "row read" is a row the reader planned (a text or image candidate, an image→text or
 * text→image query). Each becomes either a record or exactly one reject under the id it would have had, so
 * {@code rowsRead = records + rejects} holds and the rejects table says what was lost and why.
 *
 * <p><b>Materialisation</b> ({@link org.unime.pipeline.ingest.ImageMaterializer}) runs on executors and turns each
 * reference into PNG bytes; data problems surface as {@link org.unime.pipeline.ingest.RejectException}.
 *
 * <p><b>Options</b> are immutable records validated on construction; their defaults for instructions are the ones
 * the readers document. Mapping configuration keys to them is the conf module's job.
 */
package org.unime.pipeline.ingest;
