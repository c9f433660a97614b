package io.logdx.core.internal;

import static io.logdx.core.internal.Chains.printed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private final FailureParser parser =
      new FailureParser(List.of("io.logdx.core.internal"), 1 << 20);

  // a small "application": two code paths that can fail in two ways
  static final class Payments {
    static void charge(String orderId, long amount, boolean timeout) {
      validate(orderId, amount, timeout);
    }

    static void refund(String orderId, long amount, boolean timeout) {
      validate(orderId, amount, timeout);
    }

    private static void validate(String orderId, long amount, boolean timeout) {
      if (timeout) {
        throw new IllegalStateException("gateway timed out for order '" + orderId + "'");
      }
      throw new IllegalStateException(
          "order '"
              + orderId
              + "' rejected: amount "
              + amount
              + " over limit, trace "
              + java.util.UUID.nameUUIDFromBytes(
                  orderId.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              + " at 0x7f3a9c");
    }
  }

  private static RuntimeException failure(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return new IllegalArgumentException("payment failed", e);
    }
    throw new AssertionError("no failure");
  }

  private String fp(Throwable t) {
    return parser.parse(t).fingerprint();
  }

  private String fp(String text) {
    return parser.parse(text).fingerprint();
  }

  @Test
  void theSameFailureWithOtherIdsAndAmountsSharesOneFingerprint() {
    // one call site, other values: as a service sees the same failure for other orders
    List<String> fps = new java.util.ArrayList<>();
    for (Object[] v :
        new Object[][] {{"A-1001", 25_000L}, {"B-77", 990_000_000L}, {"c9f1e2", 3L}}) {
      fps.add(fp(failure(() -> Payments.charge((String) v[0], (Long) v[1], false))));
    }
    assertThat(fps).containsOnly(fps.get(0));
    assertThat(fps.get(0)).matches("[0-9a-f]{16}");
  }

  @Test
  void movedLinesKeepTheFingerprint() {
    String text = printed(failure(() -> Payments.charge("A-1001", 25_000, false)));
    Matcher m = Pattern.compile("\\.java:(\\d+)\\)").matcher(text);
    StringBuilder moved = new StringBuilder();
    while (m.find())
      m.appendReplacement(moved, ".java:" + (Integer.parseInt(m.group(1)) + 17) + ")");
    m.appendTail(moved);
    assertThat(moved.toString()).isNotEqualTo(text);
    assertThat(fp(moved.toString())).isEqualTo(fp(text));
  }

  @Test
  void differentFailuresGetDifferentFingerprints() {
    String base = fp(failure(() -> Payments.charge("A-1", 1, false)));
    String otherShape = fp(failure(() -> Payments.charge("A-1", 1, true)));
    String otherPath = fp(failure(() -> Payments.refund("A-1", 1, false)));
    RuntimeException otherType =
        new UnsupportedOperationException(
            "payment failed", failure(() -> Payments.charge("A-1", 1, false)).getCause());
    assertThat(List.of(base, otherShape, otherPath, fp(otherType))).doesNotHaveDuplicates();
  }

  @Test
  void theLiveThrowableAndItsPrintedTextShareOneFingerprint() {
    for (RuntimeException t :
        List.of(
            failure(() -> Payments.charge("A-1", 1, false)),
            failure(() -> Payments.refund("Z-9", 9, true)))) {
      String text = printed(t);
      assertThat(fp(text)).isEqualTo(fp(t));
      // Logback's rendering of the same throwable: jar hints and "common frames omitted"
      String logback =
          "2024-03-05 10:15:30.123 ERROR [main] c.a.Payments - failed\n"
              + text.replaceAll("(\\tat [^\\n]+\\))\\n", "$1 ~[na:na]\n")
                  .replaceAll("\\.\\.\\. (\\d+) more", "... $1 common frames omitted");
      assertThat(logback).contains("common frames omitted").contains("~[na:na]");
      assertThat(fp(logback)).isEqualTo(fp(t));
    }
  }

  @Test
  void messageShapes() {
    assertThat(Fingerprint.shape("order 42 for 1,250.00 KRW")).isEqualTo("order # for # KRW");
    assertThat(Fingerprint.shape("id 123e4567-e89b-12d3-a456-426614174000 not found"))
        .isEqualTo("id # not found");
    assertThat(
            Fingerprint.shape("user 'kim' and \"lee\" at 0x7ffe12 hash deadbeef sha 9f86d081884c"))
        .isEqualTo("user '#' and '#' at # hash deadbeef sha #");
    assertThat(Fingerprint.shape("card <card>  owner\n<email>")).isEqualTo("card # owner #");
    assertThat(Fingerprint.shape(null)).isEmpty();
    assertThat(Fingerprint.shape("x".repeat(10_000))).hasSize(200);
  }

  @Test
  void emptyInputsHaveAFingerprintToo() {
    assertThat(new FailureParser().parse((String) null).fingerprint()).hasSize(16);
    assertThat(new FailureParser().parse("no exception here").fingerprint())
        .isEqualTo(new FailureParser().parse("no exception here").fingerprint());
  }
}
