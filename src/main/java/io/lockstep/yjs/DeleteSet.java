package io.lockstep.yjs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Deleted ranges by client: sorted, coalesced. */
public final class DeleteSet {

  /** A deleted range of one client's clock. */
  public record Range(long clock, long length) {
    long end() {
      return clock + length;
    }
  }

  private final TreeMap<Long, List<Range>> ranges = new TreeMap<>(Comparator.reverseOrder());

  public Map<Long, List<Range>> ranges() {
    return ranges;
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public void add(long client, long clock, long length) {
    if (length > 0) {
      ranges.computeIfAbsent(client, c -> new ArrayList<>()).add(new Range(clock, length));
    }
  }

  public void addAll(DeleteSet other) {
    other.ranges.forEach((client, list) -> list.forEach(r -> add(client, r.clock(), r.length())));
  }

  /** Sorts and coalesces overlapping and adjacent ranges. */
  public DeleteSet normalized() {
    DeleteSet result = new DeleteSet();
    ranges.forEach(
        (client, list) -> {
          List<Range> sorted = new ArrayList<>(list);
          sorted.sort(Comparator.comparingLong(Range::clock));
          List<Range> merged = new ArrayList<>();
          for (Range range : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range.clock() <= last.end()) {
              long end = Math.max(last.end(), range.end());
              merged.set(merged.size() - 1, new Range(last.clock(), end - last.clock()));
            } else {
              merged.add(range);
            }
          }
          result.ranges.put(client, merged);
        });
    return result;
  }

  static DeleteSet read(Lib0Decoder decoder) {
    DeleteSet set = new DeleteSet();
    long clients = decoder.readVarUint();
    for (long i = 0; i < clients; i++) {
      long client = decoder.readVarUint();
      long count = decoder.readVarUint();
      for (long j = 0; j < count; j++) {
        long clock = decoder.readVarUint();
        long length = decoder.readVarUint();
        set.add(client, clock, length);
      }
    }
    return set;
  }

  void write(Lib0Encoder encoder) {
    encoder.writeVarUint(ranges.size());
    ranges.forEach(
        (client, list) -> {
          encoder.writeVarUint(client);
          encoder.writeVarUint(list.size());
          for (Range range : list) {
            encoder.writeVarUint(range.clock());
            encoder.writeVarUint(range.length());
          }
        });
  }
}
