package io.lockstep.yjs;

/**
 * One struct of an update: a run of {@link #length()} clock units of one client from {@link
 * #clock()}. An {@link Item} carries content; a {@link Gc} is content that was garbage collected; a
 * {@link Skip} stands for units the update does not contain.
 */
public sealed interface Struct {

  long client();

  long clock();

  long length();

  default long end() {
    return clock() + length();
  }

  /** The part from {@code offset} units on. */
  Struct splitAt(long offset);

  /** This followed by {@code next} as one struct, or null if they do not merge. */
  Struct mergedWith(Struct next);

  /** Garbage-collected units. */
  record Gc(long client, long clock, long length) implements Struct {
    public Struct splitAt(long offset) {
      return new Gc(client, clock + offset, length - offset);
    }

    public Struct mergedWith(Struct next) {
      return next instanceof Gc gc && gc.client == client && gc.clock == end()
          ? new Gc(client, clock, length + gc.length)
          : null;
    }
  }

  /** Units this update does not contain. */
  record Skip(long client, long clock, long length) implements Struct {
    public Struct splitAt(long offset) {
      return new Skip(client, clock + offset, length - offset);
    }

    public Struct mergedWith(Struct next) {
      return next instanceof Skip skip && skip.client == client && skip.clock == end()
          ? new Skip(client, clock, length + skip.length)
          : null;
    }
  }

  /**
   * An item. Without origin and right origin it names its parent: a root type by key ({@code
   * parentKey}) or an item by id ({@code parentId}), and a map key ({@code parentSub}); with an
   * origin, Yjs takes the parent from the origin. {@code parentSubFlag} keeps the format's flag bit
   * as it came.
   */
  record Item(
      long client,
      long clock,
      Id origin,
      Id rightOrigin,
      String parentKey,
      Id parentId,
      String parentSub,
      boolean parentSubFlag,
      Content content)
      implements Struct {

    public long length() {
      return content.length();
    }

    Id lastId() {
      return new Id(client, end() - 1);
    }

    public Struct splitAt(long offset) {
      if (offset == 0) {
        return this;
      }
      if (!content.isSplittable()) {
        throw new YjsFormatException("an item of length 1 cannot be split");
      }
      return new Item(
          client,
          clock + offset,
          new Id(client, clock + offset - 1),
          rightOrigin,
          null,
          null,
          null,
          parentSubFlag,
          content.splitAt(offset));
    }

    /** As Yjs merges a typing run: the next item starts where this ends and follows it. */
    public Struct mergedWith(Struct next) {
      if (!(next instanceof Item item)
          || item.client != client
          || item.clock != end()
          || !lastId().equals(item.origin)
          || !java.util.Objects.equals(rightOrigin, item.rightOrigin)) {
        return null;
      }
      Content merged = content.mergedWith(item.content);
      return merged == null
          ? null
          : new Item(
              client,
              clock,
              origin,
              rightOrigin,
              parentKey,
              parentId,
              parentSub,
              parentSubFlag,
              merged);
    }

    void write(Lib0Encoder encoder) {
      int info =
          content.ref()
              | (origin != null ? 0x80 : 0)
              | (rightOrigin != null ? 0x40 : 0)
              | (parentSubFlag ? 0x20 : 0);
      encoder.writeUint8(info);
      if (origin != null) {
        encoder.writeVarUint(origin.client());
        encoder.writeVarUint(origin.clock());
      }
      if (rightOrigin != null) {
        encoder.writeVarUint(rightOrigin.client());
        encoder.writeVarUint(rightOrigin.clock());
      }
      if (origin == null && rightOrigin == null) {
        if (parentKey != null) {
          encoder.writeVarUint(1);
          encoder.writeVarString(parentKey);
        } else {
          encoder.writeVarUint(0);
          encoder.writeVarUint(parentId.client());
          encoder.writeVarUint(parentId.clock());
        }
        if (parentSub != null) {
          encoder.writeVarString(parentSub);
        }
      }
      content.write(encoder);
    }
  }
}
