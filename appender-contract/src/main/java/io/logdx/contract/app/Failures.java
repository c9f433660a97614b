package io.logdx.contract.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Application code that fails for real; its package is the scenarios' application package, so the diagnosis
 * attributes these failures to its frames.
 */
public final class Failures {
  private Failures() {}

  /** Throws a NumberFormatException from the JDK's parser. */
  public static int parseAmount(String text) {
    return Integer.parseInt(text);
  }

  /** The NumberFormatException that {@link #parseAmount} throws for {@code text}. */
  public static NumberFormatException numberFormat(String text) {
    try {
      parseAmount(text);
      throw new AssertionError("parsed " + text);
    } catch (NumberFormatException e) {
      return e;
    }
  }

  /** Connects to a loopback port that was just closed. */
  public static void callGateway() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.getOutputStream().write(1);
    }
  }

  /** The ConnectException of {@link #callGateway}. */
  public static IOException connectionRefused() {
    try {
      callGateway();
      throw new AssertionError("connected to a closed port");
    } catch (IOException e) {
      return e;
    }
  }

  /** Throws an IllegalStateException with {@code message}, from application code. */
  public static void charge(String message) {
    throw new IllegalStateException(message);
  }

  /** The IllegalStateException of {@link #charge}. */
  public static IllegalStateException declined(String message) {
    try {
      charge(message);
      throw new AssertionError();
    } catch (IllegalStateException e) {
      return e;
    }
  }
}
