package io.logdx.cli;

import io.logdx.core.Diagnosis;
import java.io.PrintWriter;
import java.util.Locale;

/** The report for people: a header line, then one paragraph per distinct failure, most frequent first. */
final class TextReport {
  private static final String INDENT = "    ";
  private static final int LABEL_WIDTH = 12;

  private final Report r;
  private final Labels l;

  TextReport(Report report) {
    this.r = report;
    this.l = report.labels;
  }

  void write(PrintWriter w) {
    w.printf(
        Locale.ROOT,
        "logdx %s: %d %s, %,d %s, %,d %s, %d %s (%s %s)%n",
        r.version,
        r.files,
        l.count("files", r.files),
        r.lines,
        l.count("lines", r.lines),
        r.blocks,
        l.count("blocks", r.blocks),
        r.groups.size(),
        l.count("distinct", r.groups.size()),
        l.get("model"),
        r.model);
    if (r.groups.isEmpty()) {
      w.println();
      w.println(l.get("no_failures"));
    }
    int i = 0;
    for (FailureGroup g : r.groups) {
      Diagnosis d = g.diagnosis();
      w.println();
      w.printf(
          Locale.ROOT,
          "#%d  %,d×  %s  (%s %.2f)%s%n",
          ++i,
          g.count(),
          d.category(),
          l.get("confidence"),
          d.confidence(),
          d.status() == Diagnosis.Status.OK ? "" : "  [" + d.status().value() + "]");
      field(
          w,
          l.get("root_cause"),
          g.sample().rootCause().map(n -> n.header()).orElse(l.get("none")));
      field(
          w,
          l.get("location"),
          g.sample().location().map(loc -> loc.printed()).orElse(l.get("none")));
      if (g.firstSeen() != null) {
        String seen = g.firstSeen().format();
        if (!g.lastSeen().equals(g.firstSeen())) seen += " … " + g.lastSeen().format();
        field(w, l.get("seen"), seen);
      }
      field(w, l.get("first_at"), g.firstSource() + ":" + g.firstLine());
      if (!d.cause().isEmpty()) field(w, l.get("cause"), d.cause());
      if (!d.fix().isEmpty()) field(w, l.get("fix"), d.fix());
      field(w, l.get("fingerprint"), g.fingerprint());
    }
    if (r.overflow > 0) {
      w.println();
      w.printf(
          Locale.ROOT, "%,d %s (--max-groups %d)%n", r.overflow, l.get("overflow"), r.maxGroups);
    }
    if (r.withoutException > 0) {
      w.println();
      w.printf(Locale.ROOT, "%,d %s%n", r.withoutException, l.get("unparsed"));
    }
  }

  /** Terminal columns of a text: Hangul and other East Asian wide characters take two. */
  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      boolean wide =
          script == Character.UnicodeScript.HANGUL
              || script == Character.UnicodeScript.HAN
              || script == Character.UnicodeScript.HIRAGANA
              || script == Character.UnicodeScript.KATAKANA
              || (cp >= 0xFF01 && cp <= 0xFF60);
      w += wide ? 2 : 1;
    }
    return w;
  }

  /** A labelled field; continuation lines of multi-line text line up under the first. */
  private static void field(PrintWriter w, String label, String value) {
    String pad = " ".repeat(Math.max(1, LABEL_WIDTH - displayWidth(label)));
    String cont = "\n" + INDENT + " ".repeat(LABEL_WIDTH);
    w.print(INDENT);
    w.print(label);
    w.print(pad);
    w.println(value.strip().replace("\r", "").replace("\n", cont));
  }
}
