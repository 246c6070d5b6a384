package io.stocklambda.serving.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import io.stocklambda.commands.serving.KibanaImportOptions;
import io.stocklambda.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * {@code stocklambda kibana import}: posts the project's saved objects (index pattern on the {@code
 * predictions} alias, visualizations, the dashboard) to Kibana's saved-objects import API,
 * overwriting older copies, and reports what Kibana says.
 */
public final class KibanaImport extends KibanaImportOptions implements Runnable {

  /** The saved objects, bundled from {@code docker/kibana/}. */
  public static final String RESOURCE = "/kibana/stocklambda.ndjson";

  @Override
  public void run() {
    byte[] objects = objects(file);
    Result result =
        post(
            URI.create(url.replaceAll("/+$", "") + "/api/saved_objects/_import?overwrite=true"),
            objects,
            user,
            user == null ? null : System.getenv(PASSWORD_ENV));
    System.out.println(result.describe());
    if (!result.success()) {
      throw new IllegalStateException("Kibana refused some objects");
    }
  }

  /** What Kibana answered. */
  public record Result(int status, boolean success, int successCount, String errors) {
    String describe() {
      return success
          ? "imported " + successCount + " saved objects"
          : "HTTP " + status + ": " + successCount + " imported; errors: " + errors;
    }
  }

  public static byte[] objects(String file) {
    try {
      if (file != null) {
        return Files.readAllBytes(Paths.get(file));
      }
      try (InputStream in = KibanaImport.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "the bundled saved objects " + RESOURCE + " are missing from the classpath");
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read saved objects: " + e.getMessage(), e);
    }
  }

  /** Posts the ndjson as the multipart form Kibana's import API takes. */
  public static Result post(URI endpoint, byte[] ndjson, String user, String password) {
    if (user != null && (password == null || password.isEmpty())) {
      throw new IllegalArgumentException("--user given but " + PASSWORD_ENV + " is not set");
    }
    String boundary = "stocklambda-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stocklambda.ndjson\"\r\n"
            + "Content-Type: application/ndjson\r\n\r\n");
    body.writeBytes(ndjson);
    write(body, "\r\n--" + boundary + "--\r\n");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(60))
            .header("kbn-xsrf", "stocklambda")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isBlank() ? null : Json.mapper().readTree(response.body());
      boolean success =
          response.statusCode() == 200 && json != null && json.path("success").asBoolean(false);
      return new Result(
          response.statusCode(),
          success,
          json == null ? 0 : json.path("successCount").asInt(0),
          json == null
              ? response.body()
              : json.path("errors").toString() + json.path("message").asText(""));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach Kibana at " + endpoint + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
