package io.logdx.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Failure;
import io.logdx.core.golden.app.Ledger;
import io.logdx.core.internal.FailureParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pins the fingerprints of a fixed set of real failures, read live (what the appenders see) and from their
 * printed text (what the command line sees), in {@code src/test/resources/golden/fingerprints.tsv}. The README
 * promises that a fingerprint survives rebuilds ({@code docs/fingerprint.md}): users group, count and alert on
 * it in their search engine, so a change of the rule, the masking or the parser that moves one is a break for
 * them, and must be deliberate.
 *
 * <p>To change the file on purpose (say, a new fingerprint rule, announced in the release notes), run
 * {@code mvn -B -o -pl inference-core -am test -Dtest=FingerprintGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlogdx.golden.update=true}, review the diff and commit it with the reason.
 *
 * <p>The failures are thrown by the JDK and H2 under {@link Ledger}, the application here: its class and method
 * names are part of the fingerprints; a newer H2 or JDK that words a message otherwise changes them too.
 */
class FingerprintGoldenTest {
  private static final GoldenFile GOLDEN = new GoldenFile("fingerprints.tsv");
  private final FailureParser parser =
      new FailureParser(List.of("io.logdx.core.golden.app"), 1 << 20);

  interface Failing {
    void run() throws Exception;
  }

  /** The fixed set: name → the code that fails. Append new cases at the end; never reuse a name. */
  static Map<String, Failing> failures() {
    String db = "jdbc:h2:mem:golden-" + UUID.randomUUID();
    Map<String, Failing> f = new LinkedHashMap<>();
    f.put("number_format", () -> Ledger.parseAmount("12,50"));
    f.put("null_pointer", () -> Ledger.holderNameLength(null));
    f.put("index_out_of_bounds", () -> Ledger.balanceOfMonth(new long[12], 12));
    f.put("date_time_parse", () -> Ledger.valueDate("2026-02-31"));
    f.put("class_cast", () -> Ledger.accountNumber(Map.of("number", "110-234-567890")));
    f.put("unsupported_operation", () -> Ledger.addFee(List.of(1L, 2L)));
    f.put(
        "concurrent_modification",
        () -> Ledger.removeZeroFees(new ArrayList<>(List.of(0L, 5L, 7L))));
    f.put("arithmetic", () -> Ledger.perShare(10_000, 0));
    f.put(
        "file_not_found_wrapped",
        () -> Ledger.loadStatementTemplate(Path.of("no-such-dir", "statement.ftl")));
    f.put("connection_refused_wrapped", Ledger::callRatesService);
    f.put("h2_table_not_found", () -> Ledger.readMissingTable(db + "-1;DB_CLOSE_DELAY=-1"));
    f.put("h2_duplicate_key_wrapped", () -> Ledger.openAccountTwice(db + "-2;DB_CLOSE_DELAY=-1"));
    f.put(
        "masked_personal_data",
        () -> Ledger.notifyCustomer("kim.minji@example.com", "4111 1111 1111 1111"));
    f.put("with_suppressed", Ledger::closeBatch);
    return f;
  }

  @Test
  void fingerprintsOfRealFailuresMatchTheGoldenFile() {
    StringBuilder out =
        new StringBuilder()
            .append(
                "# Fingerprints of real failures, live and printed alike (FingerprintGoldenTest). A change here\n")
            .append(
                "# changes users' diagnosis.fingerprint: rewrite only on purpose (see the test's javadoc).\n")
            .append("# name\tfingerprint\troot cause type\tlocation\n");
    List<String> printedDiffers = new ArrayList<>();
    for (Map.Entry<String, Failing> e : failures().entrySet()) {
      Throwable thrown = thrown(e.getValue());
      Failure live = parser.parse(thrown);
      Failure printed = parser.parse(printed(thrown));
      if (!live.fingerprint().equals(printed.fingerprint())) {
        printedDiffers.add(
            e.getKey() + ": live " + live.fingerprint() + ", printed " + printed.fingerprint());
      }
      out.append(e.getKey())
          .append('\t')
          .append(live.fingerprint())
          .append('\t')
          .append(live.rootCause().map(c -> c.type()).orElse("-"))
          .append('\t')
          .append(live.location().map(l -> l.className() + "#" + l.methodName()).orElse("-"))
          .append('\n');
    }
    assertThat(printedDiffers)
        .as("the printed text of a failure must give its live fingerprint")
        .isEmpty();
    GOLDEN.assertMatches(out.toString(), FingerprintGoldenTest.class.getSimpleName());
  }

  @Test
  void theSameFailureThrownAgainKeepsItsGoldenFingerprint() {
    // another amount, another port, another database: the same failures, so the same fingerprints
    Failure first = parser.parse(thrown(() -> Ledger.parseAmount("12,50")));
    Failure again = parser.parse(thrown(() -> Ledger.parseAmount("7.000,01")));
    assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
    Failure refused = parser.parse(thrown(Ledger::callRatesService));
    Failure refusedAgain = parser.parse(thrown(Ledger::callRatesService));
    assertThat(refusedAgain.fingerprint()).isEqualTo(refused.fingerprint());
  }

  static Throwable thrown(Failing failing) {
    try {
      failing.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("did not fail");
  }

  /** What {@code printStackTrace} writes. */
  static String printed(Throwable t) {
    StringWriter w = new StringWriter();
    try (PrintWriter p = new PrintWriter(w)) {
      t.printStackTrace(p);
    }
    return w.toString();
  }
}
