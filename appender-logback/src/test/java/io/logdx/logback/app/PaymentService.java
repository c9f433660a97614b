package io.logdx.logback.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/** Application code that fails for real: its frames are the "application package" of the tests. */
public final class PaymentService {
  private PaymentService() {}

  /** Throws a NumberFormatException from the JDK's parser. */
  public static int parseAmount(String text) {
    return Integer.parseInt(text);
  }

  /** Throws a ConnectException: connects to a loopback port that was just closed. */
  public static void callGateway() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.getOutputStream().write(1);
    }
  }

  /** Throws an IllegalStateException carrying a (synthetic) card number in its message. */
  public static void charge(String cardNumber) {
    throw new IllegalStateException("charge declined for card " + cardNumber + " by issuer");
  }

  public static NumberFormatException numberFormat(String text) {
    try {
      parseAmount(text);
      throw new AssertionError("parsed " + text);
    } catch (NumberFormatException e) {
      return e;
    }
  }

  public static IOException connectionRefused() {
    try {
      callGateway();
      throw new AssertionError("connected to a closed port");
    } catch (IOException e) {
      return e;
    }
  }

  public static IllegalStateException cardDeclined(String cardNumber) {
    try {
      charge(cardNumber);
      throw new AssertionError();
    } catch (IllegalStateException e) {
      return e;
    }
  }
}
