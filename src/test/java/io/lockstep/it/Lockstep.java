package io.lockstep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployed Lockstep under test: the packaged WAR, and plain HTTP calls to it. */
public final class Lockstep {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Lockstep() {}

  /** The WAR that `mvn package` built, exactly as users deploy it. */
  public static WebArchive war() {
    return ShrinkWrap.create(ZipImporter.class, "lockstep.war")
        .importFrom(new File(System.getProperty("lockstep.it.war")))
        .as(WebArchive.class);
  }

  /** Arquillian reports the machine's address; test traffic stays on loopback. */
  public static URI loopback(URL deployed) {
    try {
      URI uri = deployed.toURI();
      String path = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
      return new URI("http", null, "127.0.0.1", uri.getPort(), path, null, null);
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  public static HttpResponse<String> get(URI base, String path, String token) {
    var request = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  public static HttpResponse<String> post(URI base, String path, String json) {
    return send(base, "POST", path, json, null);
  }

  /** Any method, with a JSON body (or none) and a bearer token (or none). */
  public static HttpResponse<String> send(
      URI base, String method, String path, String json, String token) {
    var request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  public static JsonObject json(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  public static jakarta.json.JsonArray jsonArray(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readArray();
  }

  /** A token from the development sign-in, for a new unique user. */
  public static String devToken(URI base, String username, boolean admin) {
    var response =
        post(
            base,
            "api/auth/dev-token",
            Json.createObjectBuilder()
                .add("username", username)
                .add("admin", admin)
                .build()
                .toString());
    assertEquals(200, response.statusCode(), response::body);
    return json(response).getString("token");
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
