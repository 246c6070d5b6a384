package io.stocklambda.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stocklambda.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver protocol (JSON over HTTP): enough
 * to open a page, click, and read the page by script, without a Selenium dependency.
 */
final class WebDriver implements AutoCloseable {

  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Process driver;
  private final String base;
  private final String session;

  private WebDriver(Process driver, String base, String session) {
    this.driver = driver;
    this.base = base;
    this.session = session;
  }

  /** Debian's chromium and chromium-driver, if installed. */
  static Optional<Path[]> installed() {
    Path chromium = Paths.get("/usr/bin/chromium");
    Path chromedriver = Paths.get("/usr/bin/chromedriver");
    return Files.isExecutable(chromium) && Files.isExecutable(chromedriver)
        ? Optional.of(new Path[] {chromium, chromedriver})
        : Optional.empty();
  }

  static WebDriver start(Path chromium, Path chromedriver, Path log) throws Exception {
    int port = Dist.freePorts(1)[0];
    Process driver =
        new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    String base = "http://127.0.0.1:" + port;
    WebDriver probe = new WebDriver(driver, base, null);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        if (probe.call("GET", "/status", null).path("value").path("ready").asBoolean()) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline || !driver.isAlive()) {
        driver.destroyForcibly();
        throw new IllegalStateException("chromedriver did not start; see " + log);
      }
      Thread.sleep(200);
    }
    ObjectNode capabilities = Json.mapper().createObjectNode();
    ObjectNode chrome = capabilities.putObject("capabilities").putObject("alwaysMatch");
    chrome.put("browserName", "chrome");
    ObjectNode options = chrome.putObject("goog:chromeOptions");
    options.put("binary", chromium.toString());
    List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--window-size=1280,900")
        .forEach(options.putArray("args")::add);
    JsonNode created = probe.call("POST", "/session", capabilities);
    String session = created.path("value").path("sessionId").asText(null);
    if (session == null) {
      driver.destroyForcibly();
      throw new IllegalStateException("chromedriver refused a session: " + created);
    }
    return new WebDriver(driver, base, session);
  }

  void open(String url) throws Exception {
    ObjectNode body = Json.mapper().createObjectNode().put("url", url);
    call("POST", "/session/" + session + "/url", body);
  }

  /** Clicks the first element matching a CSS selector. */
  void click(String css) throws Exception {
    ObjectNode find =
        Json.mapper().createObjectNode().put("using", "css selector").put("value", css);
    JsonNode element = call("POST", "/session/" + session + "/element", find).path("value");
    if (!element.has(ELEMENT)) {
      throw new IllegalStateException("no element " + css + ": " + element);
    }
    call(
        "POST",
        "/session/" + session + "/element/" + element.get(ELEMENT).asText() + "/click",
        Json.mapper().createObjectNode());
  }

  /**
   * Runs a script in the page, with string arguments as {@code arguments[i]}, and returns its
   * value.
   */
  JsonNode script(String script, String... args) throws Exception {
    ObjectNode body = Json.mapper().createObjectNode().put("script", script);
    java.util.Arrays.stream(args).forEach(body.putArray("args")::add);
    return call("POST", "/session/" + session + "/execute/sync", body).path("value");
  }

  /** Saves what the page looks like, as PNG. */
  void screenshot(Path file) throws Exception {
    String png = call("GET", "/session/" + session + "/screenshot", null).path("value").asText();
    Files.write(file, java.util.Base64.getDecoder().decode(png));
  }

  private JsonNode call(String method, String path, JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = Json.mapper().readTree(response.body());
    if (response.statusCode() != 200) {
      throw new IOException(
          "WebDriver "
              + method
              + " "
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + json.path("value"));
    }
    return json;
  }

  @Override
  public void close() throws Exception {
    try {
      if (session != null) {
        call("DELETE", "/session/" + session, null);
      }
    } finally {
      driver.destroy();
      driver.waitFor();
    }
  }
}
