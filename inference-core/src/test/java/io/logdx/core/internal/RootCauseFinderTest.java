package io.logdx.core.internal;

import static io.logdx.core.internal.Chains.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.stage1.ModelLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCauseFinderTest {
  private final FailureParser parser = new FailureParser();

  private String root(Throwable t) {
    return parser.parse(t).rootCause().map(CauseNode::type).orElse(null);
  }

  private String root(String text) {
    return parser.parse(text).rootCause().map(CauseNode::type).orElse(null);
  }

  @Test
  void walksRealJdkWrappersToTheInnermostCause(@TempDir Path dir) throws Exception {
    assertThat(root(StackTraceParserTest.completionFailure()))
        .isEqualTo("java.time.DateTimeException");
    assertThat(root(StackTraceParserTest.executionFailure()))
        .isEqualTo("java.lang.IndexOutOfBoundsException");
    assertThat(root(StackTraceParserTest.reflectionFailure()))
        .isEqualTo("java.util.NoSuchElementException");
    assertThat(root(StackTraceParserTest.missingFileFailure(dir)))
        .isEqualTo("java.nio.file.NoSuchFileException");
    assertThat(root(StackTraceParserTest.refusedConnection()))
        .isEqualTo("java.net.ConnectException");
    assertThat(root(new UndeclaredThrowableException(new SQLException("deadlock", "40001"))))
        .isEqualTo("java.sql.SQLException");
  }

  @Test
  void aBareWrapperAtTheBottomIsNotTheRootCause() {
    Exception t = new IOException("disk full", new RuntimeException());
    assertThat(root(t)).isEqualTo("java.io.IOException");
    assertThat(root(new ExecutionException(null)))
        .isEqualTo("java.util.concurrent.ExecutionException");
  }

  @Test
  void aWrapperWithAMessageOfItsOwnIsTheRootCause() {
    assertThat(root(new IllegalStateException("x", new RuntimeException("limit exceeded"))))
        .isEqualTo("java.lang.RuntimeException");
  }

  @Test
  void aCauseFlattenedIntoTheMessageIsAddedFromTheMessage() {
    Failure f = parser.parse("java.io.IOException: java.net.ConnectException: Connection refused");
    assertThat(types(f.chain()))
        .containsExactly("java.io.IOException", "java.net.ConnectException");
    assertThat(f.chain().get(1).fromMessage()).isTrue();
    assertThat(f.chain().get(1).message()).isEqualTo("Connection refused");
    assertThat(f.chain().get(1).frames()).isEmpty();
    assertThat(f.rootCause().orElseThrow().type()).isEqualTo("java.net.ConnectException");

    // the same from a live throwable whose cause was lost (e.g. across a remote call)
    Failure live =
        parser.parse(new IOException(new ConnectException("Connection refused").toString()));
    assertThat(live.rootCause().orElseThrow().type()).isEqualTo("java.net.ConnectException");
    assertThat(live.rootCause().orElseThrow().fromMessage()).isTrue();
  }

  @Test
  void aMessageThatRepeatsTheRealCauseAddsNothing() {
    Failure f = parser.parse(new RuntimeException(new ConnectException("Connection refused")));
    assertThat(types(f.chain()))
        .containsExactly("java.lang.RuntimeException", "java.net.ConnectException");
    assertThat(f.chain().get(1).fromMessage()).isFalse();
  }

  @Test
  void causesNamedInsideMessages() {
    assertThat(
            root(
                "org.apache.hadoop.ipc.RemoteException: java.io.IOException: java.util.NoSuchElementException"))
        .isEqualTo("java.util.NoSuchElementException");
    assertThat(
            root(
                "org.apache.hadoop.ipc.RemoteException(java.io.FileNotFoundException): File does not exist: /a"))
        .isEqualTo("java.io.FileNotFoundException");
    assertThat(
            root(
                "org.springframework.web.util.NestedServletException: Request processing failed; "
                    + "nested exception is java.lang.ArithmeticException: / by zero"))
        .isEqualTo("java.lang.ArithmeticException");
    assertThat(
            root(
                "javax.security.sasl.SaslException: GSS initiate failed "
                    + "[Caused by javax.security.auth.login.LoginException: no keytab]"))
        .isEqualTo("javax.security.auth.login.LoginException");
    assertThat(
            root(
                "java.io.IOException: Unable to parse response; nested: ParsingException[unexpected token];"))
        .isEqualTo("ParsingException");
    assertThat(
            root(
                "javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
                    + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path"))
        .isEqualTo("sun.security.provider.certpath.SunCertPathBuilderException");
  }

  @Test
  void wordsThatMerelyMentionATypeAreNotCauses() {
    assertThat(
            root("java.lang.AssertionError: expected java.lang.IllegalStateException to be thrown"))
        .isEqualTo("java.lang.AssertionError");
    assertThat(root("java.lang.IllegalStateException: GSSException: no credentials"))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(root("java.lang.ClassNotFoundException: com.acme.PaymentException"))
        .isEqualTo("java.lang.ClassNotFoundException");
  }

  @Test
  void anUnwrappedRemoteFailureIsNamedByTheTypeItWasUnwrappedTo() {
    String text =
        String.join(
            "\n",
            "javax.security.sasl.SaslException: DIGEST-MD5: digest response format violation",
            "\tat org.apache.hadoop.yarn.ipc.RPCUtil.instantiateException(RPCUtil.java:53)",
            "Caused by: org.apache.hadoop.ipc.RemoteException: DIGEST-MD5: digest response format violation",
            "\tat org.apache.hadoop.ipc.Client.call(Client.java:1475)");
    assertThat(root(text)).isEqualTo("javax.security.sasl.SaslException");
  }

  /**
   * JDK 17's HttpClient reports a refused connection as ConnectException (no message) caused by
   * ConnectException caused by ClosedChannelException (no message): the channel's closing is how the
   * transport noticed, the refused connection is the failure. A real request to a closed loopback port.
   */
  @Test
  void aChannelClosedUnderARefusedHttpClientConnectionYieldsToTheConnectException()
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/payments")).build();
    ConnectException refused =
        catchThrowableOfType(
            ConnectException.class,
            () -> client.send(request, HttpResponse.BodyHandlers.discarding()));
    assertThat(refused).as("HttpClient to a closed port").isNotNull();
    Failure live = parser.parse(refused);
    // the chain as the JDK builds it, so that this test keeps testing the case it was written for
    assertThat(types(live.chain()))
        .endsWith("java.net.ConnectException", "java.nio.channels.ClosedChannelException");
    assertThat(live.chain().get(live.chain().size() - 1).message()).isNull();

    assertThat(live.rootIndex()).isEqualTo(live.chain().size() - 2);
    assertThat(live.rootCause().orElseThrow().type()).isEqualTo("java.net.ConnectException");
    assertThat(ModelLoader.load(ModelLoader.RULES).classify(live).top().get(0).label())
        .isEqualTo("connection_refused");

    StringWriter printed = new StringWriter();
    refused.printStackTrace(new PrintWriter(printed));
    Failure text = parser.parse(printed.toString());
    assertThat(text.rootIndex()).isEqualTo(live.rootIndex());
    assertThat(text.rootCause().orElseThrow().type()).isEqualTo("java.net.ConnectException");
  }

  @Test
  void aChannelClosedOnItsOwnStaysTheRootCause(@TempDir Path dir) throws Exception {
    FileChannel channel =
        FileChannel.open(Files.createFile(dir.resolve("ledger.dat")), StandardOpenOption.READ);
    channel.close();
    ClosedChannelException closed =
        catchThrowableOfType(
            ClosedChannelException.class, () -> channel.read(ByteBuffer.allocate(8)));
    assertThat(root(closed)).isEqualTo("java.nio.channels.ClosedChannelException");
    assertThat(root(new UncheckedIOException(closed)))
        .isEqualTo("java.nio.channels.ClosedChannelException");
    // under a network exception with words of its own, the closed channel is still the detail
    assertThat(root(new SocketException("Connection reset").initCause(closed)))
        .isEqualTo("java.net.SocketException");
    // under an exception that is not a network one it stays the root cause
    assertThat(root(new IOException("flush failed", closed)))
        .isEqualTo("java.nio.channels.ClosedChannelException");
  }

  @Test
  void theRootIndexPointsIntoTheChain() {
    assertThat(RootCauseFinder.rootIndex(List.of())).isEqualTo(-1);
    CauseNode unknown =
        new CauseNode(StackTraceParser.UNKNOWN_TYPE, "x", List.of(), List.of(), false);
    CauseNode npe =
        new CauseNode("java.lang.NullPointerException", null, List.of(), List.of(), false);
    assertThat(RootCauseFinder.rootIndex(List.of(npe, unknown))).isEqualTo(0);
    assertThat(RootCauseFinder.rootIndex(List.of(unknown))).isEqualTo(0);
  }
}
