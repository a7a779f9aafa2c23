package io.lockstep.yjs;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a script of {@code src/test/js} with Node and the real {@code yjs}; JSON in, JSON out. */
public final class NodeYjs {

  private static final Path SCRIPTS = Path.of("src/test/js");

  private NodeYjs() {}

  public static JsonObject run(String script, String input) {
    if (!Files.isDirectory(SCRIPTS.resolve("node_modules/yjs"))) {
      throw new AssertionError(
          "run npm ci in " + SCRIPTS + " (mvn does it in generate-test-resources)");
    }
    try {
      Process node = new ProcessBuilder("node", script).directory(SCRIPTS.toFile()).start();
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(() -> read(node.getInputStream()));
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> read(node.getErrorStream()));
      try (var stdin = node.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!node.waitFor(120, TimeUnit.SECONDS)) {
        node.destroyForcibly();
        throw new AssertionError("node " + script + " did not finish");
      }
      if (node.exitValue() != 0) {
        throw new AssertionError("node " + script + " failed: " + err.join());
      }
      return Json.createReader(new StringReader(out.join())).readObject();
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
