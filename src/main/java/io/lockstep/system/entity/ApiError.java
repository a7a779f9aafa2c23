package io.lockstep.system.entity;

/** The body of every REST error: the same codes as the WebSocket protocol's error frames. */
public record ApiError(String code, String message) {

  public static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 413 -> "too_large";
      case 429 -> "rate_limited";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal" : "bad_request";
    };
  }
}
