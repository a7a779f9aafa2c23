package io.lockstep.notes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockstep.yjs.Content;
import io.lockstep.yjs.DeleteSet;
import io.lockstep.yjs.NodeYjs;
import io.lockstep.yjs.Struct;
import io.lockstep.yjs.Update;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server stores an update only if every Yjs client can apply it: for each content kind that Yjs
 * reads with JSON.parse, and for type references, the server's verdict is that of the real {@code
 * yjs} package.
 */
class UpdateContentTest {

  private static byte[] rootItem(Content content) {
    var item = new Struct.Item(7, 0, null, null, "t", null, null, false, content);
    return new Update(Map.of(7L, List.<Struct>of(item)), new DeleteSet()).encode();
  }

  private static boolean serverAccepts(byte[] update) {
    try {
      NoteDocuments.requireUpdate(update);
      return true;
    } catch (InvalidNoteException refused) {
      return false;
    }
  }

  @Test
  void anUpdateIsStoredExactlyWhenYjsCanApplyIt() {
    Map<String, byte[]> updates = new LinkedHashMap<>();
    updates.put("embed", rootItem(new Content.Embed("{\"image\":\"cat.png\"}")));
    updates.put("embed not JSON", rootItem(new Content.Embed("{\"image\":")));
    updates.put("format", rootItem(new Content.Format("bold", "true")));
    updates.put("format value not JSON", rootItem(new Content.Format("bold", "tru")));
    updates.put("json content", rootItem(new Content.Json(List.of("1", "undefined", "[2]"))));
    updates.put("json content not JSON", rootItem(new Content.Json(List.of("1", "[2,"))));
    updates.put("json content, two values", rootItem(new Content.Json(List.of("1 2"))));
    updates.put("type map", rootItem(new Content.Type(1, null)));
    updates.put("type XML element", rootItem(new Content.Type(3, "p")));

    JsonArrayBuilder checks = Json.createArrayBuilder();
    updates.forEach(
        (name, update) ->
            checks.add(
                Json.createObjectBuilder()
                    .add("name", name)
                    .add(
                        "apply",
                        Json.createArrayBuilder()
                            .add(Base64.getEncoder().encodeToString(update)))));
    JsonObject yjs =
        NodeYjs.run(
            "yjs-check.mjs", Json.createObjectBuilder().add("checks", checks).build().toString());

    Map<String, Boolean> yjsApplies = new LinkedHashMap<>();
    Map<String, Boolean> serverStores = new LinkedHashMap<>();
    for (JsonObject result : yjs.getJsonArray("results").getValuesAs(JsonObject.class)) {
      String name = result.getString("name");
      yjsApplies.put(name, !result.containsKey("error"));
      serverStores.put(name, serverAccepts(updates.get(name)));
    }
    assertEquals(yjsApplies, serverStores);
    assertEquals(5, yjsApplies.values().stream().filter(applies -> applies).count(), "" + yjs);
  }

  @Test
  void aTypeYjsDoesNotKnowIsRefused() {
    // Content.Type cannot be built with reference 7 or more: the bytes are written by hand.
    // Item of client 7 at clock 0, info 0x07 (type content), parent root "t", type reference 7
    byte[] unknownType = java.util.HexFormat.of().parseHex("0101070007010174" + "07" + "00");
    byte[] knownType = java.util.HexFormat.of().parseHex("0101070007010174" + "01" + "00");
    JsonObject yjs =
        NodeYjs.run(
            "yjs-check.mjs",
            Json.createObjectBuilder()
                .add(
                    "checks",
                    Json.createArrayBuilder()
                        .add(check("unknown", unknownType))
                        .add(check("known", knownType)))
                .build()
                .toString());
    List<JsonObject> results = yjs.getJsonArray("results").getValuesAs(JsonObject.class);

    assertEquals(List.of(true, false), results.stream().map(r -> r.containsKey("error")).toList());
    assertEquals(false, serverAccepts(unknownType));
    assertEquals(true, serverAccepts(knownType));
  }

  private static JsonObject check(String name, byte[] update) {
    return Json.createObjectBuilder()
        .add("name", name)
        .add("apply", Json.createArrayBuilder().add(Base64.getEncoder().encodeToString(update)))
        .build();
  }
}
