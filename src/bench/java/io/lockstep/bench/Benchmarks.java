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

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    List<String> only =
        Arrays.stream(
                System.getProperty("bench.only", "streaming,replay,yjs,connections").split(","))
            .map(String::trim)
            .toList();
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
