package io.logdx.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.internal.FailureParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Quartz, JJWT and AWS SDK v2 scenarios throw their real root types, deterministically. */
class SchedulingSecurityCloudScenariosTest {
  static final Map<String, String> ROOTS = new LinkedHashMap<>();

  static {
    // ---- Quartz
    ROOTS.put("quartz.already-exists", "org.quartz.ObjectAlreadyExistsException");
    ROOTS.put("quartz.scheduler-shutdown", "org.quartz.SchedulerException");
    ROOTS.put(
        "quartz.trigger-never-fires",
        "org.quartz.SchedulerException|java.lang.IllegalArgumentException");
    ROOTS.put("quartz.trigger-job-missing", "org.quartz.JobPersistenceException");
    ROOTS.put("quartz.cron-invalid", "java.text.ParseException");
    ROOTS.put(
        "quartz.properties-invalid",
        "org.quartz.SchedulerConfigException|org.quartz.SchedulerException");
    ROOTS.put("quartz.jdbc-tables-missing", "org.h2.jdbc.JdbcSQLSyntaxErrorException");
    ROOTS.put("quartz.job-failed-refused", "java.net.ConnectException");
    ROOTS.put(
        "quartz.job-failed-duplicate", "org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException");
    ROOTS.put("quartz.job-failed-npe", "java.lang.NullPointerException");
    ROOTS.put("quartz.unable-to-interrupt", "org.quartz.UnableToInterruptJobException");
    // ---- JJWT
    ROOTS.put("jwt.expired", "io.jsonwebtoken.ExpiredJwtException");
    ROOTS.put("jwt.premature", "io.jsonwebtoken.PrematureJwtException");
    ROOTS.put("jwt.signature-mismatch", "io.jsonwebtoken.security.SignatureException");
    ROOTS.put("jwt.malformed", "io.jsonwebtoken.MalformedJwtException");
    ROOTS.put("jwt.unsecured", "io.jsonwebtoken.UnsupportedJwtException");
    ROOTS.put(
        "jwt.claim-missing-or-incorrect",
        "io.jsonwebtoken.MissingClaimException|io.jsonwebtoken.IncorrectClaimException");
    ROOTS.put("jwt.claim-required-type", "io.jsonwebtoken.RequiredTypeException");
    ROOTS.put("jwt.weak-key-config", "io.jsonwebtoken.security.WeakKeyException");
    ROOTS.put(
        "jwt.secret-not-base64",
        "io.jsonwebtoken.io.DecodingException|io.jsonwebtoken.security.WeakKeyException");
    ROOTS.put("jwt.weak-rsa-key", "io.jsonwebtoken.security.WeakKeyException");
    // ---- AWS SDK v2
    ROOTS.put("awssdk.refused", "java.net.ConnectException");
    ROOTS.put("awssdk.read-timeout", "java.net.SocketTimeoutException");
    ROOTS.put(
        "awssdk.api-call-timeout",
        "software.amazon.awssdk.core.exception.ApiCallTimeoutException"
            + "|software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException");
    ROOTS.put(
        "awssdk.s3-status",
        "software.amazon.awssdk.services.s3.model.S3Exception"
            + "|software.amazon.awssdk.services.s3.model.NoSuchKeyException");
    ROOTS.put(
        "awssdk.credentials-missing", "software.amazon.awssdk.core.exception.SdkClientException");
    ROOTS.put("awssdk.region-missing", "software.amazon.awssdk.core.exception.SdkClientException");
    ROOTS.put("awssdk.empty-parameter", "java.lang.IllegalArgumentException");
    ROOTS.put("awssdk.null-parameter", "java.lang.IllegalArgumentException");
  }

  static boolean ours(String name) {
    return name.startsWith("quartz.") || name.startsWith("jwt.") || name.startsWith("awssdk.");
  }

  @Test
  void scenariosThrowTheirRealTypes() throws Exception {
    FailureParser parser = new FailureParser();
    Set<String> seen = new TreeSet<>();
    try (DataGenerator g = new DataGenerator(42)) {
      for (List<Scenario> scenarios : g.scenarios().values()) {
        for (Scenario sc : scenarios) {
          if (!ours(sc.name())) continue;
          String want = ROOTS.get(sc.name());
          assertThat(want).as("expected root of " + sc).isNotNull();
          int seeds = sc.captures() > 0 ? sc.captures() : 10;
          for (long seed = 1; seed <= seeds; seed++) {
            Throwable t = g.runOnce(sc, seed * 0x9E3779B97F4A7C15L);
            String root = parser.parse(t).rootCause().orElseThrow().type();
            assertThat(List.of(want.split("\\|")))
                .as(sc + " seed " + seed + ": " + t)
                .contains(root);
          }
          seen.add(sc.name());
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ROOTS.keySet());
  }

  /** The same seed gives the same messages and frames, and no message shows a loopback address or a whole token. */
  @Test
  void runsAreDeterministic() throws Exception {
    List<Scenario> mine = new ArrayList<>();
    for (Scenario sc : io.logdx.trainer.data.scenario.Catalogue.all())
      if (ours(sc.name())) mine.add(sc);
    // two generations one after the other, each with its own servers, ports and schedulers
    List<List<String>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      List<String> out = new ArrayList<>();
      try (Resources r = new Resources()) {
        for (Scenario sc : mine) {
          for (long seed = 1; seed <= (sc.captures() > 0 ? 1 : 4); seed++)
            out.add(sc + " seed " + seed + "\n" + shown(sc, new Ctx(new Random(seed), r)));
        }
      }
      runs.add(out);
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
    for (String a : runs.get(0))
      assertThat(a).doesNotContainPattern("eyJ[\\w-]*\\.eyJ").doesNotContain("127.0.0.1");
  }

  private static String shown(Scenario sc, Ctx ctx) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (TraceNode n : TraceNode.of(sc.run(ctx)).all()) {
      sb.append(n.type).append(": ").append(ctx.apply(n.message)).append('\n');
      for (Frame f : n.frames) sb.append("\tat ").append(f).append('\n');
    }
    return sb.toString();
  }

  /** With -Dlogdx.print=true: a few rendered examples of each scenario, to read. */
  @Test
  void printExamples() {
    if (!Boolean.getBoolean("logdx.print")) return;
    try (DataGenerator g = new DataGenerator(42)) {
      Map<String, Integer> per = new LinkedHashMap<>();
      for (String label : LABELS) {
        for (Example e : g.examples(label, 150)) {
          String name = e.source().substring("logdx-gen:".length());
          if (ours(name) && per.merge(label + ":" + name, 1, Integer::sum) <= 3) {
            System.out.println("[" + label + "] " + e.source() + "\n" + e.text() + "\n-----");
          }
        }
      }
    }
  }

  private static final String[] LABELS = {
    "illegal_state",
    "illegal_argument",
    "entity_not_found",
    "configuration_error",
    "db_sql_syntax",
    "connection_refused",
    "db_constraint_violation",
    "null_reference",
    "unsupported_operation",
    "authentication_failure",
    "class_cast",
    "socket_timeout",
    "timeout",
    "http_client_error",
    "http_server_error",
    "authorization_denied",
    "rate_limited"
  };
}
