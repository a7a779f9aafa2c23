package io.lockstep.bench;

import io.lockstep.it.MicroProcess;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Agent streaming, replay, Yjs and idle connections against one Payara Micro node (fresh H2
 * database). {@code -Dbench.only=streaming,replay,yjs,connections} picks some; each bench's own
 * {@code bench.*} properties are in its class. Run: {@code mvn -Pbench verify}.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Set<String> only =
        Arrays.stream(
                System.getProperty("bench.only", "streaming,replay,yjs,connections").split(","))
            .map(String::trim)
            .collect(Collectors.toSet());
    System.out.println("Lockstep benchmarks " + only + ", " + Instant.now() + ", " + Bench.MACHINE);
    try (MicroProcess server = Bench.startServer("bench-more")) {
      if (only.contains("streaming")) {
        AgentStreaming.run(server);
      }
      if (only.contains("replay")) {
        Replay.run(server);
      }
      if (only.contains("yjs")) {
        YjsThroughput.run(server);
      }
      // last: it leaves the server with thousands of closed connections to clean up
      if (only.contains("connections")) {
        Connections.run(server);
      }
      Bench.dumpFlightRecording(server);
    }
  }
}
