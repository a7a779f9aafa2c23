package io.lockstep.notes;

import static io.lockstep.it.Lockstep.devToken;
import static io.lockstep.it.Lockstep.json;
import static io.lockstep.it.Lockstep.send;
import static io.lockstep.notes.YjsClients.cmd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockstep.it.Lockstep;
import io.lockstep.it.MicroProcess;
import io.lockstep.it.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every acknowledged update of a note survives the server being killed (kill -9): after a restart
 * on the same database, a y-websocket client loads the whole document.
 *
 * <p>Payara only (not in -Pwildfly): it kills its own Payara Micro process with SIGKILL.
 */
class NotesSurviveACrashIT {

  @Test
  void everyAcknowledgedUpdateSurvivesKillMinusNine() {
    String noteId;
    String token;
    String expected = "kept after kill -9"; // one frame a character: under the rate limit
    long stored;
    try (MicroProcess first = MicroProcess.start("before-crash", MicroProcess.durableDatabase());
        YjsClients js = new YjsClients(first.base())) {
      token = devToken(first.base(), "crash-" + System.nanoTime(), false);
      var created = send(first.base(), "POST", "api/notes", "{\"title\":\"durable\"}", token);
      noteId = json(created).getString("id");
      js.call(cmd("doc", "writer"));
      js.call(cmd("type", "writer").add("text", expected));
      List<String> updates =
          js
              .call(cmd("updates", "writer"))
              .getJsonArray("updates")
              .getValuesAs(JsonString.class)
              .stream()
              .map(JsonString::getString)
              .toList();
      try (WsClient client = WsClient.signedIn(first.base(), token)) {
        client.send(
            jakarta.json.Json.createObjectBuilder()
                .add("type", "ydoc:document:join")
                .add("id", "j")
                .add("document_id", noteId)
                .build());
        awaitReply(client, "j");
        for (int i = 0; i < updates.size(); i++) {
          client.send(
              jakarta.json.Json.createObjectBuilder()
                  .add("type", "ydoc:document:update")
                  .add("id", "u" + i)
                  .add("document_id", noteId)
                  .add("update", updates.get(i))
                  .build());
          JsonObject ack = awaitReply(client, "u" + i);
          assertEquals("ydoc:document:update:ack", ack.getString("type"), ack::toString);
        }
      }
      stored = updates.size();
      first.kill();
    }
    try (MicroProcess second = MicroProcess.start("after-crash", MicroProcess.durableDatabase());
        YjsClients js = new YjsClients(second.base())) {
      JsonObject note = json(Lockstep.get(second.base(), "api/notes/" + noteId, token));
      assertEquals(stored, note.getJsonNumber("document_seq").longValue());
      js.connect("reader", noteId, token);
      js.synced("reader");
      assertEquals(expected, js.text("reader"));
    }
  }

  private static JsonObject awaitReply(WsClient client, String id) {
    while (true) {
      JsonObject frame = client.next();
      if (id.equals(frame.getString("reply_to", null))) {
        return frame;
      }
    }
  }
}
