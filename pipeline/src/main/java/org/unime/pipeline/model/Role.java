package org.unime.pipeline.model;

/** Which table a source record goes to. */
public enum Role {
  /** A retrievable target: lands in the {@code candidates} table. */
  CANDIDATE,
  /** A query with known positive candidate ids: lands in the {@code queries} table. */
  QUERY
}
