/**
 * Model plumbing shared by every model role: {@link org.unime.udfs.model.ModelArtifact} (a directory with weights and
 * a {@code manifest.json} whose version is a content hash), {@link org.unime.udfs.model.ModelCache} (one loaded
 * instance per executor JVM, keyed by URI and version), {@link org.unime.udfs.model.DeviceSpec} ({@code cpu},
 * {@code gpu}, {@code gpu:N}, or the GPU Spark assigned to a task) and
 * {@link org.unime.udfs.model.ModelException}, the one user-facing failure type.
 */
package org.unime.udfs.model;
