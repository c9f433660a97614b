package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: content, escaping, self-containment, and how Chromium renders it (when installed). */
class HtmlReportTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>";

  @TempDir static Path dir;
  static Path log;
  static Path html;

  @BeforeAll
  static void writeLogAndReport() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String ts = String.format("2026-11-25 %02d:%02d:07.100", 9 + i / 4, (i * 17) % 60);
      lines.add(
          ts
              + " ERROR [http-"
              + i
              + "] c.e.b.TransferService - rejected "
              + HOSTILE
              + " for kim"
              + i
              + "@example.com");
      lines.add(printed(thrown(() -> Integer.parseInt("12a" + HOSTILE))).stripTrailing());
      if (i % 3 == 0) {
        lines.add(
            ts
                + " WARN  [io] c.e.b.Ledger - call failed: java.net.ConnectException: Connection refused");
      }
      lines.add(ts + " INFO  [main] c.e.b.App - ok");
    }
    log = dir.resolve("hostile.log");
    Files.write(log, lines, StandardCharsets.UTF_8);
    html = dir.resolve("report.html");
    Cli.Result r =
        Cli.run(
            "diagnose",
            "--html",
            html.toString(),
            "--locale",
            "en",
            "--model",
            "rules",
            log.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.err()).contains("wrote " + html);
  }

  private static RuntimeException thrown(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("did not throw");
  }

  private static String printed(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  @Test
  void holdsTheChartAndOneCardPerFailure() throws IOException {
    String page = Files.readString(html);
    assertThat(page)
        .startsWith("<!DOCTYPE html>")
        .contains("<html lang=\"en\">")
        .contains("<meta charset=\"utf-8\">");
    assertThat(page).contains("<svg class=\"bars\"").contains("Failures per category over time");
    assertThat(count(page, "<rect ")).isGreaterThanOrEqualTo(4);
    assertThat(count(page, "<article class=\"card\"")).isEqualTo(2);
    assertThat(page)
        .contains("12×")
        .contains("4×")
        .contains("number_format")
        .contains("connection_refused");
    assertThat(page).contains("2026-11-25 09:00:07").contains("2026-11-25 11:50:07");
    assertThat(count(page, "<details>")).isEqualTo(2);
    assertThat(page.indexOf("number_format")).isLessThan(page.indexOf("connection_refused"));
  }

  @Test
  void escapesLogContentAndMasksPersonalData() throws IOException {
    String page = Files.readString(html);
    assertThat(page)
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("<img")
        .doesNotContain("onerror=alert(1)>");
    assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(page).doesNotContain("@example.com");
  }

  @Test
  void isSelfContained() throws IOException {
    String page = Files.readString(html);
    assertThat(page)
        .doesNotContainPattern("(?i)<[^>]*\\s(src|href)\\s*=")
        .doesNotContain("@import")
        .doesNotContain("url(")
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("@font-face");
  }

  @Test
  void escapeHandlesEveryMarkupCharacterAndControlBytes() {
    assertThat(HtmlReport.esc("a<b>&\"c'\u0000\u0007\n\t"))
        .isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;\ufffd\ufffd\n\t");
    assertThat(HtmlReport.esc(null)).isEmpty();
  }

  @Test
  void formatsCodeInCauseAndFixWithoutLettingMarkupThrough() {
    String html =
        HtmlReport.prose("Check `a<b>` first.\n    try { x(); }\n    catch (E e) {}\nThen `retry");
    assertThat(html)
        .isEqualTo(
            "<div class=\"text\"><p>Check <code>a&lt;b&gt;</code> first.</p>"
                + "<pre class=\"snippet\">try { x(); }\ncatch (E e) {}\n</pre><p>Then `retry</p></div>");
  }

  @Test
  void showsTotalsWhenTheLogHasNoTimeStamps() throws IOException {
    Path plain = dir.resolve("plain.log");
    Files.writeString(plain, printed(thrown(() -> List.of().iterator().next())));
    Path out = dir.resolve("plain.html");
    Cli.Result r =
        Cli.run(
            "diagnose",
            "--html",
            out.toString(),
            "--locale",
            "ko",
            "--model",
            "rules",
            plain.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    String page = Files.readString(out);
    assertThat(page)
        .contains("<html lang=\"ko\">")
        .contains("<svg class=\"totals\"")
        .doesNotContain("<svg class=\"bars\"")
        .contains("분류별 장애 수")
        .contains("no_such_element");
  }

  @Test
  void rendersInHeadlessChromium() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (.ci/run installs it)");
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    String dom = chromium(profile, "--dump-dom", html.toUri().toString());
    // the parsed document: the hostile text stayed text, every card and the chart are there
    assertThat(dom).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img");
    assertThat(count(dom, "<article class=\"card\"")).isEqualTo(2);
    assertThat(dom)
        .contains("<svg class=\"bars\"")
        .contains("number_format")
        .contains("Connection refused");
    Matcher rects = Pattern.compile("<rect ").matcher(dom);
    assertThat(rects.results().count()).isGreaterThanOrEqualTo(4);

    Path png = dir.resolve("report.png");
    chromium(profile, "--screenshot=" + png, "--window-size=1200,1600", html.toUri().toString());
    byte[] image = Files.readAllBytes(png);
    assertThat(image.length).isGreaterThan(10_000);
    assertThat(new String(image, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  private static String chromium(Path profile, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-default-apps",
                "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Path stdout = Files.createTempFile(dir, "chromium", ".out");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    assertThat(p.exitValue()).as("chromium exit code").isZero();
    return Files.readString(stdout);
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
    return n;
  }
}
