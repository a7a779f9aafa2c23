package io.lockstep.bench;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Fan-out: one publisher, rooms of N receivers, on Lockstep and, in the same run and with the same
 * workload, on the ceiling of its stack (a bare Jakarta WebSocket broadcast endpoint on the same
 * Payara Micro) and two peers (Node socket.io, python-socketio). For each server and room size it
 * measures the deliveries per second at saturation (closed loop: a window of deliveries in flight)
 * and then the delivery latency at half that rate (open loop: each message has an intended send
 * time, and latency counts from it, so a stalled server cannot hide its stall).
 *
 * <p>On Lockstep, the publisher and the receivers are connections of one user that joined one note;
 * the publisher sends {@code ydoc:awareness:update}, which the server relays to every other member
 * without storing it. The awareness clock carries the message number.
 *
 * <p>Run: {@code mvn -Pbench verify -Dbench.only=fanout}. See src/site/markdown/performance.md.
 */
public final class FanOut {

  private static final int[] ROOMS =
      Arrays.stream(System.getProperty("bench.fanout.rooms", "1,100,1000").split(","))
          .mapToInt(size -> Integer.parseInt(size.trim()))
          .toArray();
  private static final Duration WARMUP =
      Duration.ofSeconds(Integer.getInteger("bench.fanout.warmup-seconds", 3));
  private static final Duration SATURATION =
      Duration.ofSeconds(Integer.getInteger("bench.fanout.saturation-seconds", 6));
  private static final Duration PACED =
      Duration.ofSeconds(Integer.getInteger("bench.fanout.paced-seconds", 6));

  /** Deliveries in flight at saturation (at least two messages). */
  private static final int WINDOW = Integer.getInteger("bench.fanout.window", 800);

  private static final List<String> SERVERS =
      List.of(
          System.getProperty("bench.fanout.servers", "lockstep,ceiling,socket.io,python-socketio")
              .split(","));

  /** Peers get a payload of this many characters: about the size of Lockstep's frame. */
  private static final int PAYLOAD_CHARS = 100;

  private static final HttpClient[] CLIENTS = {
    HttpClient.newHttpClient(), HttpClient.newHttpClient()
  };

  public static void main(String[] args) throws Exception {
    if (!Bench.selected("fanout")) {
      return;
    }
    System.out.printf(
        "fan-out benchmark, %s, %d cores (servers and generator share them), rooms %s,"
            + " warm-up %ds, saturation %ds, paced %ds%n",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        Arrays.toString(ROOMS),
        WARMUP.toSeconds(),
        SATURATION.toSeconds(),
        PACED.toSeconds());
    Map<String, List<Result>> results = new LinkedHashMap<>();
    for (String server : SERVERS) {
      Target started;
      try {
        started = start(server.trim());
      } catch (RuntimeException e) {
        // on a loaded machine a server may miss its start deadline: measure the others
        System.out.println(server + ": skipped, did not start: " + e);
        killChildren(server.trim());
        continue;
      }
      try (Target target = started) {
        if (target == null) {
          continue;
        }
        List<Result> rows = new ArrayList<>();
        results.put(target.name(), rows);
        for (int members : ROOMS) {
          Result result = measure(target, members);
          rows.add(result);
          System.out.println(result.row());
        }
      }
    }
    print(results);
  }

  private static void killChildren(String server) {
    String marker = server.equals("lockstep") ? "lockstep.war" : "bench-broadcast.war";
    ProcessHandle.current()
        .children()
        .filter(p -> p.info().commandLine().orElse("").contains(marker))
        .forEach(ProcessHandle::destroyForcibly);
  }

  private static Target start(String server) throws Exception {
    return switch (server) {
      case "lockstep" -> LockstepTarget.start();
      case "ceiling" -> CeilingTarget.start();
      case "socket.io" -> SocketIoTarget.node();
      case "python-socketio" -> SocketIoTarget.python();
      default -> throw new IllegalArgumentException("unknown server " + server);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The measurement

  private static Result measure(Target target, int members) throws Exception {
    target.prepareRoom(members);
    Room room = target.room();
    Publisher publisher = room.publisher();

    // saturation: closed loop, at most WINDOW deliveries (and at least two messages) in flight
    int messagesInFlight = Math.max(2, WINDOW / members);
    Semaphore window = new Semaphore(messagesInFlight * members);
    room.onDelivery = (id, nanos) -> window.release();
    long start = System.nanoTime();
    long countFrom = start + WARMUP.toNanos();
    long end = countFrom + SATURATION.toNanos();
    long deliveredAtCountFrom = -1;
    long sent = 0;
    while (true) {
      long now = System.nanoTime();
      if (deliveredAtCountFrom < 0 && now >= countFrom) {
        deliveredAtCountFrom = room.delivered.get();
      }
      if (now >= end) {
        break;
      }
      if (!window.tryAcquire(members, 30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(target.name() + ": deliveries stopped at saturation");
      }
      publisher.publish(room.nextId++);
      sent++;
    }
    long deliveredAtEnd = room.delivered.get();
    double seconds = (System.nanoTime() - countFrom) / 1e9;
    double saturation = (deliveredAtEnd - deliveredAtCountFrom) / seconds;
    room.awaitAll(sent * members);

    // open loop at half that rate; latency from each message's intended send time
    double messagesPerSecond = saturation / 2 / members;
    long interval = (long) (1e9 / messagesPerSecond);
    int count = (int) Math.max(1, PACED.toNanos() / interval);
    long firstId = room.nextId;
    long[] intended = new long[count];
    Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    room.delivered.set(0);
    room.onDelivery =
        (id, nanos) -> {
          long index = id - firstId;
          if (index >= 0 && index < count) {
            latency.recordValue(Math.max(0, (nanos - intended[(int) index]) / 1000));
          }
        };
    long pacedStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    for (int i = 0; i < count; i++) {
      long due = pacedStart + i * interval;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      intended[i] = due;
      publisher.publish(room.nextId++);
    }
    long lost = room.awaitAll((long) count * members);
    return new Result(
        target.name(),
        members,
        saturation,
        messagesPerSecond * members,
        latency,
        (long) count * members,
        lost);
  }

  record Result(
      String server,
      int members,
      double saturation,
      double pacedRate,
      Histogram latency,
      long pacedDeliveries,
      long lost) {

    String row() {
      return String.format(
          "| %-16s | %6d | %12.0f | %10.0f | %9.2f | %9.2f | %9.2f | %9.2f |%s",
          server,
          members,
          saturation,
          pacedRate,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getValueAtPercentile(99.9) / 1000.0,
          latency.getMaxValue() / 1000.0,
          lost > 0 ? " " + lost + " of " + pacedDeliveries + " deliveries missing" : "");
    }
  }

  private static void print(Map<String, List<Result>> results) {
    System.out.println();
    System.out.println("fan-out, one publisher, N receivers; " + Bench.MACHINE);
    System.out.println(
        "| server           |      N | deliveries/s | paced at/s | p50 ms    | p99 ms    |"
            + " p99.9 ms  | max ms    |");
    System.out.println(
        "|------------------|-------:|-------------:|-----------:|----------:|----------:|"
            + "----------:|----------:|");
    results.values().forEach(rows -> rows.forEach(row -> System.out.println(row.row())));
    List<Result> lockstep = results.get("lockstep");
    if (lockstep == null) {
      return;
    }
    System.out.println();
    System.out.println("Lockstep's saturation throughput as a ratio to each (1.00 = as fast)");
    StringBuilder header = new StringBuilder("| N      |");
    StringBuilder rule = new StringBuilder("|-------:|");
    results.keySet().stream()
        .filter(name -> !name.equals("lockstep"))
        .forEach(
            name -> {
              header.append(String.format(" vs %-16s |", name));
              rule.append("--------------------:|");
            });
    System.out.println(header);
    System.out.println(rule);
    for (int i = 0; i < lockstep.size(); i++) {
      Result own = lockstep.get(i);
      StringBuilder line = new StringBuilder(String.format("| %6d |", own.members()));
      for (var entry : results.entrySet()) {
        if (entry.getKey().equals("lockstep")) {
          continue;
        }
        Result other = entry.getValue().size() > i ? entry.getValue().get(i) : null;
        line.append(
            other == null
                ? String.format(" %19s |", "-")
                : String.format(" %19.2f |", own.saturation() / other.saturation()));
      }
      System.out.println(line);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Connections

  interface DeliveryListener {
    void delivered(long id, long nanos);
  }

  interface Publisher {
    void publish(long id) throws Exception;
  }

  /** The receivers of the room being measured, and its publisher. */
  static final class Room {
    final AtomicLong delivered = new AtomicLong();
    volatile DeliveryListener onDelivery = (id, nanos) -> {};
    long nextId = 1;
    private final Publisher publisher;

    Room(Publisher publisher) {
      this.publisher = publisher;
    }

    Publisher publisher() {
      return publisher;
    }

    void delivered(long id, long nanos) {
      delivered.incrementAndGet();
      onDelivery.delivered(id, nanos);
    }

    /** Waits until {@code expected} deliveries arrived (at most 30 s); answers how many did not. */
    long awaitAll(long expected) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (delivered.get() < expected && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      long missing = expected - delivered.get();
      delivered.set(0);
      return Math.max(0, missing);
    }
  }

  /**
   * One WebSocket: whole text messages go to {@code onMessage}; sends are chained, since the JDK
   * allows one outstanding send per socket (and pong answers may cross the publisher's sends).
   */
  abstract static class Client implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    volatile WebSocket socket;
    volatile Room room;

    static <C extends Client> C open(C client, URI uri, int index, String bearer) {
      var builder = CLIENTS[index % CLIENTS.length].newWebSocketBuilder();
      if (bearer != null) {
        builder.header("Authorization", "Bearer " + bearer);
      }
      builder.buildAsync(uri, client).join();
      return client;
    }

    synchronized CompletableFuture<?> send(String text) {
      lastSend = lastSend.thenCompose(done -> socket.sendText(text, true));
      return lastSend;
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket; // before buildAsync completes: the server may speak first
      webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      long now = System.nanoTime();
      if (last && partial.isEmpty()) {
        onMessage(data, now);
      } else {
        partial.append(data);
        if (last) {
          onMessage(partial, now);
          partial.setLength(0);
        }
      }
      return null;
    }

    abstract void onMessage(CharSequence text, long nanos);

    void delivered(long id, long nanos) {
      Room current = room;
      if (current != null) {
        current.delivered(id, nanos);
      }
    }
  }

  interface Target extends AutoCloseable {
    String name();

    /** Makes a room of {@code members} receivers and a publisher ready. */
    void prepareRoom(int members) throws Exception;

    Room room();

    @Override
    void close();
  }

  private static String payload(long id) {
    var text = new StringBuilder(PAYLOAD_CHARS).append(String.format("%019d ", id));
    while (text.length() < PAYLOAD_CHARS) {
      text.append('x');
    }
    return text.toString();
  }

  private static long parseId(CharSequence text, int at) {
    long id = 0;
    for (int i = at; i < at + 19; i++) {
      id = id * 10 + (text.charAt(i) - '0');
    }
    return id;
  }

  private static void awaitPort(int port, Process process, String name) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited");
      }
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      }
    }
    throw new IllegalStateException(name + " did not start");
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Lockstep: members of one note; the publisher relays awareness updates

  static final class LockstepTarget implements Target {
    private static final long CLIENT_ID = 4242;
    private static final String STATE = "{\"user\":{\"name\":\"bench\",\"color\":\"#30bced\"}}";

    private final MicroProcess server;
    private final String token;
    private final List<LockstepClient> receivers = new ArrayList<>();
    private LockstepClient publisher;
    private Room room;

    private LockstepTarget(MicroProcess server) {
      this.server = server;
      this.token = Lockstep.devToken(server.base(), "bench-fanout", false);
    }

    static LockstepTarget start() {
      List<String> options = new ArrayList<>();
      // one publisher sends far more than a person would: lift the per-connection frame limit
      options.add("-Dlockstep.ws.max-frames-per-second=1000000");
      String jfr = System.getProperty("bench.fanout.jfr");
      if (jfr != null && !jfr.isBlank()) {
        options.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
      }
      return new LockstepTarget(MicroProcess.start("bench-fanout", options));
    }

    @Override
    public String name() {
      return "lockstep";
    }

    @Override
    public void prepareRoom(int members) throws Exception {
      var created =
          Lockstep.send(
              server.base(), "POST", "api/notes", "{\"title\":\"fan-out " + members + "\"}", token);
      if (created.statusCode() != 201) {
        throw new IllegalStateException(created.statusCode() + " " + created.body());
      }
      String noteId = Lockstep.json(created).getString("id");
      URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/lockstep/ws");
      while (receivers.size() < members) {
        receivers.add(Client.open(new LockstepClient(), ws, receivers.size(), token));
      }
      if (publisher == null) {
        publisher = Client.open(new LockstepClient(), ws, 0, token);
      }
      List<LockstepClient> joining = new ArrayList<>(receivers.subList(0, members));
      joining.add(publisher);
      for (int from = 0; from < joining.size(); from += 50) {
        List<CompletableFuture<Void>> joined = new ArrayList<>();
        for (LockstepClient client : joining.subList(from, Math.min(joining.size(), from + 50))) {
          joined.add(client.join(noteId));
        }
        CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      }
      receivers.forEach(client -> client.room = null);
      LockstepClient sender = publisher;
      room =
          new Room(
              id -> {
                byte[] update = awarenessUpdate(id);
                sender
                    .send(
                        "{\"type\":\"ydoc:awareness:update\",\"document_id\":\""
                            + noteId
                            + "\",\"update\":\""
                            + Base64.getEncoder().encodeToString(update)
                            + "\"}")
                    .join();
              });
      receivers.subList(0, members).forEach(client -> client.room = room);
    }

    @Override
    public Room room() {
      return room;
    }

    /** The y-protocols awareness update of one client whose clock is the message number. */
    static byte[] awarenessUpdate(long clock) {
      byte[] state = STATE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      var out = new java.io.ByteArrayOutputStream(16 + state.length);
      writeVarUint(out, 1);
      writeVarUint(out, CLIENT_ID);
      writeVarUint(out, clock);
      writeVarUint(out, state.length);
      out.writeBytes(state);
      return out.toByteArray();
    }

    private static void writeVarUint(java.io.ByteArrayOutputStream out, long value) {
      while (value > 0x7f) {
        out.write((int) (value & 0x7f) | 0x80);
        value >>>= 7;
      }
      out.write((int) value);
    }

    @Override
    public void close() {
      // the server goes first: closing a thousand members one by one would tell each the others
      // left
      if (System.getProperty("bench.fanout.jfr", "").isBlank()) {
        server.close();
        return;
      }
      // a graceful stop, so that the JVM writes the flight recording (close() kills)
      ProcessHandle.current()
          .children()
          .filter(p -> p.info().commandLine().orElse("").contains("StartFlightRecording"))
          .forEach(
              p -> {
                p.destroy();
                p.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
              });
      server.close();
    }
  }

  static final class LockstepClient extends Client {
    private static final String AWARENESS = "{\"type\":\"ydoc:awareness:update\"";
    private static final String UPDATE = "\"update\":\"";
    private volatile CompletableFuture<Void> joined;

    CompletableFuture<Void> join(String noteId) {
      joined = new CompletableFuture<>();
      send("{\"type\":\"ydoc:document:join\",\"document_id\":\"" + noteId + "\",\"id\":\"j\"}");
      return joined;
    }

    @Override
    void onMessage(CharSequence text, long nanos) {
      if (startsWith(text, AWARENESS)) {
        String frame = text.toString();
        int from = frame.indexOf(UPDATE) + UPDATE.length();
        byte[] update = Base64.getDecoder().decode(frame.substring(from, frame.indexOf('"', from)));
        int[] at = {0};
        readVarUint(update, at); // count
        if (readVarUint(update, at) == LockstepTarget.CLIENT_ID) {
          delivered(readVarUint(update, at), nanos);
        }
      } else if (startsWith(text, "{\"type\":\"ydoc:document:state\"")) {
        joined.complete(null);
      } else if (startsWith(text, "{\"type\":\"error\"")) {
        System.err.println("lockstep error: " + text);
        if (joined != null) {
          joined.completeExceptionally(new IllegalStateException(text.toString()));
        }
      }
    }

    private static long readVarUint(byte[] bytes, int[] at) {
      long value = 0;
      int shift = 0;
      while (true) {
        int b = bytes[at[0]++] & 0xff;
        value |= (long) (b & 0x7f) << shift;
        if (b < 0x80) {
          return value;
        }
        shift += 7;
      }
    }
  }

  private static boolean startsWith(CharSequence text, String prefix) {
    if (text.length() < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (text.charAt(i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Plain WebSocket servers that broadcast to every other socket (the ceiling, socket.io)

  abstract static class BroadcastTarget implements Target {
    private final List<Client> receivers = new ArrayList<>();
    private Client publisher;
    private Room room;

    abstract Client connect(int index) throws Exception;

    abstract String frame(long id);

    @Override
    public void prepareRoom(int members) throws Exception {
      if (publisher == null) {
        publisher = connect(0);
      }
      // every open socket receives: exactly N receivers
      while (receivers.size() > members) {
        receivers.remove(receivers.size() - 1).close();
      }
      while (receivers.size() < members) {
        receivers.add(connect(receivers.size()));
      }
      receivers.forEach(client -> client.room = null);
      Client sender = publisher;
      room = new Room(id -> sender.send(frame(id)).join());
      receivers.forEach(client -> client.room = room);
    }

    @Override
    public Room room() {
      return room;
    }

    void closeClients() {
      receivers.forEach(Client::close);
      if (publisher != null) {
        publisher.close();
      }
    }
  }

  /** A bare {@link BroadcastEndpoint} in a WAR of its own, on the same Payara Micro. */
  static final class CeilingTarget extends BroadcastTarget {
    private final Process server;
    private final URI uri;

    private CeilingTarget(Process server, int port) {
      this.server = server;
      this.uri = URI.create("ws://127.0.0.1:" + port + "/bare/broadcast");
    }

    static CeilingTarget start() throws Exception {
      Path war = Path.of("target", "bench-broadcast.war").toAbsolutePath();
      ShrinkWrap.create(WebArchive.class, "bench-broadcast.war")
          .addClass(BroadcastEndpoint.class)
          .as(ZipExporter.class)
          .exportTo(war.toFile(), true);
      int port = MicroProcess.freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(split(System.getProperty("lockstep.it.jvm-options")));
      command.addAll(
          List.of(
              "-jar",
              System.getProperty("lockstep.it.micro-jar"),
              "--deploy",
              war.toString(),
              "--contextroot",
              "bare",
              "--port",
              Integer.toString(port),
              "--nocluster"));
      command.addAll(split(System.getProperty("lockstep.it.micro-options")));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(Path.of("target", "micro-bench-broadcast.log").toFile())
              .start();
      CeilingTarget target = new CeilingTarget(process, port);
      awaitPort(port, process, "Payara Micro (bare broadcast)");
      // the port opens before the WAR is deployed: wait for the endpoint itself
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (true) {
        try {
          target.connect(0).close();
          return target;
        } catch (RuntimeException notYet) {
          if (System.nanoTime() > deadline || !process.isAlive()) {
            stop(process);
            throw new IllegalStateException("the bare broadcast WAR did not deploy", notYet);
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
      }
    }

    @Override
    public String name() {
      return "ceiling";
    }

    @Override
    Client connect(int index) {
      return Client.open(new BareClient(), uri, index, null);
    }

    @Override
    String frame(long id) {
      return payload(id);
    }

    @Override
    public void close() {
      closeClients();
      stop(server);
    }

    private static List<String> split(String options) {
      return options == null || options.isBlank()
          ? List.of()
          : Arrays.stream(options.trim().split("\\s+")).toList();
    }
  }

  static final class BareClient extends Client {
    @Override
    void onMessage(CharSequence text, long nanos) {
      delivered(parseId(text, 0), nanos);
    }
  }

  /**
   * A Socket.IO server (Node's socket.io or python-socketio), spoken to with Engine.IO v4 /
   * Socket.IO v5 framing over a plain WebSocket: {@code 0{...}} opens, {@code 40} connects to the
   * main namespace, {@code 42["m","..."]} is an event, and a ping {@code 2} is answered with {@code
   * 3}.
   */
  static final class SocketIoTarget extends BroadcastTarget {
    private static final String EVENT = "42[\"m\",\"";
    private final String name;
    private final Process server;
    private final URI uri;

    private SocketIoTarget(String name, Process server, int port) {
      this.name = name;
      this.server = server;
      this.uri = URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
    }

    static SocketIoTarget node() throws IOException {
      Path script = Bench.path("src/bench/js/socketio-broadcast.mjs");
      if (!Files.isDirectory(Bench.path("src/bench/js/node_modules/socket.io"))) {
        System.out.println(
            "socket.io: skipped, src/bench/js/node_modules lacks socket.io (npm ci there)");
        return null;
      }
      return launch(
          "socket.io", List.of(System.getProperty("bench.node", "node"), script.toString()));
    }

    static SocketIoTarget python() throws Exception {
      String python = null;
      for (String candidate :
          List.of(System.getProperty("bench.python", "python3"), "/usr/bin/python3")) {
        try {
          Process check =
              new ProcessBuilder(candidate, "-c", "import socketio, aiohttp")
                  .redirectErrorStream(true)
                  .start();
          check.getInputStream().readAllBytes();
          if (check.waitFor() == 0) {
            python = candidate;
            break;
          }
        } catch (IOException notThere) {
          // try the next one
        }
      }
      if (python == null) {
        System.out.println(
            "python-socketio: skipped, no python3 can import socketio and aiohttp;"
                + " apt-get install -y python3-socketio python3-aiohttp");
        return null;
      }
      Path script = Bench.path("src/bench/python/socketio_broadcast.py");
      return launch("python-socketio", List.of(python, script.toString()));
    }

    private static SocketIoTarget launch(String name, List<String> command) throws IOException {
      int port = MicroProcess.freePort();
      List<String> withPort = new ArrayList<>(command);
      withPort.add(Integer.toString(port));
      Process process =
          new ProcessBuilder(withPort)
              .redirectErrorStream(true)
              .redirectOutput(Path.of("target", "bench-" + name + ".log").toFile())
              .start();
      awaitPort(port, process, name);
      return new SocketIoTarget(name, process, port);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    Client connect(int index) throws Exception {
      SocketIoClient client = Client.open(new SocketIoClient(), uri, index, null);
      client.connected.get(30, TimeUnit.SECONDS);
      return client;
    }

    @Override
    String frame(long id) {
      return EVENT + payload(id) + "\"]";
    }

    @Override
    public void close() {
      closeClients();
      stop(server);
    }
  }

  static final class SocketIoClient extends Client {
    final CompletableFuture<Void> connected = new CompletableFuture<>();

    @Override
    void onMessage(CharSequence text, long nanos) {
      if (startsWith(text, SocketIoTarget.EVENT)) {
        delivered(parseId(text, SocketIoTarget.EVENT.length()), nanos);
      } else if (text.length() == 1 && text.charAt(0) == '2') {
        send("3");
      } else if (startsWith(text, "0{")) {
        send("40");
      } else if (startsWith(text, "40")) {
        connected.complete(null);
      } else if (startsWith(text, "44")) {
        connected.completeExceptionally(new IllegalStateException(text.toString()));
      }
    }
  }

  private FanOut() {}
}
