package io.lockstep.yjs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Lockstep does with Yjs updates without a document: merge many into one (as {@code
 * Y.mergeUpdates}), take the part a peer lacks (as {@code Y.diffUpdate}), and read the state vector
 * an update reaches (as {@code Y.encodeStateVectorFromUpdate}). All take and give the update format
 * v1; malformed input throws {@link YjsFormatException}.
 */
public final class YUpdates {

  private YUpdates() {}

  /**
   * One update equal to applying all of them, in any order: overlapping structs appear once, gaps
   * in a client's clocks become skips, runs of typing merge into single items, and the delete sets
   * are united.
   */
  public static byte[] merge(List<byte[]> updates) {
    if (updates.size() == 1) {
      Update.decode(updates.get(0)); // validates
      return updates.get(0);
    }
    Map<Long, List<Struct>> byClient = new TreeMap<>(Comparator.reverseOrder());
    DeleteSet deletes = new DeleteSet();
    for (byte[] bytes : updates) {
      Update update = Update.decode(bytes);
      update
          .structs()
          .forEach(
              (client, list) -> {
                List<Struct> all = byClient.computeIfAbsent(client, c -> new ArrayList<>());
                list.stream().filter(struct -> !(struct instanceof Struct.Skip)).forEach(all::add);
              });
      deletes.addAll(update.deleteSet());
    }
    Map<Long, List<Struct>> merged = new TreeMap<>(Comparator.reverseOrder());
    byClient.forEach((client, structs) -> merged.put(client, coalesce(structs)));
    return new Update(merged, deletes.normalized()).encode();
  }

  /** One client's structs from several updates as one contiguous run, overlaps removed. */
  private static List<Struct> coalesce(List<Struct> structs) {
    List<Struct> sorted = new ArrayList<>(structs);
    // by clock; of two that start together the longer first, and an item before a gc
    sorted.sort(
        Comparator.comparingLong(Struct::clock)
            .thenComparing(Comparator.comparingLong(Struct::length).reversed())
            .thenComparing(struct -> struct instanceof Struct.Item ? 0 : 1));
    List<Struct> run = new ArrayList<>();
    long end = -1;
    for (Struct struct : sorted) {
      if (!run.isEmpty() && struct.end() <= end) {
        continue; // already covered
      }
      if (!run.isEmpty() && struct.clock() > end) {
        append(run, new Struct.Skip(struct.client(), end, struct.clock() - end));
      } else if (!run.isEmpty() && struct.clock() < end) {
        struct = struct.splitAt(end - struct.clock());
      }
      append(run, struct);
      end = struct.end();
    }
    return run;
  }

  private static void append(List<Struct> run, Struct struct) {
    if (!run.isEmpty()) {
      Struct merged = run.get(run.size() - 1).mergedWith(struct);
      if (merged != null) {
        run.set(run.size() - 1, merged);
        return;
      }
    }
    run.add(struct);
  }

  /** The part of {@code update} that a peer with {@code stateVector} lacks, deletions whole. */
  public static byte[] diff(byte[] update, byte[] stateVector) {
    Map<Long, Long> state = readStateVector(stateVector);
    Update decoded = Update.decode(update);
    Map<Long, List<Struct>> missing = new TreeMap<>(Comparator.reverseOrder());
    decoded
        .structs()
        .forEach(
            (client, structs) -> {
              long known = state.getOrDefault(client, 0L);
              List<Struct> kept = new ArrayList<>();
              for (Struct struct : structs) {
                if (struct.end() <= known) {
                  continue;
                }
                Struct part =
                    struct.clock() < known ? struct.splitAt(known - struct.clock()) : struct;
                if (kept.isEmpty() && part instanceof Struct.Skip) {
                  continue; // a client's run never starts with a skip
                }
                kept.add(part);
              }
              if (!kept.isEmpty()) {
                missing.put(client, kept);
              }
            });
    return new Update(missing, decoded.deleteSet()).encode();
  }

  /** Per client, the clock up to which the update holds every unit from 0 on. */
  public static byte[] stateVector(byte[] update) {
    Map<Long, Long> state = new TreeMap<>(Comparator.reverseOrder());
    Update.decode(update)
        .structs()
        .forEach(
            (client, structs) -> {
              long clock = 0;
              for (Struct struct : structs) {
                if (struct.clock() != clock || struct instanceof Struct.Skip) {
                  break;
                }
                clock = struct.end();
              }
              if (clock > 0) {
                state.put(client, clock);
              }
            });
    return writeStateVector(state);
  }

  /** Whether applying the update changes nothing. */
  public static boolean isEmpty(byte[] update) {
    return Update.decode(update).isEmpty();
  }

  public static Map<Long, Long> readStateVector(byte[] stateVector) {
    Lib0Decoder decoder = new Lib0Decoder(stateVector);
    Map<Long, Long> state = new TreeMap<>(Comparator.reverseOrder());
    long count = decoder.readVarUint();
    for (long i = 0; i < count; i++) {
      long client = decoder.readVarUint();
      state.put(client, decoder.readVarUint());
    }
    return state;
  }

  public static byte[] writeStateVector(Map<Long, Long> state) {
    Lib0Encoder encoder = new Lib0Encoder();
    encoder.writeVarUint(state.size());
    new TreeMap<Long, Long>(Comparator.reverseOrder()) {
      {
        putAll(state);
      }
    }.forEach(
        (client, clock) -> {
          encoder.writeVarUint(client);
          encoder.writeVarUint(clock);
        });
    return encoder.toByteArray();
  }
}
