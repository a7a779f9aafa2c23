package io.lockstep.auth.entity;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who is calling, as a verified token says: the same for REST (MicroProfile JWT) and WebSocket
 * ({@code user-join}).
 */
public record Caller(String id, String name, String email, Set<String> groups) {

  public Caller {
    groups = Set.copyOf(groups);
  }

  /**
   * From a token's claims: the id is {@code sub}; the name is the first of {@code name}, {@code
   * preferred_username}, {@code upn} that is present, else the id.
   */
  public static Caller fromClaims(
      String subject,
      String name,
      String preferredUsername,
      String upn,
      String email,
      Collection<String> groups) {
    String displayName =
        Stream.of(name, preferredUsername, upn)
            .filter(s -> s != null && !s.isBlank())
            .findFirst()
            .orElse(subject);
    return new Caller(subject, displayName, email, groups == null ? Set.of() : Set.copyOf(groups));
  }

  public Role role() {
    return Role.fromGroups(groups);
  }

  public boolean isAdmin() {
    return role() == Role.ADMIN;
  }
}
