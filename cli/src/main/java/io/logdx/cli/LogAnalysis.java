package io.logdx.cli;

import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Groups the exception blocks of the scanned logs by fingerprint. The first block of each fingerprint is sent
 * to the engine at once (diagnosis runs on its workers while reading goes on); later blocks only count. So
 * the engine sees each distinct failure once, and at most {@code maxGroups} futures exist, however big the log.
 *
 * <p>Parsing (with masking) is the costly step per block, so blocks are parsed in batches on
 * {@code parseThreads} threads and then counted in file order; a batch holds at most {@value #BATCH_BLOCKS}
 * blocks or {@value #BATCH_CHARS} characters. One batch is parsed while the next is read, so at most two are
 * held. Call {@link #finish()} before reading the results.
 */
final class LogAnalysis implements LogScanner.Sink, AutoCloseable {
  static final int BATCH_BLOCKS = 1024;
  static final int BATCH_CHARS = 8 * 1024 * 1024;

  private final Diagnoser diagnoser;
  private final int maxGroups;
  private final ExecutorService parsers;
  private final int parseThreads;
  private final List<LogScanner.Block> batch = new ArrayList<>();
  private long batchChars;
  private Pending pending;
  private final Map<String, FailureGroup> groups = new HashMap<>();
  private long blocks;
  private long withoutException;
  private long overflow;
  private long lines;
  private int files;
  private long truncatedBlocks;

  LogAnalysis(Diagnoser diagnoser, int maxGroups) {
    this(diagnoser, maxGroups, 1);
  }

  LogAnalysis(Diagnoser diagnoser, int maxGroups, int parseThreads) {
    this.diagnoser = diagnoser;
    this.maxGroups = maxGroups;
    this.parseThreads = parseThreads;
    if (parseThreads > 1) {
      AtomicInteger ids = new AtomicInteger();
      this.parsers =
          Executors.newFixedThreadPool(
              parseThreads,
              r -> {
                Thread t = new Thread(r, "logdx-parse-" + ids.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    } else {
      this.parsers = null;
    }
  }

  @Override
  public void accept(LogScanner.Block block) {
    blocks++;
    if (block.truncated()) truncatedBlocks++;
    batch.add(block);
    batchChars += block.text().length();
    if (batch.size() >= BATCH_BLOCKS || batchChars >= BATCH_CHARS) drain();
  }

  /** Parses and counts the blocks still held. Call at the end of the input, before reading results. */
  void finish() {
    drain();
    awaitPending();
  }

  @Override
  public void close() {
    if (parsers != null) parsers.shutdownNow();
  }

  /**
   * Hands the batch to the parse threads and returns while they work, so that reading the file goes on; the
   * batch before is counted first (in file order, as the engine must see the groups' first blocks in order).
   */
  private void drain() {
    int n = batch.size();
    if (n == 0) return;
    List<LogScanner.Block> blocks = new ArrayList<>(batch);
    batch.clear();
    batchChars = 0;
    Failure[] parsed = new Failure[n];
    if (parsers == null || n < 2 * parseThreads) {
      awaitPending();
      for (int i = 0; i < n; i++) parsed[i] = diagnoser.parse(blocks.get(i).text());
      for (int i = 0; i < n; i++) count(blocks.get(i), parsed[i]);
      return;
    }
    List<Future<?>> parts = new ArrayList<>(parseThreads);
    int per = (n + parseThreads - 1) / parseThreads;
    for (int from = 0; from < n; from += per) {
      int start = from;
      int end = Math.min(n, from + per);
      parts.add(
          parsers.submit(
              () -> {
                for (int i = start; i < end; i++) parsed[i] = diagnoser.parse(blocks.get(i).text());
              }));
    }
    awaitPending();
    pending = new Pending(blocks, parsed, parts);
  }

  /** Waits for the batch being parsed, if any, and counts it. */
  private void awaitPending() {
    Pending p = pending;
    if (p == null) return;
    pending = null;
    for (Future<?> f : p.parts()) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while parsing", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "parsing failed", e.getCause()); // parse() never throws: a bug
      }
    }
    for (int i = 0; i < p.blocks().size(); i++) count(p.blocks().get(i), p.parsed()[i]);
  }

  /** A batch handed to the parse threads: its blocks, the parse results as they come, and the parts' futures. */
  private record Pending(List<LogScanner.Block> blocks, Failure[] parsed, List<Future<?>> parts) {}

  private void count(LogScanner.Block block, Failure failure) {
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
    list.sort(
        Comparator.comparingLong(FailureGroup::count)
            .reversed()
            .thenComparing(
                g -> g.firstSeen() == null ? Long.MAX_VALUE : g.firstSeen().epochMillis())
            .thenComparing(FailureGroup::fingerprint));
    return list;
  }

  /** Exception blocks found (including those the parser found no exception in). */
  long blocks() {
    return blocks;
  }

  /** Blocks that looked like failures but held no exception the parser could read. */
  long withoutException() {
    return withoutException;
  }

  /** Blocks of further distinct failures beyond the group limit: counted, not diagnosed. */
  long overflow() {
    return overflow;
  }

  /** Blocks cut by the size caps. */
  long truncatedBlocks() {
    return truncatedBlocks;
  }

  long lines() {
    return lines;
  }

  int files() {
    return files;
  }

  int maxGroups() {
    return maxGroups;
  }

  String modelId() {
    return diagnoser.modelId();
  }
}
