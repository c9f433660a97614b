package io.logdx.examples.bank;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a push/SMS notification per booked transfer, off the request thread, on a small bounded executor:
 * one sender thread and a queue of {@value #QUEUE_CAPACITY}. When the gateway stalls the queue fills and
 * further notifications are refused (and logged) instead of piling up in memory.
 */
public final class NotificationService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

  /** Notifications that may wait for the sender thread. */
  public static final int QUEUE_CAPACITY = 2;

  private final HttpClient http;
  private final URI gateway;
  private final ThreadPoolExecutor executor;

  public NotificationService(HttpClient http, URI baseUri) {
    this.http = http;
    this.gateway = baseUri.resolve("/v1/notifications");
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            r -> {
              Thread t = new Thread(r, "notify-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues the notification of a booked transfer; never throws into the booking. */
  public void transferBooked(TransferReceipt receipt) {
    try {
      executor.execute(() -> send(receipt));
    } catch (RejectedExecutionException e) {
      log.error("Notification for transfer {} could not be queued", receipt.requestId(), e);
    }
  }

  private void send(TransferReceipt receipt) {
    HttpRequest request =
        HttpRequest.newBuilder(gateway)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"transferId\":" + receipt.transferId() + "}"))
            .build();
    try {
      http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      log.warn(
          "Notification for transfer {} was not delivered: {}", receipt.requestId(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits up to {@code timeout} for queued notifications to be sent. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (executor.getActiveCount() > 0 || !executor.getQueue().isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
