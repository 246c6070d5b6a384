package io.stocklambda.serving.kibana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The import request is what Kibana's saved-objects API takes (against a stand-in server: no Kibana
 * here).
 */
class KibanaImportTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void postsTheObjectsAsAMultipartFileWithTheXsrfHeaderAndReadsTheAnswer() throws Exception {
    AtomicReference<String> body = new AtomicReference<>();
    AtomicReference<String> headers = new AtomicReference<>();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/saved_objects/_import",
        exchange -> {
          headers.set(
              exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("kbn-xsrf")
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] answer = "{\"success\":true,\"successCount\":8}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    byte[] objects = KibanaImport.objects(null);
    URI endpoint =
        URI.create(
            "http://127.0.0.1:"
                + server.getAddress().getPort()
                + "/api/saved_objects/_import?overwrite=true");

    KibanaImport.Result result = KibanaImport.post(endpoint, objects, "elastic", "s3cret");

    assertThat(result.success()).isTrue();
    assertThat(result.successCount()).isEqualTo(8);
    assertThat(headers.get())
        .startsWith(
            "/api/saved_objects/_import?overwrite=true stocklambda multipart/form-data; boundary=")
        .endsWith("Basic ZWxhc3RpYzpzM2NyZXQ=");
    assertThat(body.get())
        .contains("name=\"file\"; filename=\"stocklambda.ndjson\"")
        .contains(new String(objects, StandardCharsets.UTF_8));
  }

  @Test
  void aUserWithoutAPasswordIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(
            () ->
                KibanaImport.post(URI.create("http://127.0.0.1:9/x"), new byte[0], "elastic", null))
        .hasMessageContaining(KibanaImport.PASSWORD_ENV);
  }
}
