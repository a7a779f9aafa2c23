package io.lockstep.notes;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real y-websocket clients: the npm packages {@code yjs}, {@code y-websocket} and {@code ws} in a
 * Node process ({@code src/test/js/yws-driver.mjs}), driven one JSON command at a time.
 */
public final class YjsClients implements AutoCloseable {

  private static final Path SCRIPTS = Path.of("src/test/js");
  private static final long ANSWER_SECONDS = 30;

  private final Process node;
  private final Writer commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final StringBuilder errors = new StringBuilder();
  private final String yjsUrl;

  public YjsClients(URI base) {
    if (!Files.isDirectory(SCRIPTS.resolve("node_modules/y-websocket"))) {
      throw new AssertionError(
          "run npm ci in " + SCRIPTS + " (mvn does it in generate-test-resources)");
    }
    yjsUrl = "ws://" + base.getHost() + ":" + base.getPort() + base.getPath() + "ws/yjs";
    try {
      node =
          new ProcessBuilder("node", "yws-driver.mjs")
              .directory(SCRIPTS.toFile())
              .redirectErrorStream(false)
              .start();
    } catch (IOException e) {
      throw new AssertionError("cannot start node", e);
    }
    commands = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    pump(
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8)),
        true);
    pump(
        new BufferedReader(new InputStreamReader(node.getErrorStream(), StandardCharsets.UTF_8)),
        false);
  }

  private void pump(BufferedReader reader, boolean isAnswers) {
    Thread thread =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = reader.readLine()) != null) {
                  if (isAnswers) {
                    answers.add(line);
                  } else {
                    synchronized (errors) {
                      errors.append(line).append('\n');
                    }
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    thread.setDaemon(true);
    thread.start();
  }

  /** Sends a command and returns its answer; fails the test if node reports an error. */
  JsonObject call(JsonObjectBuilder command) {
    JsonObject sent = command.build();
    try {
      commands.write(sent.toString());
      commands.write('\n');
      commands.flush();
      String line = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("node gave no answer to " + sent + "\n" + stderr());
      }
      JsonObject answer = Json.createReader(new StringReader(line)).readObject();
      if (!answer.getBoolean("ok")) {
        throw new AssertionError(
            "node failed "
                + sent.getString("cmd")
                + ": "
                + answer.getString("error")
                + "\n"
                + stderr());
      }
      return answer;
    } catch (IOException e) {
      throw new AssertionError("node is gone: " + stderr(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static JsonObjectBuilder cmd(String cmd, String name) {
    return Json.createObjectBuilder().add("cmd", cmd).add("name", name);
  }

  /** Connects a y-websocket client named {@code name} to a note. */
  void connect(String name, String noteId, String token) {
    var command = cmd("connect", name).add("url", yjsUrl).add("room", noteId);
    if (token != null) {
      command.add("token", token);
    }
    call(command);
  }

  String yjsUrl() {
    return yjsUrl;
  }

  /** Connects and waits for the first sync. */
  public void open(String name, String noteId, String token) {
    connect(name, noteId, token);
    synced(name);
  }

  void synced(String name) {
    call(cmd("synced", name));
  }

  public void insert(String name, int index, String text) {
    call(cmd("insert", name).add("index", index).add("text", text));
  }

  public String text(String name) {
    return call(cmd("text", name)).getString("text");
  }

  public void awaitText(String name, String text) {
    call(cmd("waitText", name).add("text", text));
  }

  private String stderr() {
    synchronized (errors) {
      return errors.length() == 0 ? "" : "node stderr:\n" + errors;
    }
  }

  @Override
  public void close() {
    try {
      commands.close();
      if (!node.waitFor(10, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      node.destroyForcibly();
    }
  }
}
