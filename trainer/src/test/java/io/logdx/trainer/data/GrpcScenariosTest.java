package io.logdx.trainer.data;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** gRPC scenarios: real calls that fail with their real root types; the same seed gives the same text. */
class GrpcScenariosTest {
  static final String SRE = "io.grpc.StatusRuntimeException";

  @Test
  void grpcScenariosThrowTheirRealTypes() throws Exception {
    RpcHttpFamilyCheck.rootTypes(
        "grpc.",
        Map.ofEntries(
            Map.entry("grpc.deadline-exceeded", SRE),
            Map.entry("grpc.deadline-exceeded-tcp", SRE),
            Map.entry("grpc.unavailable-refused", "java.net.ConnectException"),
            Map.entry(
                "grpc.unavailable-reset",
                "java.net.SocketException|io.grpc.netty.shaded.io.netty.channel.unix.Errors$NativeIoException|"
                    + SRE),
            Map.entry(
                "grpc.unavailable-tls",
                "sun.security.provider.certpath.SunCertPathBuilderException"),
            Map.entry("grpc.unimplemented", SRE),
            Map.entry("grpc.unauthenticated", SRE),
            Map.entry("grpc.permission-denied", SRE),
            Map.entry("grpc.resource-exhausted-rate-limit", SRE),
            Map.entry("grpc.resource-exhausted-message-size", SRE),
            Map.entry("grpc.invalid-argument", SRE),
            Map.entry("grpc.invalid-argument-validation", SRE),
            Map.entry("grpc.not-found", SRE),
            Map.entry(
                "grpc.response-unmarshal",
                "com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException"),
            Map.entry("grpc.unknown-server-error", SRE),
            Map.entry("grpc.cancelled-interrupted", "java.lang.InterruptedException"),
            Map.entry("grpc.cancelled-context", SRE)));
  }

  @Test
  void grpcExamplesAreStable() {
    RpcHttpFamilyCheck.examples("grpc.", 40);
  }
}
