package io.logdx.cli;

import io.logdx.core.Diagnoser;
import io.logdx.core.Failure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the exception blocks of the scanned logs by fingerprint. The first block of each fingerprint is sent
 * to the engine at once (diagnosis runs on its workers while reading goes on); later blocks only count. So
 * the engine sees each distinct failure once, and at most {@code maxGroups} futures exist, however big the log.
 */
final class LogAnalysis implements LogScanner.Sink {
  private final Diagnoser diagnoser;
  private final int maxGroups;
  private final Map<String, FailureGroup> groups = new HashMap<>();
  private long blocks;
  private long withoutException;
  private long overflow;
  private long lines;
  private int files;
  private long truncatedBlocks;

  LogAnalysis(Diagnoser diagnoser, int maxGroups) {
    this.diagnoser = diagnoser;
    this.maxGroups = maxGroups;
  }

  @Override
  public void accept(LogScanner.Block block) {
    blocks++;
    if (block.truncated()) truncatedBlocks++;
    Failure failure = diagnoser.parse(block.text());
    if (failure.isEmpty()) {
      withoutException++;
      return;
    }
    FailureGroup g = groups.get(failure.fingerprint());
    if (g == null) {
      if (groups.size() >= maxGroups) {
        overflow++;
        return;
      }
      g = new FailureGroup(failure, block.source(), block.line(), diagnoser.diagnose(failure));
      groups.put(failure.fingerprint(), g);
    }
    g.add(block.source(), block.time());
  }

  /** Records that one more file was read completely, with its line count. */
  void fileDone(long fileLines) {
    files++;
    lines += fileLines;
  }

  /** The groups, most frequent first (ties: first seen earlier first, then by fingerprint). */
  List<FailureGroup> groupsByCount() {
    List<FailureGroup> list = new ArrayList<>(groups.values());
    list.sort(Comparator.comparingLong(FailureGroup::count).reversed()
        .thenComparing(g -> g.firstSeen() == null ? Long.MAX_VALUE : g.firstSeen().epochMillis())
        .thenComparing(FailureGroup::fingerprint));
    return list;
  }

  /** Exception blocks found (including those the parser found no exception in). */
  long blocks() { return blocks; }
  /** Blocks that looked like failures but held no exception the parser could read. */
  long withoutException() { return withoutException; }
  /** Blocks of further distinct failures beyond the group limit: counted, not diagnosed. */
  long overflow() { return overflow; }
  /** Blocks cut by the size caps. */
  long truncatedBlocks() { return truncatedBlocks; }
  long lines() { return lines; }
  int files() { return files; }
  int maxGroups() { return maxGroups; }
  String modelId() { return diagnoser.modelId(); }
}
