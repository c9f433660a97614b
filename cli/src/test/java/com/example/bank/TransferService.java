package com.example.bank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny stand-in for an application's own code (package {@code com.example.bank}): its methods fail the way
 * real services fail, by real JDK code paths, so that tests log real exceptions.
 */
public final class TransferService {

  /** Parses an amount typed by a user: NumberFormatException for anything that is not a number. */
  public int parseAmount(String raw) {
    return Integer.parseInt(raw);
  }

  /** Calls the ledger on a loopback port: ConnectException (wrapped) when nothing listens there. */
  public void postToLedger(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
    } catch (IOException e) {
      throw new UncheckedIOException("ledger unreachable on port " + port, e);
    }
  }

  /** Reads a statement file: NoSuchFileException when it does not exist. */
  public List<String> loadStatement(Path dir, String accountId) throws IOException {
    return Files.readAllLines(dir.resolve("statement-" + accountId + ".csv"));
  }

  /** A loopback port that nothing listens on (bound, then closed). */
  public static int closedPort() throws IOException {
    try (java.net.ServerSocket ss =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return ss.getLocalPort();
    }
  }

  /** The first frame of this class in a throwable's stack, as the location the report should name. */
  public static StackTraceElement appFrame(Throwable t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().equals(TransferService.class.getName())) return e;
    }
    throw new AssertionError("no TransferService frame in " + t);
  }
}
