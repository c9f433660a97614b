package io.logdx.examples.elk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The few REST calls needed to put logdx's JSON log lines into OpenSearch or Elasticsearch, on plain
 * {@code java.net.http}: install the index template, ship lines with the bulk API, refresh, search. Every
 * call fails with an {@link IOException} naming the status and body when the engine answers an error.
 */
public final class SearchEngineClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI base;
  private final ObjectMapper json;

  /** @param base the engine's HTTP address, e.g. {@code http://127.0.0.1:9201} */
  public SearchEngineClient(URI base, ObjectMapper json) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    this.base = base;
    this.json = json;
  }

  /** {@code PUT _index_template/<name>} with the template file as body. */
  public JsonNode putIndexTemplate(String name, Path templateFile)
      throws IOException, InterruptedException {
    return call(
        "PUT", "/_index_template/" + name, "application/json", Files.readString(templateFile));
  }

  /**
   * Ships JSON lines (one event each, as written by a JSON encoder) into the index with one bulk request.
   *
   * @return the bulk response
   * @throws IOException when the request fails or any line was rejected ({@code errors: true})
   */
  public JsonNode bulkIndex(String index, List<String> jsonLines)
      throws IOException, InterruptedException {
    String action = json.writeValueAsString(Map.of("index", Map.of("_index", index)));
    StringBuilder body = new StringBuilder(jsonLines.size() * 512);
    for (String line : jsonLines) {
      if (line.isBlank()) {
        continue;
      }
      body.append(action).append('\n').append(line.strip()).append('\n');
    }
    JsonNode response = call("POST", "/_bulk", "application/x-ndjson", body.toString());
    if (response.path("errors").asBoolean()) {
      throw new IOException("bulk request rejected some lines: " + firstError(response));
    }
    return response;
  }

  /** {@code POST <index>/_refresh}: makes what was shipped searchable now. */
  public JsonNode refresh(String index) throws IOException, InterruptedException {
    return call("POST", "/" + index + "/_refresh", "application/json", "");
  }

  /** {@code POST <index>/_search} with a query DSL body. */
  public JsonNode search(String index, String queryJson) throws IOException, InterruptedException {
    return call("POST", "/" + index + "/_search", "application/json", queryJson);
  }

  /** {@code GET <path>}. */
  public JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
    return send(request);
  }

  private JsonNode call(String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return send(request);
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() >= 300) {
      throw new IOException(
          request.method()
              + " "
              + request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return json.readTree(response.body());
  }

  private static String firstError(JsonNode bulk) {
    for (JsonNode item : bulk.path("items")) {
      JsonNode error = item.path("index").path("error");
      if (!error.isMissingNode()) {
        return error.toString();
      }
    }
    return "(no error item)";
  }
}
