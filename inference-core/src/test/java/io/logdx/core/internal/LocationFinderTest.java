package io.logdx.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Failure;
import io.logdx.core.Failure.Location;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocationFinderTest {

  private static String at(List<String> packages, String text) {
    Failure f = new FailureParser(packages, 1 << 20).parse(text);
    return f.location().map(Location::printed).orElse(null);
  }

  private static final String SPRING_TRACE =
      String.join(
          "\n",
          "org.springframework.web.util.NestedServletException: Request processing failed",
          "\tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)",
          "\tat com.acme.web.AuditFilter.doFilter(AuditFilter.java:22)",
          "Caused by: java.lang.ArithmeticException: / by zero",
          "\tat com.acme.pay.FeeCalculator$$SpringCGLIB$$0.rate(<generated>)",
          "\tat com.acme.pay.FeeCalculator.lambda$rate$0(FeeCalculator.java:31)",
          "\tat java.base/java.util.Optional.map(Optional.java:260)",
          "\tat com.acme.pay.FeeCalculator.rate(FeeCalculator.java:31)",
          "\tat jdk.internal.reflect.GeneratedMethodAccessor12.invoke(Unknown Source)",
          "\tat com.acme.pay.PayController.pay(PayController.java:44)",
          "\t... 2 more");

  @Test
  void configuredPackagesPickTheFirstApplicationFrameOfTheInnermostCause() {
    assertThat(at(List.of("com.acme.pay"), SPRING_TRACE))
        .isEqualTo("com.acme.pay.FeeCalculator.lambda$rate$0(FeeCalculator.java:31)");
    assertThat(at(List.of("com.acme.web"), SPRING_TRACE))
        .isEqualTo("com.acme.web.AuditFilter.doFilter(AuditFilter.java:22)");
  }

  @Test
  void autoDetectionSkipsTheJdkFrameworksProxiesAndReflection() {
    assertThat(at(List.of(), SPRING_TRACE))
        .isEqualTo("com.acme.pay.FeeCalculator.lambda$rate$0(FeeCalculator.java:31)");
    Failure f = new FailureParser().parse(SPRING_TRACE);
    assertThat(f.location().orElseThrow().configured()).isFalse();
  }

  @Test
  void configuredPrefixesOverrideTheLibraryList() {
    String text =
        String.join(
            "\n",
            "java.io.IOException: Got error, status message , ack with firstBadLink as 10.0.0.7:50010",
            "\tat org.apache.hadoop.hdfs.DataStreamer.createBlockOutputStream(DataStreamer.java:1786)",
            "\tat org.apache.hadoop.hdfs.DataStreamer.run(DataStreamer.java:716)");
    assertThat(at(List.of("org.apache.hadoop"), text))
        .isEqualTo(
            "org.apache.hadoop.hdfs.DataStreamer.createBlockOutputStream(DataStreamer.java:1786)");
    // without configuration a trace of nothing but a library is that library's own failure: its
    // code is the app
    assertThat(at(List.of(), text))
        .isEqualTo(
            "org.apache.hadoop.hdfs.DataStreamer.createBlockOutputStream(DataStreamer.java:1786)");
    assertThat(at(List.of("org.apache.hadoop."), text)).isNotNull();
    // prefixes end at package boundaries: "org.apache.had" configures nothing here, auto-detection
    // answers
    assertThat(
            new FailureParser(List.of("org.apache.had"), 1 << 20)
                .parse(text)
                .location()
                .orElseThrow()
                .configured())
        .isFalse();
    assertThat(
            new FailureParser(List.of("org.apache.hadoop"), 1 << 20)
                .parse(text)
                .location()
                .orElseThrow()
                .configured())
        .isTrue();
  }

  @Test
  void amongLibrariesTheOneThatOwnsTheThreadIsTheApplication() {
    String text =
        String.join(
            "\n",
            "java.lang.NullPointerException",
            "\tat com.google.common.base.Joiner.toString(Joiner.java:317)",
            "\tat com.google.common.base.Joiner.appendTo(Joiner.java:109)",
            "\tat org.apache.hadoop.yarn.util.StringHelper.join(StringHelper.java:102)",
            "\tat org.apache.hadoop.yarn.server.NodeManager.start(NodeManager.java:40)",
            "\tat org.apache.hadoop.yarn.server.NodeManager.main(NodeManager.java:12)");
    assertThat(at(List.of(), text))
        .isEqualTo("org.apache.hadoop.yarn.util.StringHelper.join(StringHelper.java:102)");
    // nothing but the JDK and a test runner: no location at all
    assertThat(
            at(
                List.of(),
                "java.lang.IllegalStateException: x\n\tat java.base/java.util.Objects.requireNonNull(Objects.java:1)"
                    + "\n\tat org.junit.runners.ParentRunner.run(ParentRunner.java:413)"))
        .isNull();
  }

  @Test
  void testRunnersAreNotTheApplicationAndTestCodeComesLast() {
    String junit =
        String.join(
            "\n",
            "java.lang.IllegalArgumentException: negative amount",
            "\tat com.acme.ledger.AmountTest$Fixtures.negative(AmountTest.java:80)",
            "\tat com.acme.ledger.Amount.of(Amount.java:17)",
            "\tat com.acme.ledger.AmountTest.rejectsNegative(AmountTest.java:25)",
            "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
            "\tat org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:727)",
            "\tat org.apache.maven.surefire.junitplatform.JUnitPlatformProvider.invoke(JUnitPlatformProvider.java:184)");
    assertThat(at(List.of(), junit)).isEqualTo("com.acme.ledger.Amount.of(Amount.java:17)");
    assertThat(at(List.of("com.acme"), junit))
        .isEqualTo("com.acme.ledger.Amount.of(Amount.java:17)");

    String inTest =
        String.join(
            "\n",
            "java.lang.NullPointerException",
            "\tat com.acme.ledger.AmountTest.rejectsNull(AmountTest.java:30)",
            "\tat org.junit.runners.ParentRunner.run(ParentRunner.java:413)");
    assertThat(at(List.of("com.acme"), inTest))
        .isEqualTo("com.acme.ledger.AmountTest.rejectsNull(AmountTest.java:30)");
    assertThat(at(List.of(), inTest))
        .isEqualTo("com.acme.ledger.AmountTest.rejectsNull(AmountTest.java:30)");
  }

  @Test
  void aCauseCutShortLeavesTheLocationToTheCausesAroundIt() {
    String text =
        String.join(
            "\n",
            "java.lang.IllegalStateException: snapshot failed",
            "\tat org.elasticsearch.repositories.Repo.snapshot(Repo.java:145)",
            "Caused by: java.lang.SecurityException: access denied",
            "\tat java.security.AccessControlContext.checkPermission(AccessControlContext.java:472)",
            "\tat org.apache.hadoop.ipc.Client.call(Client.java:1446)");
    assertThat(at(List.of("org.elasticsearch"), text))
        .isEqualTo("org.elasticsearch.repositories.Repo.snapshot(Repo.java:145)");
  }

  @Test
  void noFramesNoLocation() {
    assertThat(at(List.of(), "java.net.ConnectException: Connection refused")).isNull();
    assertThat(
            at(
                List.of("com.acme"),
                "java.lang.IllegalStateException: x\n\tat java.base/java.lang.Thread.run(Thread.java:1583)"))
        .isNull();
  }

  @Test
  void testCodeNames() {
    assertThat(LocationFinder.isTestCode("com.acme.PayServiceTest")).isTrue();
    assertThat(LocationFinder.isTestCode("com.acme.PayServiceTests$Nested")).isTrue();
    assertThat(LocationFinder.isTestCode("com.acme.TestPayService")).isTrue();
    assertThat(LocationFinder.isTestCode("com.acme.PayServiceIT")).isTrue();
    assertThat(LocationFinder.isTestCode("com.acme.test.Fixtures")).isTrue();
    assertThat(LocationFinder.isTestCode("com.acme.Testimony")).isFalse();
    assertThat(LocationFinder.isTestCode("com.acme.KerberosTestUtils")).isFalse();
    assertThat(LocationFinder.isTestCode("com.acme.contest.Entry")).isFalse();
    assertThat(LocationFinder.isTestCode("test.Fixtures")).isTrue();
    assertThat(LocationFinder.isTestCode("com.acme.tests.Fixtures")).isTrue();
    assertThat(LocationFinder.isTestCode("com.tests")).isFalse();
    assertThat(LocationFinder.isTestCode("Test")).isTrue();
    assertThat(LocationFinder.isTestCode("com.acme.Test$1")).isTrue();
    assertThat(LocationFinder.isTestCode("com.acme.Testing$Test")).isFalse();
    assertThat(LocationFinder.isTestCode("com.acme.testing.Entry")).isFalse();
    assertThat(LocationFinder.isTestCode("com.acme.T")).isFalse();
  }

  /** The in-place check answers as the former one, which cut the name into package, simple and outer names. */
  @Test
  void testCodeNamesAsTheSubstringVersionSaidThem() {
    String[] parts = {
      "test",
      "tests",
      "Test",
      "Tests",
      "TestCase",
      "IT",
      "acme",
      "Pay",
      "Testimony",
      "contest",
      "TestX",
      "Testy",
      "x",
      "$1",
      "$Inner",
      "ServiceTest",
      "ITs"
    };
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int segs = 1 + r.nextInt(4);
      for (int i = 0; i < segs; i++) {
        if (i > 0) sb.append('.');
        sb.append(parts[r.nextInt(parts.length)]);
      }
      if (r.nextBoolean()) sb.append(parts[r.nextInt(parts.length)]);
      String cls = sb.toString();
      assertThat(LocationFinder.isTestCode(cls)).as(cls).isEqualTo(substringVersion(cls));
    }
  }

  private static boolean substringVersion(String cls) {
    int dot = cls.lastIndexOf('.');
    String pkg = dot < 0 ? "" : cls.substring(0, dot);
    String simple = cls.substring(dot + 1);
    int dollar = simple.indexOf('$');
    String outer = dollar < 0 ? simple : simple.substring(0, dollar);
    if (outer.startsWith("Test")
        && (outer.length() == 4 || !Character.isLowerCase(outer.charAt(4)))) return true;
    if (outer.endsWith("Test")
        || outer.endsWith("Tests")
        || outer.endsWith("TestCase")
        || outer.endsWith("IT")) {
      return true;
    }
    return ("." + pkg + ".").contains(".test.") || ("." + pkg + ".").contains(".tests.");
  }
}
