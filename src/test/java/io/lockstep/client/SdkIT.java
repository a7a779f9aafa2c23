package io.lockstep.client;

import static io.lockstep.it.Lockstep.devToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.it.DeployedLockstep;
import io.lockstep.it.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript SDK ({@code war-overlay/js/lockstep-client.js}) in Node against a real Lockstep:
 * it survives a dropped connection mid-stream with every event once, and catches up what changed
 * while it was offline.
 */
public class SdkIT extends DeployedLockstep {

  @Test
  void aStreamWhoseConnectionDropsEndsWithEveryEventOnce() {
    JsonObject result = run("stream-reconnect");
    var held = result.getJsonArray("held");
    var stored = result.getJsonArray("stored");
    assertEquals(stored, held, "the SDK holds exactly what the server stored");
    assertTrue(
        held.getValuesAs(JsonObject.class).stream()
            .anyMatch(e -> e.getString("type").equals("agent_message")),
        held::toString);
  }

  @Test
  void changesMadeWhileOfflineArriveAfterTheReconnect() {
    JsonObject result = run("user-sync");
    var titles = result.getJsonArray("titles").getValuesAs(JsonString.class);
    assertEquals(
        java.util.List.of("while offline", "before"),
        titles.stream().map(JsonString::getString).toList());
  }

  @Test
  void twoEditorsConvergeAnOfflineEditArrivesAndAReaderCannotChangeTheNote() {
    String readerId = Tokens.uniqueUser("reader");
    String reader = devToken(base, readerId, false);
    JsonObject result = run("notes", reader, readerId);
    assertEquals("[offline] from a, from b", result.getString("a"));
    assertEquals(result.getString("a"), result.getString("b"));
    assertEquals(
        result.getString("a"), result.getString("stored"), "the reader's edit is not stored");
    assertTrue(result.getBoolean("readOnly"));
  }

  private JsonObject run(String scenario, String... more) {
    String token = devToken(base, Tokens.uniqueUser("sdk"), false);
    try {
      var command =
          new java.util.ArrayList<>(
              java.util.List.of("node", "sdk-it.mjs", base.toString(), token, scenario));
      command.addAll(java.util.List.of(more));
      Process node = new ProcessBuilder(command).directory(Path.of("src/test/js").toFile()).start();
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(() -> read(node.getInputStream()));
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> read(node.getErrorStream()));
      if (!node.waitFor(90, TimeUnit.SECONDS)) {
        node.destroyForcibly();
        throw new AssertionError("the SDK scenario did not finish: " + err.join());
      }
      JsonObject result = Json.createReader(new StringReader(out.join())).readObject();
      assertTrue(result.getBoolean("ok"), () -> result.getString("error", "") + err.join());
      return result;
    } catch (IOException e) {
      throw new AssertionError("cannot run node", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String read(java.io.InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
