package io.lockstep.notes.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Users and groups, by id. */
public record Principals(
    @Size(max = 200, message = "at most 200 user_ids")
        List<
                @NotBlank(message = "a user id must not be blank")
                @Size(max = 255, message = "a user id is at most 255 characters") String>
            userIds,
    @Size(max = 200, message = "at most 200 group_ids")
        List<
                @NotBlank(message = "a group id must not be blank")
                @Size(max = 255, message = "a group id is at most 255 characters") String>
            groupIds) {

  public Principals {
    userIds = userIds == null ? List.of() : List.copyOf(userIds);
    groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
  }

  public static Principals none() {
    return new Principals(List.of(), List.of());
  }
}
