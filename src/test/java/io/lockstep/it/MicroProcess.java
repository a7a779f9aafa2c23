package io.lockstep.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro with the packaged WAR in a process of its own, for tests that stop a server the
 * hard way (kill -9) and start it again on the same database. It takes the same options as the
 * Arquillian-managed servers (failsafe's {@code lockstep.it.*} properties); its output goes to a
 * log file in {@code target}.
 */
public final class MicroProcess implements AutoCloseable {

  private final Process process;
  private final URI base;

  private MicroProcess(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /**
   * The JVM option for the ITs' database made as durable as production's default: the ITs run H2
   * with its write delay, which a kill -9 would turn into lost commits that had been acknowledged.
   */
  public static List<String> durableDatabase() {
    String url = System.getProperty("lockstep.it.datasource.url");
    return url.startsWith("jdbc:h2:file:")
        ? List.of("-Dlockstep.datasource.url=" + url + ";WRITE_DELAY=0")
        : List.of();
  }

  /** JVM options that open JMX on a loopback port, without authentication: tests only. */
  public static List<String> jmxRemote(int port) {
    return List.of(
        "-Dcom.sun.management.jmxremote.port=" + port,
        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
        "-Djava.rmi.server.hostname=127.0.0.1",
        "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false");
  }

  /** JVM options for a database served by an H2 TCP server in the test's JVM on the port. */
  public static List<String> h2Server(int port) {
    return List.of(
        "-Dlockstep.datasource.class-name=org.h2.jdbcx.JdbcDataSource",
        "-Dlockstep.datasource.url=jdbc:h2:tcp://127.0.0.1:" + port + "/lockstep",
        "-Dlockstep.datasource.user=lockstep",
        "-Dlockstep.datasource.password=lockstep");
  }

  /** Starts a server on a free loopback port and waits until it answers. */
  public static MicroProcess start(String name) {
    return start(name, freePort());
  }

  /** Starts a server on the given loopback port (a restart where clients wait) and waits for it. */
  public static MicroProcess start(String name, int port) {
    return launch(name, port, List.of(), List.of("--nocluster"));
  }

  /** Starts a single server on the given port with extra JVM options (a restart of one). */
  public static MicroProcess start(String name, int port, List<String> jvmOptions) {
    return launch(name, port, jvmOptions, List.of("--nocluster"));
  }

  /** Starts a single server with extra JVM options (they win over the common ones). */
  public static MicroProcess start(String name, List<String> jvmOptions) {
    return launch(name, freePort(), jvmOptions, List.of("--nocluster"));
  }

  /**
   * Starts a node of a Payara Micro cluster on loopback: Hazelcast on {@code dataGridPort}, finding
   * its peers at {@code members} (tcpip discovery, no multicast), on the given database URL.
   */
  public static MicroProcess startNode(
      String name, int dataGridPort, List<Integer> members, String datasourceUrl) {
    return startNode(name, freePort(), dataGridPort, members, datasourceUrl, List.of());
  }

  /** A node of a cluster on a given HTTP port, with extra JVM options (a restart of one). */
  public static MicroProcess startNode(
      String name,
      int port,
      int dataGridPort,
      List<Integer> members,
      String datasourceUrl,
      List<String> jvmOptions) {
    String peers =
        members.stream()
            .map(member -> "127.0.0.1:" + member)
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    List<String> options =
        new ArrayList<>(
            List.of(
                "-Dhazelcast.socket.bind.any=false",
                // a killed node leaves the members within seconds, not Hazelcast's minute
                "-Dhazelcast.heartbeat.interval.seconds=1",
                "-Dhazelcast.max.no.heartbeat.seconds=8",
                "-Dlockstep.cluster.sweep-interval-seconds=1",
                "-Dlockstep.sessions.prompt-stale-seconds=5",
                "-Dlockstep.datasource.url=" + datasourceUrl));
    options.addAll(jvmOptions);
    return launch(
        name,
        port,
        options,
        List.of(
            "--name",
            name,
            "--clustermode",
            "tcpip:" + peers,
            "--interfaces",
            "127.0.0.1",
            "--startport",
            Integer.toString(dataGridPort),
            "--nohostaware"));
  }

  private static MicroProcess launch(
      String name, int port, List<String> jvmOptions, List<String> clusterOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(split(System.getProperty("lockstep.it.jvm-options")));
    command.addAll(jvmOptions); // after the common ones: a later -D wins
    command.add("-jar");
    command.add(System.getProperty("lockstep.it.micro-jar"));
    command.addAll(
        List.of(
            "--deploy",
            System.getProperty("lockstep.it.war"),
            "--contextroot",
            "lockstep",
            "--port",
            Integer.toString(port)));
    command.addAll(clusterOptions);
    command.addAll(split(System.getProperty("lockstep.it.micro-options")));
    Path log = Path.of("target", "micro-" + name + "-" + port + ".log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new AssertionError("cannot start Payara Micro", e);
    }
    URI base = URI.create("http://127.0.0.1:" + port + "/lockstep/");
    var micro = new MicroProcess(process, base);
    HttpClient http = HttpClient.newHttpClient();
    try {
      awaitAnswer(process, base, log, http);
    } catch (RuntimeException | Error e) {
      process.destroyForcibly(); // a server that never came up must not outlive the test
      throw e;
    }
    return micro;
  }

  private static void awaitAnswer(Process process, URI base, Path log, HttpClient http) {
    await()
        .atMost(Duration.ofSeconds(Long.getLong("lockstep.it.start-timeout-seconds", 240)))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .failFast("Payara Micro exited; see " + log, () -> !process.isAlive())
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(base.resolve("api/version")).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  public URI base() {
    return base;
  }

  /** The server's root, outside the application: Payara's /health and /metrics. */
  public URI root() {
    return base.resolve("/");
  }

  public int port() {
    return base.getPort();
  }

  /** The server's process id, for jcmd and jstat. */
  public long pid() {
    return process.pid();
  }

  /** Stops the server as a crash would: SIGKILL, no shutdown hooks. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("Payara Micro did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private static List<String> split(String options) {
    return options == null || options.isBlank()
        ? List.of()
        : Arrays.stream(options.trim().split("\\s+")).toList();
  }

  public static int freePort() {
    try (var socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
