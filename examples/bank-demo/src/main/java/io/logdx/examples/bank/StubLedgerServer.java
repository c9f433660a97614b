package io.logdx.examples.bank;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the core-banking ledger and the notification gateway, on 127.0.0.1 and an ephemeral port.
 * The demo tells it how to behave next ({@link #behave}), the way a WireMock stub would be set up.
 */
public final class StubLedgerServer implements AutoCloseable {

  /** How the ledger answers {@code POST /v1/entries}. */
  public enum Behaviour {
    /** 201 Created with an entry id. */
    OK,
    /** 503 Service Unavailable, as during the ledger's maintenance window. */
    UNAVAILABLE,
    /** 429 Too Many Requests with Retry-After. */
    THROTTLED,
    /** Answers only after the client gave up (held until {@link #close()}). */
    SLOW
  }

  private final HttpServer server;
  private final ExecutorService handlers;
  private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(Behaviour.OK);
  private final AtomicInteger entries = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile CountDownLatch notificationsGate = new CountDownLatch(0);

  public StubLedgerServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    handlers =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "stub-ledger");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(handlers);
    server.createContext("/v1/entries", this::entries);
    server.createContext("/v1/notifications", this::notifications);
    server.start();
  }

  /** Base URI, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Sets how the next ledger calls are answered. */
  public void behave(Behaviour b) {
    behaviour.set(b);
  }

  /** Holds every notification request until {@link #openNotifications()} (a stalled SMS gateway). */
  public void stallNotifications() {
    notificationsGate = new CountDownLatch(1);
  }

  /** Lets stalled notification requests finish. */
  public void openNotifications() {
    notificationsGate.countDown();
  }

  private void entries(HttpExchange ex) throws IOException {
    try (ex) {
      drain(ex.getRequestBody());
      switch (behaviour.get()) {
        case OK ->
            respond(ex, 201, "{\"entryId\":\"LE-" + (100_000 + entries.incrementAndGet()) + "\"}");
        case UNAVAILABLE ->
            respond(
                ex,
                503,
                "{\"code\":\"LEDGER_MAINTENANCE\",\"message\":\"ledger is in its end-of-day window\"}");
        case THROTTLED -> {
          ex.getResponseHeaders().add("Retry-After", "2");
          respond(ex, 429, "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"client quota used up\"}");
        }
        case SLOW -> {
          awaitQuietly(released, 30);
          respond(ex, 201, "{\"entryId\":\"LE-late\"}");
        }
      }
    }
  }

  private void notifications(HttpExchange ex) throws IOException {
    try (ex) {
      drain(ex.getRequestBody());
      awaitQuietly(notificationsGate, 30);
      respond(ex, 202, "{}");
    }
  }

  private static void awaitQuietly(CountDownLatch latch, int seconds) {
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void drain(InputStream in) throws IOException {
    in.readAllBytes();
  }

  private static void respond(HttpExchange ex, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    released.countDown();
    notificationsGate.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }
}
