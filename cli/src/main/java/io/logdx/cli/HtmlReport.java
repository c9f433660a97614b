package io.logdx.cli;

import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One self-contained HTML file (inline CSS and SVG; no script, no external font or image): a stacked bar chart
 * of failures per category over time, then one card per distinct failure. Everything taken from the logs is
 * escaped: log content is untrusted input.
 */
final class HtmlReport {
  /** Most bars of the time chart. */
  static final int MAX_BARS = 60;

  /** Categories drawn in their own colour; the rest are drawn together as "other". */
  static final int MAX_SERIES = 10;

  private static final String OTHER = "other";
  private static final String[] PALETTE = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#86bcb6"
  };
  private static final String OTHER_COLOUR = "#bab0ac";

  private final Report r;
  private final Labels l;
  private final Map<String, String> colours = new LinkedHashMap<>();

  HtmlReport(Report report) {
    this.r = report;
    this.l = report.labels;
  }

  void write(Writer w) throws IOException {
    Map<String, Long> totals = totalsByCategory();
    int i = 0;
    for (String c : totals.keySet()) {
      colours.put(c, i < MAX_SERIES ? PALETTE[i] : OTHER_COLOUR);
      i++;
    }
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("<!DOCTYPE html>\n<html lang=\"")
        .append(r.locale.getLanguage())
        .append("\">\n<head>\n")
        .append(
            "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"logdx ")
        .append(esc(r.version))
        .append("\">\n")
        .append("<title>")
        .append(esc(l.get("title")))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n")
        .append("</head>\n<body>\n<main>\n");
    header(sb);
    chart(sb, totals);
    int rank = 0;
    for (FailureGroup g : r.groups) card(sb, g, ++rank);
    if (r.groups.isEmpty())
      sb.append("<p class=\"empty\">").append(esc(l.get("no_failures"))).append("</p>\n");
    footer(sb);
    sb.append("</main>\n</body>\n</html>\n");
    w.write(sb.toString());
  }

  private void header(StringBuilder sb) {
    sb.append("<header>\n<h1>").append(esc(l.get("title"))).append("</h1>\n");
    sb.append("<p class=\"sub\">").append(esc(String.join(", ", r.sources)));
    LogTime from = null;
    LogTime to = null;
    for (FailureGroup g : r.groups) {
      if (g.firstSeen() == null) continue;
      if (from == null || g.firstSeen().compareTo(from) < 0) from = g.firstSeen();
      if (to == null || g.lastSeen().compareTo(to) > 0) to = g.lastSeen();
    }
    if (from != null)
      sb.append(" · ").append(esc(from.format())).append(" – ").append(esc(to.format()));
    sb.append("</p>\n<dl class=\"stats\">");
    stat(sb, l.get("distinct"), String.format(Locale.ROOT, "%,d", r.groups.size()));
    stat(sb, l.get("blocks"), String.format(Locale.ROOT, "%,d", r.blocks));
    stat(sb, l.get("lines"), String.format(Locale.ROOT, "%,d", r.lines));
    stat(sb, l.get("files"), Integer.toString(r.files));
    stat(sb, l.get("model"), r.model);
    sb.append("</dl>\n</header>\n");
  }

  private static void stat(StringBuilder sb, String label, String value) {
    sb.append("<div><dt>")
        .append(esc(label))
        .append("</dt><dd>")
        .append(esc(value))
        .append("</dd></div>");
  }

  private Map<String, Long> totalsByCategory() {
    Map<String, Long> t = new LinkedHashMap<>();
    for (FailureGroup g : r.groups) t.merge(g.diagnosis().category(), g.count(), Long::sum);
    List<Map.Entry<String, Long>> list = new ArrayList<>(t.entrySet());
    list.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Long> sorted = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : list) sorted.put(e.getKey(), e.getValue());
    return sorted;
  }

  /** The series a category is drawn in: itself for the most frequent ones, else "other". */
  private String series(String category) {
    return paletteIndex(category) < MAX_SERIES ? category : OTHER;
  }

  private int paletteIndex(String category) {
    int i = 0;
    for (String c : colours.keySet()) {
      if (c.equals(category)) return i;
      i++;
    }
    return Integer.MAX_VALUE;
  }

  private String colour(String series) {
    return OTHER.equals(series) ? OTHER_COLOUR : colours.getOrDefault(series, OTHER_COLOUR);
  }

  // ---------------------------------------------------------------- chart

  private void chart(StringBuilder sb, Map<String, Long> totals) {
    if (r.groups.isEmpty()) return;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long width = TimeHistogram.STEPS_MS[0];
    boolean dated = false;
    for (FailureGroup g : r.groups) {
      if (g.firstSeen() == null) continue;
      min = Math.min(min, g.firstSeen().epochMillis());
      max = Math.max(max, g.lastSeen().epochMillis());
      width = Math.max(width, g.histogram().widthMillis());
      dated |= g.firstSeen().dated();
    }
    sb.append("<section class=\"chart\">\n");
    if (min == Long.MAX_VALUE) {
      sb.append("<h2>")
          .append(esc(l.get("totals")))
          .append("</h2>\n<p class=\"note\">")
          .append(esc(l.get("no_time")))
          .append("</p>\n");
      totalsChart(sb, totals);
    } else {
      sb.append("<h2>").append(esc(l.get("chart"))).append("</h2>\n");
      timeChart(sb, min, max, width, dated);
    }
    legend(sb, totals);
    sb.append("</section>\n");
  }

  private void timeChart(StringBuilder sb, long min, long max, long minWidth, boolean dated) {
    long step = minWidth;
    for (long s : TimeHistogram.STEPS_MS) {
      if (s < minWidth) continue;
      step = s;
      if (Math.floorDiv(max, s) - Math.floorDiv(min, s) + 1 <= MAX_BARS) break;
    }
    long first = Math.floorDiv(min, step) * step;
    int bars = (int) (Math.floorDiv(max, step) - Math.floorDiv(min, step) + 1);
    // series -> bucket start -> count
    Map<String, Map<Long, Long>> data = new LinkedHashMap<>();
    for (FailureGroup g : r.groups) {
      if (g.firstSeen() == null) continue;
      Map<Long, Long> m =
          data.computeIfAbsent(series(g.diagnosis().category()), k -> new TreeMap<>());
      g.histogram().addTo(m, step);
    }
    long[] stackTotals = new long[bars];
    for (Map<Long, Long> m : data.values()) {
      for (Map.Entry<Long, Long> e : m.entrySet())
        stackTotals[(int) ((e.getKey() - first) / step)] += e.getValue();
    }
    long peak = 1;
    for (long t : stackTotals) peak = Math.max(peak, t);
    long yMax = niceCeiling(peak);

    int vw = 1000;
    int vh = 300;
    int left = 56;
    int right = 12;
    int top = 12;
    int bottom = 44;
    double plotW = vw - left - right;
    double plotH = vh - top - bottom;
    double slot = plotW / bars;
    double barW = Math.max(1.0, slot * 0.78);
    sb.append("<svg class=\"bars\" viewBox=\"0 0 ")
        .append(vw)
        .append(' ')
        .append(vh)
        .append("\" role=\"img\" aria-label=\"")
        .append(esc(l.get("chart")))
        .append("\">\n");
    int ticks = yMax % 4 == 0 ? 4 : yMax % 5 == 0 ? 5 : yMax % 2 == 0 ? 2 : 1;
    for (int t = 0; t <= ticks; t++) {
      double y = top + plotH - plotH * t / ticks;
      long v = yMax * t / ticks;
      sb.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
              left,
              vw - right,
              y,
              y));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text class=\"ytick\" x=\"%d\" y=\"%.1f\">%,d</text>%n",
              left - 8,
              y + 4,
              v));
    }
    long[] stacked = new long[bars];
    for (Map.Entry<String, Map<Long, Long>> s : data.entrySet()) {
      String colour = colour(s.getKey());
      for (Map.Entry<Long, Long> e : s.getValue().entrySet()) {
        int b = (int) ((e.getKey() - first) / step);
        double x = left + slot * b + (slot - barW) / 2;
        double h = plotH * e.getValue() / yMax;
        double y = top + plotH - plotH * stacked[b] / yMax - h;
        stacked[b] += e.getValue();
        sb.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s · %s · %,d</title></rect>%n",
                x,
                y,
                barW,
                Math.max(h, 0.5),
                colour,
                esc(s.getKey()),
                esc(bucketLabel(e.getKey(), step, dated, true)),
                e.getValue()));
      }
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>%n",
            left,
            vw - right,
            top + plotH,
            top + plotH));
    int labels = Math.min(bars, 8);
    int every = Math.max(1, (int) Math.ceil(bars / (double) labels));
    for (int b = 0; b < bars; b += every) {
      double x = left + slot * b + slot / 2;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text class=\"xtick\" x=\"%.1f\" y=\"%.1f\">%s</text>%n",
              x,
              top + plotH + 18,
              esc(bucketLabel(first + b * step, step, dated, false))));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<text class=\"xtitle\" x=\"%d\" y=\"%d\">%s: %s</text>%n",
            vw - right,
            vh - 4,
            esc(l.get("bucket")),
            esc(duration(step))));
    sb.append("</svg>\n");
  }

  private void totalsChart(StringBuilder sb, Map<String, Long> totals) {
    long peak = 1;
    for (long v : totals.values()) peak = Math.max(peak, v);
    int rows = totals.size();
    int rowH = 26;
    int vw = 1000;
    int labelW = 230;
    int vh = rows * rowH + 8;
    sb.append("<svg class=\"totals\" viewBox=\"0 0 ")
        .append(vw)
        .append(' ')
        .append(vh)
        .append("\" role=\"img\" aria-label=\"")
        .append(esc(l.get("totals")))
        .append("\">\n");
    int row = 0;
    for (Map.Entry<String, Long> e : totals.entrySet()) {
      double y = 4 + row * rowH;
      double w = (vw - labelW - 80) * (double) e.getValue() / peak;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text class=\"rowlabel\" x=\"%d\" y=\"%.1f\">%s</text>",
              labelW - 10,
              y + 17,
              esc(e.getKey())));
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s · %,d</title></rect>",
              labelW,
              y + 3,
              Math.max(w, 1.0),
              rowH - 8,
              colours.get(e.getKey()),
              esc(e.getKey()),
              e.getValue()));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text class=\"rowvalue\" x=\"%.1f\" y=\"%.1f\">%,d</text>%n",
              labelW + w + 6,
              y + 17,
              e.getValue()));
      row++;
    }
    sb.append("</svg>\n");
  }

  private void legend(StringBuilder sb, Map<String, Long> totals) {
    sb.append("<ul class=\"legend\">");
    long other = 0;
    int i = 0;
    for (Map.Entry<String, Long> e : totals.entrySet()) {
      if (i++ >= MAX_SERIES) {
        other += e.getValue();
        continue;
      }
      legendItem(sb, colours.get(e.getKey()), e.getKey(), e.getValue());
    }
    if (other > 0) legendItem(sb, OTHER_COLOUR, OTHER, other);
    sb.append("</ul>\n");
  }

  private static void legendItem(StringBuilder sb, String colour, String name, long count) {
    sb.append("<li><span class=\"swatch\" style=\"background:")
        .append(colour)
        .append("\"></span>")
        .append(esc(name))
        .append(String.format(Locale.ROOT, " <b>%,d</b></li>", count));
  }

  private static String bucketLabel(long start, long step, boolean dated, boolean full) {
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC);
    String pattern;
    if (!dated) {
      long day = Math.floorDiv(start, 86_400_000L);
      String time =
          DateTimeFormatter.ofPattern(step < 60_000 ? "HH:mm:ss" : "HH:mm", Locale.ROOT).format(t);
      return day == 0 ? time : time + " +" + day + "d";
    }
    if (full) pattern = step < 60_000 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm";
    else if (step >= 86_400_000L) pattern = "yyyy-MM-dd";
    else if (step < 60_000) pattern = "HH:mm:ss";
    else pattern = "MM-dd HH:mm";
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(t);
  }

  private static String duration(long ms) {
    if (ms % 86_400_000L == 0) return (ms / 86_400_000L) + " d";
    if (ms % 3_600_000L == 0) return (ms / 3_600_000L) + " h";
    if (ms % 60_000L == 0) return (ms / 60_000L) + " min";
    return (ms / 1000) + " s";
  }

  /** 1, 2, 5, 10, 20, 50, ... at or above v, so that the axis ticks are round. */
  static long niceCeiling(long v) {
    long p = 1;
    while (true) {
      for (long m : new long[] {1, 2, 4, 5}) {
        if (m * p >= v) return m * p;
      }
      p *= 10;
    }
  }

  // ---------------------------------------------------------------- cards

  private void card(StringBuilder sb, FailureGroup g, int rank) {
    Diagnosis d = g.diagnosis();
    Failure f = g.sample();
    String colour = colour(series(d.category()));
    sb.append("<article class=\"card\" id=\"fp-")
        .append(esc(g.fingerprint()))
        .append("\" style=\"border-left-color:")
        .append(colour)
        .append("\">\n<div class=\"head\">")
        .append("<span class=\"rank\">#")
        .append(rank)
        .append("</span>")
        .append("<span class=\"count\" title=\"")
        .append(esc(l.get("count")))
        .append("\">")
        .append(String.format(Locale.ROOT, "%,d×", g.count()))
        .append("</span>")
        .append("<span class=\"category\" style=\"background:")
        .append(colour)
        .append("\">")
        .append(esc(d.category()))
        .append("</span>")
        .append("<span class=\"confidence\">")
        .append(esc(l.get("confidence")))
        .append(String.format(Locale.ROOT, " %.0f%%", d.confidence() * 100))
        .append("</span>");
    if (d.status() != Diagnosis.Status.OK) {
      sb.append("<span class=\"status\">").append(esc(d.status().value())).append("</span>");
    }
    sb.append("</div>\n<dl class=\"fields\">\n");
    field(
        sb,
        l.get("root_cause"),
        "<code>" + esc(f.rootCause().map(n -> n.header()).orElse(l.get("none"))) + "</code>");
    field(
        sb,
        l.get("location"),
        "<code>" + esc(f.location().map(x -> x.printed()).orElse(l.get("none"))) + "</code>");
    if (g.firstSeen() != null) {
      field(sb, l.get("first_seen"), esc(g.firstSeen().format()));
      field(sb, l.get("last_seen"), esc(g.lastSeen().format()));
    }
    field(sb, l.get("first_at"), esc(g.firstSource() + ":" + g.firstLine()));
    if (!d.cause().isEmpty()) field(sb, l.get("cause"), prose(d.cause()));
    if (!d.fix().isEmpty()) field(sb, l.get("fix"), prose(d.fix()));
    field(sb, l.get("fingerprint"), "<code class=\"fp\">" + esc(g.fingerprint()) + "</code>");
    sb.append("</dl>\n<details><summary>")
        .append(esc(l.get("sample")))
        .append("</summary><pre>")
        .append(esc(Report.sampleTrace(f)))
        .append("</pre></details>\n</article>\n");
  }

  /**
   * Cause and fix as HTML: lines indented by four spaces become a code block, {@code `name`} becomes inline
   * code, everything else stays text. Escaping comes first, so nothing in the text can become markup.
   */
  static String prose(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 64).append("<div class=\"text\">");
    StringBuilder code = null;
    for (String line : text.strip().split("\r?\n", -1)) {
      if (line.startsWith("    ") && !line.isBlank()) {
        if (code == null) code = new StringBuilder();
        code.append(esc(line.substring(4))).append('\n');
        continue;
      }
      if (code != null) {
        sb.append("<pre class=\"snippet\">").append(code).append("</pre>");
        code = null;
      }
      sb.append("<p>").append(inlineCode(esc(line))).append("</p>");
    }
    if (code != null) sb.append("<pre class=\"snippet\">").append(code).append("</pre>");
    return sb.append("</div>").toString();
  }

  /** {@code `x`} → {@code <code>x</code>} on already escaped text; an unpaired backtick stays as it is. */
  private static String inlineCode(String escaped) {
    StringBuilder sb = new StringBuilder(escaped.length() + 32);
    int i = 0;
    while (true) {
      int open = escaped.indexOf('`', i);
      int close = open < 0 ? -1 : escaped.indexOf('`', open + 1);
      if (close < 0) break;
      sb.append(escaped, i, open)
          .append("<code>")
          .append(escaped, open + 1, close)
          .append("</code>");
      i = close + 1;
    }
    return sb.append(escaped, i, escaped.length()).toString();
  }

  private static void field(StringBuilder sb, String label, String html) {
    sb.append("<dt>").append(esc(label)).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private void footer(StringBuilder sb) {
    sb.append("<footer>");
    if (r.overflow > 0) {
      sb.append("<p>")
          .append(String.format(Locale.ROOT, "%,d ", r.overflow))
          .append(esc(l.get("overflow")))
          .append("</p>");
    }
    if (r.withoutException > 0) {
      sb.append("<p>")
          .append(String.format(Locale.ROOT, "%,d ", r.withoutException))
          .append(esc(l.get("unparsed")))
          .append("</p>");
    }
    sb.append("<p>logdx ").append(esc(r.version)).append("</p></footer>\n");
  }

  /**
   * Escapes text for HTML element content and quoted attributes. Control characters other than tab and line
   * breaks (binary garbage in logs) become U+FFFD, so the page stays well-formed.
   */
  static String esc(String s) {
    if (s == null) return "";
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r')
              || c == 0x7f
              || c == 0xfffe
              || c == 0xffff) {
            sb.append('\ufffd');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  private static final String CSS =
      """
      :root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa;--card:#fff}
      *{box-sizing:border-box}
      body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",NanumGothic,sans-serif}
      main{max-width:1100px;margin:0 auto;padding:24px 20px 40px}
      header h1{margin:0 0 2px;font-size:26px}
      .sub{color:var(--muted);margin:0 0 14px;word-break:break-all}
      .stats{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 20px}
      .stats div{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:120px}
      .stats dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
      .stats dd{margin:0;font-size:18px;font-weight:600;word-break:break-all}
      section.chart{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin-bottom:22px}
      h2{font-size:17px;margin:0 0 10px}
      svg{width:100%;height:auto;display:block}
      svg text{font-size:12px;fill:var(--muted)}
      svg .ytick{text-anchor:end}
      svg .xtick{text-anchor:middle}
      svg .xtitle{text-anchor:end;font-size:11px}
      svg .rowlabel{text-anchor:end;fill:var(--fg);font-size:13px}
      svg .grid{stroke:#eaeef2;stroke-width:1}
      svg .axis{stroke:#8c959f;stroke-width:1}
      .note{color:var(--muted);margin:0 0 8px}
      .legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;padding:0;margin:12px 0 0;font-size:13px}
      .swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;vertical-align:-1px}
      .card{background:var(--card);border:1px solid var(--line);border-left:6px solid #888;border-radius:8px;padding:14px 18px;margin:0 0 14px}
      .head{display:flex;flex-wrap:wrap;align-items:center;gap:10px;margin-bottom:8px}
      .rank{color:var(--muted);font-weight:600}
      .count{font-size:20px;font-weight:700}
      .category{color:#fff;border-radius:12px;padding:1px 10px;font-weight:600;font-size:13px}
      .confidence{color:var(--muted);font-size:13px}
      .status{background:#ffebe9;color:#cf222e;border-radius:12px;padding:1px 8px;font-size:12px}
      .fields{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
      .fields dt{color:var(--muted);font-size:13px;padding-top:1px}
      .fields dd{margin:0;min-width:0}
      code{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:#f6f8fa;border-radius:4px;padding:1px 5px;word-break:break-all}
      code.fp{color:var(--muted)}
      .text p{margin:0 0 2px;white-space:pre-wrap}
      .text code{font-size:12.5px}
      pre.snippet{margin:4px 0 6px;max-height:none}
      details{margin-top:10px}
      summary{cursor:pointer;color:var(--muted);font-size:13px}
      pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto;max-height:420px}
      .empty{font-size:18px;color:var(--muted)}
      footer{color:var(--muted);font-size:12px;margin-top:24px}
      """;
}
