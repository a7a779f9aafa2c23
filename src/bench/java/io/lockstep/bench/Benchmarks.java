package io.lockstep.bench;

import io.lockstep.it.MicroProcess;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Agent streaming, replay, Yjs and idle connections against one Payara Micro node (fresh H2
 * database). {@code -Dbench.only=streaming,replay,yjs,connections} picks some; each bench's own
 * {@code bench.*} properties are in its class. Run: {@code mvn -Pbench verify}.
 */
public final class Benchmarks {

  private static final List<String> OURS = List.of("streaming", "replay", "yjs", "connections");

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    List<String> only =
        Arrays.stream(System.getProperty("bench.only", "").split(","))
            .map(String::trim)
            .filter(OURS::contains)
            .toList();
    if (System.getProperty("bench.only", "").isBlank()) {
      only = OURS;
    } else if (only.isEmpty()) {
      System.out.println(OURS + ": skipped (-Dbench.only)");
      return;
    }
    System.out.println("Lockstep benchmarks " + only + ", " + Instant.now() + ", " + Bench.MACHINE);
    try (MicroProcess server = Bench.startServer("bench-more")) {
      // in the order given; connections best last: it leaves thousands of closed connections behind
      for (String bench : only) {
        switch (bench) {
          case "streaming" -> AgentStreaming.run(server);
          case "replay" -> Replay.run(server);
          case "yjs" -> YjsThroughput.run(server);
          case "connections" -> Connections.run(server);
          default -> throw new IllegalArgumentException("no benchmark " + bench);
        }
      }
      Bench.dumpFlightRecording(server);
    }
  }
}
