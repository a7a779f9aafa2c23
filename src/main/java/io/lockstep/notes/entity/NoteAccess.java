package io.lockstep.notes.entity;

import jakarta.validation.Valid;

/** {@code {read: {user_ids, group_ids}, write: {user_ids, group_ids}}}; write includes read. */
public record NoteAccess(@Valid Principals read, @Valid Principals write) {

  public NoteAccess {
    read = read == null ? Principals.none() : read;
    write = write == null ? Principals.none() : write;
  }
}
