package io.lockstep.realtime.entity;

import java.util.Locale;

/** The {@code code} of an {@code error} frame; see protocol.md, "Errors". */
public enum ErrorCode {
  BAD_REQUEST,
  UNAUTHORIZED,
  FORBIDDEN,
  NOT_FOUND,
  TOO_LARGE,
  RATE_LIMITED,
  CONFLICT,
  /** A backing service (the database) is away for now: try again shortly. */
  UNAVAILABLE,
  INTERNAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
