package io.lockstep.yjs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A decoded Yjs update (format v1): each client's structs in clock order, and the delete set.
 * Within one client the structs are contiguous; gaps are {@link Struct.Skip}s.
 */
public record Update(Map<Long, List<Struct>> structs, DeleteSet deleteSet) {

  private static final long MAX_CLOCK = Lib0Decoder.MAX_SAFE_INTEGER;

  public static Update decode(byte[] bytes) {
    Lib0Decoder decoder = new Lib0Decoder(bytes);
    Map<Long, List<Struct>> structs = new TreeMap<>(Comparator.reverseOrder());
    long clients = decoder.readVarUint();
    for (long i = 0; i < clients; i++) {
      long count = decoder.readVarUint();
      long client = decoder.readVarUint();
      long clock = decoder.readVarUint();
      List<Struct> list = structs.computeIfAbsent(client, c -> new ArrayList<>());
      for (long j = 0; j < count; j++) {
        Struct struct = readStruct(decoder, client, clock);
        if (struct.length() <= 0 || struct.end() > MAX_CLOCK) {
          throw new YjsFormatException(
              "a struct of length " + struct.length() + " at clock " + clock);
        }
        list.add(struct);
        clock = struct.end();
      }
    }
    DeleteSet deleteSet = DeleteSet.read(decoder);
    return new Update(structs, deleteSet);
  }

  private static Struct readStruct(Lib0Decoder decoder, long client, long clock) {
    int info = decoder.readUint8();
    int ref = info & 0x1F;
    if (ref == 0) {
      return new Struct.Gc(client, clock, decoder.readVarUint());
    }
    if (ref == 10) {
      return new Struct.Skip(client, clock, decoder.readVarUint());
    }
    Id origin = (info & 0x80) != 0 ? readId(decoder) : null;
    Id rightOrigin = (info & 0x40) != 0 ? readId(decoder) : null;
    String parentKey = null;
    Id parentId = null;
    String parentSub = null;
    if (origin == null && rightOrigin == null) {
      if (decoder.readVarUint() == 1) {
        parentKey = decoder.readVarString();
      } else {
        parentId = readId(decoder);
      }
      if ((info & 0x20) != 0) {
        parentSub = decoder.readVarString();
      }
    }
    // an item can only refer to items that existed before it: of its own client, earlier clocks
    // (Yjs clients fail on an update that breaks this, and so on every document that holds it)
    for (Id reference : new Id[] {origin, rightOrigin, parentId}) {
      if (reference != null && reference.client() == client && reference.clock() >= clock) {
        throw new YjsFormatException(
            "item " + client + ":" + clock + " refers to the later " + reference);
      }
    }
    return new Struct.Item(
        client,
        clock,
        origin,
        rightOrigin,
        parentKey,
        parentId,
        parentSub,
        (info & 0x20) != 0,
        Content.read(ref, decoder));
  }

  private static Id readId(Lib0Decoder decoder) {
    return new Id(decoder.readVarUint(), decoder.readVarUint());
  }

  public byte[] encode() {
    Lib0Encoder encoder = new Lib0Encoder();
    List<Map.Entry<Long, List<Struct>>> written = new ArrayList<>();
    structs.entrySet().stream()
        .filter(entry -> !entry.getValue().isEmpty())
        .sorted(Map.Entry.<Long, List<Struct>>comparingByKey().reversed())
        .forEach(written::add);
    encoder.writeVarUint(written.size());
    for (Map.Entry<Long, List<Struct>> entry : written) {
      List<Struct> list = entry.getValue();
      encoder.writeVarUint(list.size());
      encoder.writeVarUint(entry.getKey());
      encoder.writeVarUint(list.get(0).clock());
      for (Struct struct : list) {
        if (struct instanceof Struct.Item item) {
          item.write(encoder);
        } else {
          encoder.writeUint8(struct instanceof Struct.Gc ? 0 : 10);
          encoder.writeVarUint(struct.length());
        }
      }
    }
    deleteSet.write(encoder);
    return encoder.toByteArray();
  }

  /** No structs and no deletions: applying it changes nothing. */
  public boolean isEmpty() {
    return structs.values().stream().allMatch(List::isEmpty) && deleteSet.isEmpty();
  }
}
