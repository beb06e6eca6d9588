package org.unime.pipeline.model;

/** Why a source row was rejected. The wire name is stored in the {@code rejects} table. */
public enum RejectReason {
  MISSING_IMAGE("missing-image"),
  CORRUPT_IMAGE("corrupt-image"),
  EMPTY_TEXT("empty-text"),
  TEXT_TOO_LONG("text-too-long"),
  DUPLICATE_ID("duplicate-id"),
  DUPLICATE_IMAGE("duplicate-image"),
  NO_POSITIVE("no-positive"),
  UNKNOWN_POSITIVE("unknown-positive"),
  MALFORMED_ROW("malformed-row"),
  INVALID_VECTOR("invalid-vector");

  private final String wireName;

  RejectReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
