package io.lockstep.webapp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.it.MicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reference web app in Debian's chromium (playwright-core, {@code src/test/js/web-app.mjs})
 * against a real Lockstep in a process of its own, so that the last test can restart it as a new
 * deployment. A failing scenario leaves screenshots in {@code target/browser-screenshots}.
 *
 * <p>Payara only (not in -Pwildfly): it restarts its own Payara Micro process to show a new
 * deployment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppIT {

  private static final Path CHROMIUM =
      Path.of(System.getProperty("lockstep.it.chromium", "/usr/bin/chromium"));
  private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  private static MicroProcess server;

  @BeforeAll
  static void startServer() {
    assertTrue(
        Files.isExecutable(CHROMIUM),
        "the browser tests need Debian's chromium at "
            + CHROMIUM
            + " (apt-get install chromium; .ci/run installs it)");
    server = MicroProcess.start("webapp", MicroProcess.durableDatabase());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void signInAndSeeALiveChatList() {
    run("live-list", line -> {});
  }

  @Test
  @Order(2)
  void twoBrowsersOfOneUserSeeEachOthersChanges() {
    run("two-contexts", line -> {});
  }

  @Test
  @Order(3)
  void aStreamedAnswerSurvivesAReloadMidStream() {
    run("reload-mid-stream", line -> {});
  }

  @Test
  @Order(4)
  void aCutConnectionRecoversEveryEventOnce() {
    run("network-cut", line -> {});
  }

  @Test
  @Order(5)
  void twoUsersEditANoteAndAReaderCannotType() {
    run("note", line -> {});
  }

  @Test
  @Order(6)
  void anAdminDisconnectsThenDeletesAUserFromTheAdminPage() {
    run("admin", line -> {});
  }

  @Test
  @Order(7)
  void aNewDeploymentReloadsThePage() {
    run(
        "deployment",
        line -> {
          if (line.equals("READY")) {
            int port = server.port();
            server.close();
            server = MicroProcess.start("webapp-redeployed", port, MicroProcess.durableDatabase());
          }
        });
  }

  /** Runs a scenario; {@code signals} sees each line it prints before its result. */
  private static void run(String scenario, Consumer<String> signals) {
    List<String> command =
        List.of("node", "web-app.mjs", server.base().toString(), scenario, screenshots());
    try {
      var builder = new ProcessBuilder(command).directory(Path.of("src/test/js").toFile());
      builder.environment().put("CHROMIUM", CHROMIUM.toString());
      Process node = builder.start();
      CompletableFuture.delayedExecutor(300, TimeUnit.SECONDS).execute(node::destroyForcibly);
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> read(node.getErrorStream()));
      String result = null;
      try (var out =
          new BufferedReader(
              new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("{")) {
            result = line;
          } else {
            signals.accept(line);
          }
        }
      }
      if (!node.waitFor(10, TimeUnit.SECONDS)) {
        node.destroyForcibly();
        throw new AssertionError(scenario + " did not finish: " + err.join());
      }
      assertTrue(result != null, () -> scenario + " printed no result: " + err.join());
      JsonObject outcome = Json.createReader(new StringReader(result)).readObject();
      assertTrue(
          outcome.getBoolean("ok"),
          () ->
              scenario
                  + " failed: "
                  + outcome.getString("error", "")
                  + "\nscreenshots: "
                  + outcome.get("screenshots")
                  + "\n"
                  + err.join());
    } catch (IOException e) {
      throw new AssertionError("cannot run node", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String screenshots() {
    return SCREENSHOTS.toAbsolutePath().toString();
  }

  private static String read(java.io.InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
