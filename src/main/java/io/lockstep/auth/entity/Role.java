package io.lockstep.auth.entity;

import java.util.Collection;
import java.util.Locale;

/** A user's role, taken from the token's {@code groups} claim. */
public enum Role {
  USER,
  ADMIN;

  public static Role fromGroups(Collection<String> groups) {
    return groups.contains("admin") ? ADMIN : USER;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
