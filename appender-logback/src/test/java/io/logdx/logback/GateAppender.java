package io.logdx.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.logdx.core.LogdxThread;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A wrapped appender that is slow (a stalled disk or network) for the dispatcher thread only: it blocks there
 * until the test opens the gate, so that the queue fills up deterministically. Records what it receives.
 * Unsynchronized, so that events passed through on logging threads are not held up by the stalled dispatcher
 * (a synchronized appender that stalls would block them too: see the README on overflow).
 */
public class GateAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** Made by Joran from the test configurations. */
  public GateAppender() {}

  static volatile CountDownLatch gate = new CountDownLatch(1);
  static volatile CountDownLatch entered = new CountDownLatch(1);

  final List<ILoggingEvent> events = new ArrayList<>();

  static void closeGate() {
    gate = new CountDownLatch(1);
    entered = new CountDownLatch(1);
  }

  static void openGate() {
    gate.countDown();
  }

  @Override
  protected void append(ILoggingEvent event) {
    synchronized (events) {
      events.add(event);
    }
    if (LogdxThread.isCurrent() && gate.getCount() > 0) {
      entered.countDown();
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  List<ILoggingEvent> snapshot() {
    synchronized (events) {
      return new ArrayList<>(events);
    }
  }
}
