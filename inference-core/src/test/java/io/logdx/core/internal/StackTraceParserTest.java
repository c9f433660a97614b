package io.logdx.core.internal;

import static io.logdx.core.internal.Chains.assertSameChain;
import static io.logdx.core.internal.Chains.printed;
import static io.logdx.core.internal.Chains.types;
import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.StackFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTraceParserTest {

  // --- the same model from a live throwable and from its printStackTrace output
  // -------------------------

  @Test
  void printedCauseChainWithElidedFramesParsesToTheLiveChain() {
    Throwable t = nestedFailure();
    assertThat(printed(t)).contains("... ").contains("more");
    assertParsesLikeLive(t);
  }

  @Test
  void suppressedExceptionsWithTheirOwnCausesParseToTheLiveChain() {
    Throwable t = failureWithSuppressed();
    String text = printed(t);
    assertThat(text)
        .contains("\tSuppressed: ")
        .contains("\tCaused by: java.io.IOException: flush failed");
    List<CauseNode> chain = assertParsesLikeLive(t);
    assertThat(chain.get(0).suppressed()).hasSize(2);
    assertThat(chain.get(0).suppressed().get(0).type())
        .isEqualTo(IllegalStateException.class.getName());
  }

  @Test
  void realWrappersFromTheJdkParseToTheLiveChain(@TempDir Path dir) throws Exception {
    assertParsesLikeLive(completionFailure());
    assertParsesLikeLive(executionFailure());
    assertParsesLikeLive(reflectionFailure());
    assertParsesLikeLive(missingFileFailure(dir));
    assertParsesLikeLive(refusedConnection());
  }

  @Test
  void multiLineAndEmptyMessagesParseToTheLiveChain() {
    assertParsesLikeLive(
        new IllegalArgumentException(
            "first line\nsecond line: with a colon\nthird", new IOException()));
    assertParsesLikeLive(new IllegalStateException(""));
    assertParsesLikeLive(new RuntimeException((String) null));
  }

  @Test
  void aCycleEndsTheChainInBothPaths() {
    RuntimeException a = new RuntimeException("a");
    IllegalStateException b = new IllegalStateException("b", a);
    a.initCause(b);
    assertThat(printed(a)).contains("CIRCULAR REFERENCE");
    List<CauseNode> chain = assertParsesLikeLive(a);
    assertThat(types(chain))
        .containsExactly(RuntimeException.class.getName(), IllegalStateException.class.getName());
  }

  /** Prints itself as Hadoop's RemoteException does: {@code Type(remote.Type): message}. */
  static final class RemoteLikeException extends java.io.IOException {
    private static final long serialVersionUID = 1L;
    private final String remoteType;

    RemoteLikeException(String remoteType, String message) {
      super(message);
      this.remoteType = remoteType;
    }

    @Override
    public String toString() {
      return getClass().getName() + "(" + remoteType + "): " + getMessage();
    }
  }

  @Test
  void aRemoteTypeInTheHeaderIsReadTheSameFromBothPaths() {
    Throwable t =
        new IllegalStateException(
            "listing failed",
            new RemoteLikeException(
                "java.io.FileNotFoundException", "File does not exist: /data/in"));
    assertThat(printed(t))
        .contains("RemoteLikeException(java.io.FileNotFoundException): File does not exist");
    List<CauseNode> chain = assertParsesLikeLive(t);
    assertThat(types(chain))
        .containsExactly(
            IllegalStateException.class.getName(),
            RemoteLikeException.class.getName(),
            "java.io.FileNotFoundException");
    assertThat(new FailureParser().parse(t).rootCause().orElseThrow().type())
        .isEqualTo("java.io.FileNotFoundException");
  }

  @Test
  void rootCauseFirstOutputParsesToTheLiveChain() {
    Throwable t = nestedFailure();
    String text = rootCauseFirst(t);
    assertThat(text).contains("Wrapped by: ").contains("more");
    Failure fromText = new FailureParser().parse(text);
    Failure live = new FailureParser().parse(t);
    assertSameChain(fromText.chain(), live.chain());
    assertThat(fromText.fingerprint()).isEqualTo(live.fingerprint());
  }

  private static List<CauseNode> assertParsesLikeLive(Throwable t) {
    String text = printed(t);
    List<CauseNode> live = ThrowableReader.read(t, 1 << 20).chain();
    StackTraceParser.Result parsed = StackTraceParser.parse(text);
    assertSameChain(parsed.chain(), live);
    assertThat(parsed.logLine()).isNull();
    // and through the whole pipeline: same failure, same fingerprint, same location
    FailureParser parser = new FailureParser(List.of("io.logdx.core.internal"), 1 << 20);
    Failure a = parser.parse(t);
    Failure b = parser.parse(text);
    assertSameChain(b.chain(), a.chain());
    assertThat(b.rootIndex()).isEqualTo(a.rootIndex());
    assertThat(b.location()).isEqualTo(a.location());
    assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
    return parsed.chain();
  }

  // --- log framework output and other printed forms
  // ------------------------------------------------------

  @Test
  void springBootLogbackOutputWithJarHintsAndOmittedFrames() {
    String text =
        String.join(
            "\n",
            "2024-03-05T10:15:30.123+09:00 ERROR 4242 --- [payments] [nio-8080-exec-1] c.a.pay.PaymentController"
                + "                : Payment failed for order 42",
            "java.lang.IllegalStateException: gateway rejected the charge",
            "\tat com.acme.pay.PaymentService.charge(PaymentService.java:88) ~[classes/:na]",
            "\tat com.acme.pay.PaymentController.pay(PaymentController.java:31) ~[classes/:na]",
            "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103) ~[na:na]",
            "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:883) ~[spring-webmvc-6.1.4.jar:6.1.4]",
            "\tat java.base/java.lang.Thread.run(Thread.java:1583) [na:na]",
            "Caused by: java.net.SocketTimeoutException: Read timed out",
            "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278) ~[na:na]",
            "\tat com.acme.pay.GatewayClient.post(GatewayClient.java:57) ~[classes/:na]",
            "\tat com.acme.pay.PaymentService.charge(PaymentService.java:85) ~[classes/:na]",
            "\t... 4 common frames omitted",
            "");
    StackTraceParser.Result r = StackTraceParser.parse(text);
    assertThat(types(r.chain()))
        .containsExactly("java.lang.IllegalStateException", "java.net.SocketTimeoutException");
    assertThat(r.logLine()).contains("Payment failed for order 42");
    CauseNode cause = r.chain().get(1);
    assertThat(cause.frames()).hasSize(7);
    // the four omitted frames are the enclosing trace's last four
    assertThat(cause.frames().subList(3, 7)).isEqualTo(r.chain().get(0).frames().subList(1, 5));
    StackFrame first = cause.frames().get(0);
    assertThat(first.className()).isEqualTo("sun.nio.ch.NioSocketImpl");
    assertThat(first.methodName()).isEqualTo("timedRead");
    assertThat(first.module()).isEqualTo("java.base");
    assertThat(first.jar()).isEqualTo("na:na");
    assertThat(r.chain().get(0).frames().get(3).jar()).isEqualTo("spring-webmvc-6.1.4.jar:6.1.4");

    Failure f = new FailureParser(List.of("com.acme"), 1 << 20).parse(text);
    assertThat(f.rootCause().orElseThrow().type()).isEqualTo("java.net.SocketTimeoutException");
    assertThat(f.location().orElseThrow().printed())
        .isEqualTo("com.acme.pay.GatewayClient.post(GatewayClient.java:57)");
  }

  @Test
  void log4j2PatternWithExtendedFramesAndClassLoaderPrefixes() {
    String text =
        String.join(
            "\n",
            "2024-03-05 10:15:30,123 ERROR [worker-3] com.acme.ledger.Posting (Posting.java:77) - posting failed",
            "java.io.UncheckedIOException: java.io.IOException: disk quota exceeded",
            "\tat app//com.acme.ledger.Posting.write(Posting.java:77) ~[ledger-1.4.jar:1.4]",
            "\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144) [?:?]",
            "Caused by: java.io.IOException: disk quota exceeded",
            "\tat com.acme.ledger.Journal.append(Journal.java:120) ~[ledger-1.4.jar:1.4]",
            "\t... 2 more");
    StackTraceParser.Result r = StackTraceParser.parse(text);
    assertThat(types(r.chain()))
        .containsExactly("java.io.UncheckedIOException", "java.io.IOException");
    StackFrame app = r.chain().get(0).frames().get(0);
    assertThat(app.className()).isEqualTo("com.acme.ledger.Posting");
    assertThat(app.module()).isEqualTo("app");
    assertThat(app.jar()).isEqualTo("ledger-1.4.jar:1.4");
    assertThat(r.chain().get(1).frames()).hasSize(3);
    assertThat(r.logLine()).startsWith("2024-03-05 10:15:30,123 ERROR [worker-3]");
  }

  @Test
  void logbackDefaultPatternLineBeforeTheTrace() {
    String text =
        "10:15:30.123 [main] ERROR com.acme.Importer - import of batch 7 failed\n"
            + "java.time.format.DateTimeParseException: Text '2024-13-01' could not be parsed at index 5\n"
            + "\tat java.base/java.time.format.DateTimeFormatter.parseResolved0(DateTimeFormatter.java:2108)\n"
            + "\tat com.acme.Importer.row(Importer.java:40)\n";
    StackTraceParser.Result r = StackTraceParser.parse(text);
    assertThat(types(r.chain())).containsExactly("java.time.format.DateTimeParseException");
    assertThat(r.chain().get(0).message())
        .isEqualTo("Text '2024-13-01' could not be parsed at index 5");
    assertThat(r.logLine())
        .isEqualTo("10:15:30.123 [main] ERROR com.acme.Importer - import of batch 7 failed");
  }

  @Test
  void aSingleExceptionLine() {
    StackTraceParser.Result r =
        StackTraceParser.parse("java.net.ConnectException: Connection refused");
    assertThat(r.chain()).hasSize(1);
    assertThat(r.chain().get(0).type()).isEqualTo("java.net.ConnectException");
    assertThat(r.chain().get(0).message()).isEqualTo("Connection refused");
    assertThat(r.chain().get(0).frames()).isEmpty();
    assertThat(StackTraceParser.parse("java.lang.NullPointerException").chain().get(0).message())
        .isNull();
  }

  @Test
  void anExceptionInlineAtTheEndOfALogLine() {
    StackTraceParser.Result r =
        StackTraceParser.parse(
            "2024-03-05 10:15:30,123 WARN [sync-1] c.a.Sync - retry 3 failed: java.net.SocketTimeoutException: connect timed out");
    assertThat(types(r.chain())).containsExactly("java.net.SocketTimeoutException");
    assertThat(r.chain().get(0).message()).isEqualTo("connect timed out");
    assertThat(r.logLine())
        .isEqualTo("2024-03-05 10:15:30,123 WARN [sync-1] c.a.Sync - retry 3 failed:");

    StackTraceParser.Result thread =
        StackTraceParser.parse(
            "Exception in thread \"main\" java.lang.NoClassDefFoundError: com/acme/Missing\n\tat com.acme.Main.main(Main.java:3)");
    assertThat(types(thread.chain())).containsExactly("java.lang.NoClassDefFoundError");
    assertThat(thread.chain().get(0).frames()).hasSize(1);
  }

  @Test
  void aLogLineWithALoggerNameIsNotAnException() {
    StackTraceParser.Result r =
        StackTraceParser.parse(
            "com.acme.batch.Loader: java.lang.ClassCastException: java.lang.String cannot be cast to java.lang.Integer\n"
                + "\tat com.acme.batch.Loader.load(Loader.java:12)");
    assertThat(types(r.chain())).containsExactly("java.lang.ClassCastException");
    assertThat(r.chain().get(0).frames()).hasSize(1);
  }

  @Test
  void aSpringBootRootCauseLineFollowedByTheTrace() {
    String text =
        "2024-03-05T10:15:30.123Z ERROR 1 --- [nio-8080-exec-1] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : "
            + "Servlet.service() for servlet [dispatcherServlet] threw exception [Request processing failed: "
            + "java.lang.IllegalStateException: no route] with root cause\n"
            + "\n"
            + "java.lang.IllegalStateException: no route\n"
            + "\tat com.acme.web.Router.route(Router.java:19)\n";
    StackTraceParser.Result r = StackTraceParser.parse(text);
    assertThat(types(r.chain())).containsExactly("java.lang.IllegalStateException");
    assertThat(r.chain().get(0).message()).isEqualTo("no route");
    assertThat(r.chain().get(0).frames()).hasSize(1);
  }

  @Test
  void framesWithoutAHeaderAreACutTrace() {
    StackTraceParser.Result r =
        StackTraceParser.parse(
            "\tat com.acme.Foo.bar(Foo.java:10)\n\tat com.acme.Foo.main(Foo.java:3)\n");
    assertThat(r.truncated()).isTrue();
    assertThat(r.chain()).hasSize(1);
    assertThat(r.chain().get(0).type()).isEqualTo(StackTraceParser.UNKNOWN_TYPE);
    assertThat(r.chain().get(0).frames()).hasSize(2);
  }

  @Test
  void aTraceThatStartsWithACauseIsCut() {
    StackTraceParser.Result r =
        StackTraceParser.parse(
            "Caused by: java.sql.SQLTransientConnectionException: pool - Connection is not available\n"
                + "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)\n"
                + "\t... 12 more\n");
    assertThat(r.truncated()).isTrue();
    assertThat(types(r.chain())).containsExactly("java.sql.SQLTransientConnectionException");
    assertThat(r.chain().get(0).frames()).hasSize(1); // nothing to restore the 12 frames from
  }

  @Test
  void decoratedLinesAreReadWithoutTheirDecoration() {
    String text =
        String.join(
            "\n",
            "    [junit] 2024-03-05 10:15:30,123 WARN  server.Handler - unexpected",
            "    [junit] java.lang.IllegalStateException: closed",
            "    [junit] \tat com.acme.server.Handler.close(Handler.java:12)",
            "    [junit] \tat com.acme.server.Handler.run(Handler.java:40)",
            "    [junit] Caused by: java.lang.InterruptedException",
            "    [junit] \tat java.lang.Object.wait(Native Method)",
            "    [junit] \t... 1 more");
    StackTraceParser.Result r = StackTraceParser.parse(text);
    assertThat(types(r.chain()))
        .containsExactly("java.lang.IllegalStateException", "java.lang.InterruptedException");
    assertThat(r.chain().get(1).frames())
        .extracting(StackFrame::methodName)
        .containsExactly("wait", "run");

    String numbered =
        String.join(
            "\n",
            "  98 java.lang.IllegalStateException: closed",
            "  99 \tat com.acme.server.Handler.close(Handler.java:12)",
            " 100 \tat com.acme.server.Handler.run(Handler.java:40)");
    assertThat(StackTraceParser.parse(numbered).chain().get(0).frames()).hasSize(2);
  }

  @Test
  void specialHeaderForms() {
    StackTraceParser.Result remote =
        StackTraceParser.parse(
            "org.apache.hadoop.ipc.RemoteException(java.io.FileNotFoundException): File /data/x does not exist\n"
                + "\tat org.apache.hadoop.ipc.Client.call(Client.java:1475)");
    assertThat(types(remote.chain()))
        .containsExactly("org.apache.hadoop.ipc.RemoteException", "java.io.FileNotFoundException");
    assertThat(remote.chain().get(1).fromMessage()).isTrue();
    assertThat(remote.chain().get(1).message()).isEqualTo("File /data/x does not exist");

    StackTraceParser.Result es =
        StackTraceParser.parse(
            "[idx] IndexNotFoundException[no such index]\n\tat org.elasticsearch.cluster.Resolver.resolve(Resolver.java:12)");
    assertThat(types(es.chain())).containsExactly("IndexNotFoundException");
    assertThat(es.chain().get(0).message()).isEqualTo("no such index");

    StackTraceParser.Result sax =
        StackTraceParser.parse(
            "org.xml.sax.SAXParseException; lineNumber: 3; columnNumber: 7; Premature end of file.");
    assertThat(types(sax.chain())).containsExactly("org.xml.sax.SAXParseException");

    StackTraceParser.Result glued =
        StackTraceParser.parse(
            "2024-03-05 10:15:30,123 WARN ipc.Server: handler output errorjava.io.IOException: Connection reset by peer");
    assertThat(types(glued.chain())).containsExactly("java.io.IOException");

    StackTraceParser.Result spaced =
        StackTraceParser.parse(
            "java.lang.IllegalStateException: x\n\u2002\u2002at com.acme.A.b(A.java:1)\n\u00a0at com.acme.A.c(A.java:2)");
    assertThat(spaced.chain().get(0).frames()).hasSize(2);

    StackTraceParser.Result split =
        StackTraceParser.parse(
            "java.lang.IllegalStateException: x\n  at\ncom.acme.A.b(A.java:1)\n  at com.acme.A.c(A.java:2)");
    assertThat(split.chain().get(0).frames())
        .extracting(StackFrame::methodName)
        .containsExactly("b", "c");
  }

  @Test
  void aCauseWithoutATypeStillOwnsItsFrames() {
    StackTraceParser.Result r =
        StackTraceParser.parse(
            String.join(
                "\n",
                "org.elasticsearch.transport.RemoteTransportException: [node-1][indices:data/read]",
                "\tat org.elasticsearch.transport.Handler.handle(Handler.java:10)",
                "Caused by: ; nested: ArrayIndexOutOfBoundsException;",
                "\tat org.elasticsearch.search.Phase.run(Phase.java:20)",
                "\t... 1 more"));
    assertThat(types(r.chain()))
        .containsExactly(
            "org.elasticsearch.transport.RemoteTransportException", StackTraceParser.UNKNOWN_TYPE);
    assertThat(r.chain().get(1).frames()).hasSize(2);
  }

  @Test
  void onlyTheFirstTraceWithFramesIsRead() {
    String text =
        "java.lang.IllegalStateException: first\n\tat com.acme.A.a(A.java:1)\n"
            + "2024-03-05 10:15:31,000 ERROR other\n"
            + "java.lang.IllegalArgumentException: second\n\tat com.acme.B.b(B.java:2)\n";
    StackTraceParser.Result r = StackTraceParser.parse(text);
    assertThat(types(r.chain())).containsExactly("java.lang.IllegalStateException");
  }

  // --- real failures
  // ------------------------------------------------------------------------------------

  /** NumberFormatException from the JDK, wrapped twice, with frames shared so that "... N more" appears. */
  static Throwable nestedFailure() {
    try {
      outer("12x");
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("no failure");
  }

  private static void outer(String s) {
    try {
      middle(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("could not read the amount " + s, e);
    }
  }

  private static void middle(String s) {
    try {
      Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad amount", e);
    }
  }

  /** try-with-resources: two resources fail on close, one of them with a cause of its own. */
  static Throwable failureWithSuppressed() {
    class Res implements AutoCloseable {
      final boolean withCause;

      Res(boolean withCause) {
        this.withCause = withCause;
      }

      @Override
      public void close() {
        if (withCause)
          throw new IllegalStateException("close failed", new IOException("flush failed"));
        throw new UnsupportedOperationException("no close");
      }
    }
    try (Res a = new Res(false);
        Res b = new Res(true)) {
      throw new IOException("body failed " + a.withCause + b.withCause);
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  static Throwable completionFailure() {
    CompletableFuture<Integer> f =
        CompletableFuture.supplyAsync(
            () -> LocalDate.of(2024, 2, 30).getDayOfMonth(), Runnable::run);
    try {
      f.thenApply(x -> x + 1).join();
    } catch (CompletionException e) {
      return e;
    }
    throw new AssertionError("no failure");
  }

  static Throwable executionFailure() throws InterruptedException {
    FutureTask<Object> task = new FutureTask<>(() -> List.of(1).get(3));
    task.run();
    try {
      task.get();
    } catch (ExecutionException e) {
      return e;
    }
    throw new AssertionError("no failure");
  }

  static Throwable reflectionFailure() throws ReflectiveOperationException {
    Method m = StackTraceParserTest.class.getDeclaredMethod("thrower");
    try {
      m.invoke(null);
    } catch (InvocationTargetException e) {
      return e;
    }
    throw new AssertionError("no failure");
  }

  @SuppressWarnings("unused") // called by reflection
  private static void thrower() {
    new ArrayList<String>().iterator().next();
  }

  static Throwable missingFileFailure(Path dir) {
    try {
      Files.readString(dir.resolve("missing.txt"));
    } catch (IOException e) {
      return new UncheckedIOException("reading settings", e);
    }
    throw new AssertionError("no failure");
  }

  /** A real refused connection on the loopback interface: a port that was just closed. */
  static Throwable refusedConnection() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      throw new AssertionError("connected to a closed port from " + s.getLocalPort());
    } catch (ConnectException e) {
      return new IllegalStateException("payment gateway unreachable", e);
    }
  }

  /** Prints a throwable as Log4j2's root-cause-first converter ({@code %rEx}) does. */
  static String rootCauseFirst(Throwable t) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable x = t; x != null && !chain.contains(x); x = x.getCause()) chain.add(x);
    StringBuilder sb = new StringBuilder();
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable x = chain.get(i);
      sb.append(i == chain.size() - 1 ? "" : "Wrapped by: ").append(x).append('\n');
      StackTraceElement[] st = x.getStackTrace();
      int common = 0;
      if (i > 0) {
        StackTraceElement[] enclosing = chain.get(i - 1).getStackTrace();
        while (common < st.length
            && common < enclosing.length
            && st[st.length - 1 - common].equals(enclosing[enclosing.length - 1 - common])) {
          common++;
        }
      }
      for (int k = 0; k < st.length - common; k++) sb.append("\tat ").append(st[k]).append('\n');
      if (common > 0) sb.append("\t... ").append(common).append(" more\n");
    }
    return sb.toString();
  }
}
