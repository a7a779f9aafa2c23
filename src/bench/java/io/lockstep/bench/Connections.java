package io.lockstep.bench;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Idle signed-in /ws connections on one node (100 users, bearer token on the handshake): the
 * server's heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}) at each step, its
 * threads and file descriptors, and what a connection costs.
 */
final class Connections {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private Connections() {}

  static void run(MicroProcess server) throws Exception {
    List<Integer> steps = Bench.intsProperty("bench.connections.steps", "1000,5000,10000");
    int users = Bench.intProperty("bench.connections.users", 100);
    int parallel = Bench.intProperty("bench.connections.parallel", 50);
    URI base = server.base();
    List<String> tokens = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      tokens.add(Lockstep.devToken(base, "idle-" + u + "-" + System.nanoTime(), false));
    }
    // one selector thread per HttpClient: spread the connections over a few
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      clients.add(HttpClient.newHttpClient());
    }
    long pid = server.pid();
    List<String> rows = new ArrayList<>();
    long baseline = heapAfterGc(pid);
    rows.add(row(0, baseline, baseline, pid, 0));
    var open = new ConcurrentLinkedQueue<Bench.Socket>();
    // each user signs in once alone first: concurrent first sign-ins of one new user race to
    // create its row, and the loser's connection is never admitted (see performance.md)
    for (int u = 0; u < users; u++) {
      open.add(
          Bench.Socket.open(clients.get(u % clients.size()), Bench.wsUri(base), tokens.get(u), null)
              .get(60, TimeUnit.SECONDS));
    }
    AtomicInteger failed = new AtomicInteger();
    String failure = null;
    for (int target : steps) {
      long started = System.nanoTime();
      int opening = target - open.size() - failed.get();
      Semaphore slots = new Semaphore(parallel);
      List<CompletableFuture<?>> pending = new ArrayList<>();
      for (int i = 0; i < opening; i++) {
        slots.acquire();
        int n = open.size() + i;
        pending.add(
            Bench.Socket.open(
                    clients.get(n % clients.size()),
                    Bench.wsUri(base),
                    tokens.get(n % tokens.size()),
                    null)
                .whenComplete(
                    (socket, error) -> {
                      slots.release();
                      if (error == null) {
                        open.add(socket);
                      } else {
                        failed.incrementAndGet();
                      }
                    }));
      }
      try {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
            .get(10, TimeUnit.MINUTES);
      } catch (java.util.concurrent.ExecutionException e) {
        failure = String.valueOf(e.getCause());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long dropped = open.stream().filter(s -> s.closed.isDone()).count();
      rows.add(row(open.size() - dropped, heapAfterGc(pid), baseline, pid, opening / seconds));
      if (failed.get() > 0) {
        break;
      }
    }
    System.out.println();
    System.out.printf(
        "== Connections: idle signed-in /ws connections, %d users, one node -- %s%n",
        users, Bench.MACHINE);
    System.out.printf(
        "server: %s; client and server each need one descriptor per connection%n", limits(pid));
    System.out.printf(
        "%11s %10s %14s %8s %8s %12s%n",
        "connections", "heap MB", "KB/connection", "threads", "fds", "opened/s");
    rows.forEach(System.out::println);
    if (failed.get() > 0) {
      System.out.println(failed.get() + " connections failed, first: " + failure);
    }
    open.forEach(Bench.Socket::abort);
  }

  private static String row(
      long connections, long heapKb, long baselineKb, long pid, double openedPerSecond)
      throws IOException {
    return String.format(
        "%11d %10.1f %14s %8d %8d %12s",
        connections,
        heapKb / 1024.0,
        connections == 0
            ? "-"
            : String.format("%.1f", (heapKb - baselineKb) / (double) connections),
        threads(pid),
        descriptors(pid),
        openedPerSecond == 0 ? "-" : String.format("%.0f", openedPerSecond));
  }

  /** Used heap in KB after two full collections (the second finds what the first freed). */
  static long heapAfterGc(long pid) throws Exception {
    // no pause needed: every connection counted has had its welcome, so the server's work for it
    // (handshake, sign-in) is done
    jcmd(pid, "GC.run");
    jcmd(pid, "GC.run");
    Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("no heap figure from jcmd");
    }
    return Long.parseLong(used.group(1));
  }

  static String jcmd(long pid, String command) throws Exception {
    List<String> args = new ArrayList<>();
    args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    args.add(Long.toString(pid));
    args.addAll(List.of(command.split(" ")));
    Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + ": " + out);
    }
    return out;
  }

  private static long threads(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(line -> line.startsWith("Threads:"))
        .mapToLong(line -> Long.parseLong(line.substring(8).trim()))
        .findFirst()
        .orElse(-1);
  }

  private static long descriptors(long pid) throws IOException {
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    }
  }

  private static String limits(long pid) throws IOException {
    String files =
        Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits")).stream()
            .filter(line -> line.startsWith("Max open files"))
            .map(line -> line.replaceAll("\\s+", " ").replace("Max open files ", ""))
            .findFirst()
            .orElse("?");
    String ports = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
    String heapMax = "";
    try {
      Matcher max =
          Pattern.compile("MaxHeapSize\\s*=\\s*(\\d+)").matcher(jcmd(pid, "VM.flags -all"));
      if (max.find()) {
        heapMax = String.format(", max heap %d MB", Long.parseLong(max.group(1)) >> 20);
      }
    } catch (Exception ignored) {
      // the figure is a courtesy
    }
    return "open files (soft hard units) "
        + files
        + ", ephemeral ports "
        + ports.replaceAll("\\s+", "-")
        + heapMax;
  }
}
