package io.logdx.trainer.data.scenario;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Resources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A raw HTTP/1.1 server on loopback for the misbehaviours that {@link Resources}' servers do not show (for the OkHttp
 * and HttpClient 5 scenarios): {@code /drop} reads the request and closes without answering, {@code /truncated}
 * announces a longer body than it sends, {@code /loop} redirects to itself and {@code /hop/N} to {@code /hop/N+1}.
 */
final class EdgeHttpServer implements AutoCloseable {
  private static final Map<Resources, EdgeHttpServer> SERVERS = new IdentityHashMap<>();

  final ServerSocket socket;
  final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "edge-http-scenario-server");
    t.setDaemon(true);
    return t;
  });

  private EdgeHttpServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(() -> {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          pool.execute(() -> serve(s));
        } catch (IOException e) {
          break;
        }
      }
    });
  }

  /** The port of the generator's edge server (started on first use, closed with the generator). */
  static int port(Ctx c) throws IOException {
    synchronized (SERVERS) {
      EdgeHttpServer s = SERVERS.get(c.res);
      if (s == null) {
        EdgeHttpServer made = new EdgeHttpServer();
        Resources res = c.res;
        SERVERS.put(res, made);
        res.closeLater(() -> {
          synchronized (SERVERS) {
            SERVERS.remove(res);
          }
          made.close();
        });
        s = made;
      }
      return s.socket.getLocalPort();
    }
  }

  private static void serve(Socket s) {
    try (s) {
      s.setSoTimeout(2000);
      String head = readHead(s.getInputStream());
      String path = head.isEmpty() ? "/" : head.split(" ", 3)[1];
      OutputStream out = s.getOutputStream();
      if (path.startsWith("/drop")) return; // closed without a response
      String answer;
      if (path.startsWith("/truncated")) {
        String body = "{\"items\":[{\"id\":1,\"amount\":\"1000.00\"},{\"id\":2,";
        answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + (body.length() + 2048)
            + "\r\n\r\n" + body;
      } else if (path.startsWith("/loop")) {
        answer = "HTTP/1.1 302 Found\r\nLocation: " + path + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      } else if (path.startsWith("/hop/")) {
        int n = Integer.parseInt(path.substring(5).replaceAll("\\D.*", ""));
        answer = "HTTP/1.1 302 Found\r\nLocation: /hop/" + (n + 1) + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      } else {
        answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
      }
      out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException | RuntimeException ignored) {
      // the client went away: nothing to do
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      head.append((char) b);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) break;
      if (head.length() > 16384) break;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
    if (m.find()) {
      long left = Long.parseLong(m.group(1));
      while (left > 0 && in.read() >= 0) left--;
    }
    return head.toString();
  }

  @Override public void close() throws IOException {
    socket.close();
    pool.shutdownNow();
  }
}
