package io.lockstep.notes.entity;

/** What a caller may do with a note; each includes the ones before it. */
public enum Permission {
  /** View the note and join its document. */
  READ,
  /** Also edit the document, its content and its title. */
  WRITE,
  /** Also share and delete it: the owner, and admins. */
  OWNER;

  public boolean allows(Permission needed) {
    return compareTo(needed) >= 0;
  }
}
