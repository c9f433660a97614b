package io.logdx.trainer.data;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Apache HttpClient 5 scenarios: real calls that fail with their real root types; the same seed gives the same text. */
class HttpClient5ScenariosTest {
  @Test
  void httpclient5ScenariosThrowTheirRealTypes() throws Exception {
    RpcHttpFamilyCheck.rootTypes(
        "httpclient5.",
        Map.ofEntries(
            Map.entry("httpclient5.refused", "org.apache.hc.client5.http.HttpHostConnectException"),
            Map.entry("httpclient5.read-timeout", "java.net.SocketTimeoutException"),
            Map.entry(
                "httpclient5.no-http-response", "org.apache.hc.core5.http.NoHttpResponseException"),
            Map.entry("httpclient5.reset", "java.net.SocketException"),
            Map.entry(
                "httpclient5.truncated-body", "org.apache.hc.core5.http.ConnectionClosedException"),
            Map.entry(
                "httpclient5.pool-lease-timeout",
                "org.apache.hc.client5.http.impl.classic.ConnectionRequestTimeoutException"
                    + "|org.apache.hc.core5.http.ConnectionRequestTimeoutException"),
            Map.entry(
                "httpclient5.tls-untrusted",
                "sun.security.provider.certpath.SunCertPathBuilderException"),
            Map.entry(
                "httpclient5.tls-hostname",
                "java.security.cert.CertificateException|javax.net.ssl.SSLPeerUnverifiedException"),
            Map.entry(
                "httpclient5.redirect-loop",
                "org.apache.hc.client5.http.CircularRedirectException"
                    + "|org.apache.hc.client5.http.RedirectException"),
            Map.entry(
                "httpclient5.response-status",
                "org.apache.hc.client5.http.HttpResponseException")));
  }

  @Test
  void httpclient5ExamplesAreStable() {
    RpcHttpFamilyCheck.examples("httpclient5.", 40);
  }
}
