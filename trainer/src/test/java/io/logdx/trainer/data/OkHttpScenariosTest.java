package io.logdx.trainer.data;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** OkHttp scenarios: real calls that fail with their real root types; the same seed gives the same text. */
class OkHttpScenariosTest {
  @Test
  void okhttpScenariosThrowTheirRealTypes() throws Exception {
    RpcHttpFamilyCheck.rootTypes(
        "okhttp.",
        Map.ofEntries(
            Map.entry("okhttp.refused", "java.net.ConnectException"),
            Map.entry(
                "okhttp.read-timeout", "java.net.SocketTimeoutException|java.net.SocketException"),
            Map.entry(
                "okhttp.call-timeout",
                "java.io.InterruptedIOException|java.io.IOException|java.net.SocketException"),
            Map.entry("okhttp.reset", "java.net.SocketException"),
            Map.entry("okhttp.unexpected-end-of-stream", "java.io.EOFException"),
            Map.entry("okhttp.truncated-body", "java.net.ProtocolException"),
            Map.entry(
                "okhttp.tls-untrusted",
                "sun.security.provider.certpath.SunCertPathBuilderException"),
            Map.entry("okhttp.tls-hostname", "javax.net.ssl.SSLPeerUnverifiedException"),
            Map.entry("okhttp.body-closed", "java.lang.IllegalStateException"),
            Map.entry("okhttp.unexpected-code", "java.io.IOException")));
  }

  @Test
  void okhttpExamplesAreStable() {
    RpcHttpFamilyCheck.examples("okhttp.", 40);
  }
}
