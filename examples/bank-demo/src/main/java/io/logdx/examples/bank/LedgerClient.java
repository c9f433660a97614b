package io.logdx.examples.bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The ledger's REST client on {@code java.net.http}: posts one entry per booked transfer. Error statuses
 * become a {@link LedgerException} with the status, as Spring's RestClient or Feign would raise them;
 * I/O failures (timeout, refused connection) become one with the IOException as cause.
 */
public final class LedgerClient {
  /**
   * How long one ledger call may take before the client gives up: generous enough that a loaded machine
   * (a CI runner, a laptop building in the background) does not turn ordinary calls into timeouts.
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http;
  private final URI entries;
  private final ObjectMapper json;
  private final Duration requestTimeout;

  public LedgerClient(HttpClient http, URI baseUri, ObjectMapper json, Duration requestTimeout) {
    this.http = http;
    this.entries = baseUri.resolve("/v1/entries");
    this.json = json;
    this.requestTimeout = requestTimeout;
  }

  /** Posts the debit and credit of a booked transfer and returns the ledger's entry id. */
  public String post(long transferId, TransferRequest t) {
    String body;
    try {
      body =
          json.writeValueAsString(
              Map.of(
                  "transferId",
                  transferId,
                  "requestId",
                  t.requestId(),
                  "debit",
                  t.sourceId(),
                  "credit",
                  t.targetId(),
                  "amount",
                  t.amount().toPlainString(),
                  "currency",
                  "KRW"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a ledger entry", e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(entries)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new LedgerException("POST", entries, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("POST", entries, e);
    }
    int status = response.statusCode();
    if (status >= 400) {
      throw new LedgerException(status, reason(status), "POST", entries, response.body());
    }
    try {
      JsonNode node = json.readTree(response.body());
      return node.path("entryId").asText();
    } catch (JsonProcessingException e) {
      throw new LedgerException("POST", entries, e);
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "HTTP " + status;
    };
  }
}
