package io.logdx.cli;

import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.StackFrame;
import java.util.List;
import java.util.Locale;

/** What the renderers (text, JSONL, HTML) show: the groups, most frequent first, and the totals of the run. */
final class Report {
  /** Frames printed per exception of a sample trace. */
  static final int SAMPLE_FRAMES = 30;

  final List<FailureGroup> groups;
  final long blocks;
  final long withoutException;
  final long overflow;
  final long lines;
  final int files;
  final int maxGroups;
  final String model;
  final Locale locale;
  final Labels labels;
  final String version;

  /** The names of the files read, as given. */
  final List<String> sources;

  Report(LogAnalysis a, Locale locale, String version, List<String> sources) {
    this.sources = List.copyOf(sources);
    this.groups = a.groupsByCount();
    this.blocks = a.blocks();
    this.withoutException = a.withoutException();
    this.overflow = a.overflow();
    this.lines = a.lines();
    this.files = a.files();
    this.maxGroups = a.maxGroups();
    this.model = a.modelId();
    this.locale = locale;
    this.labels = new Labels(locale);
    this.version = version;
  }

  /** Occurrences in all groups. */
  long occurrences() {
    long n = 0;
    for (FailureGroup g : groups) n += g.count();
    return n;
  }

  /**
   * The masked sample of a group, printed like {@code printStackTrace} (log line first, then each exception
   * of the chain with at most {@value #SAMPLE_FRAMES} frames). Built from the parsed failure, never from the
   * raw log text, so that nothing unmasked reaches a report.
   */
  static String sampleTrace(Failure f) {
    StringBuilder sb = new StringBuilder(2048);
    if (f.logLine() != null) sb.append(f.logLine()).append('\n');
    List<CauseNode> chain = f.chain();
    for (int i = 0; i < chain.size(); i++) {
      CauseNode n = chain.get(i);
      if (i > 0) sb.append("Caused by: ");
      sb.append(n.header()).append('\n');
      frames(sb, n.frames(), "\tat ");
      for (CauseNode s : n.suppressed()) {
        sb.append("\tSuppressed: ").append(s.header()).append('\n');
        frames(sb, s.frames(), "\t\tat ");
      }
    }
    if (f.truncated()) sb.append("[cut]\n");
    return sb.toString();
  }

  private static void frames(StringBuilder sb, List<StackFrame> frames, String prefix) {
    int n = Math.min(frames.size(), SAMPLE_FRAMES);
    for (int i = 0; i < n; i++) sb.append(prefix).append(frames.get(i).printed()).append('\n');
    if (frames.size() > n)
      sb.append(prefix.replace("at ", ""))
          .append("... ")
          .append(frames.size() - n)
          .append(" more\n");
  }
}
