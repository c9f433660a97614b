package io.logdx.cli;

import io.logdx.core.engine.Diagnoser;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code logdx diagnose FILE...}: streams log files, finds every exception block, groups the blocks by
 * fingerprint and prints one diagnosis per distinct failure, most frequent first.
 */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Finds every exception in log files (Logback, Log4j2, Spring Boot, printStackTrace output, single lines "
          + "naming an exception), groups them by fingerprint and reports each distinct failure once, most "
          + "frequent first.",
      "Files are streamed line by line: any size works. Files ending in .gz are decompressed; - reads standard input."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ran to the end (failures found in the logs do not change it)",
      "1:internal error (a bug in logdx)",
      "2:usage error",
      "3:a file is missing, unreadable or not a regular file, or a report cannot be written"
    })
final class DiagnoseCommand implements Callable<Integer> {
  /** Output formats of the report on standard output. */
  enum Format {
    text,
    jsonl
  }

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Log files (plain or .gz); - for standard input.")
  List<String> files;

  @Option(
      names = "--format",
      paramLabel = "text|jsonl",
      defaultValue = "text",
      description =
          "Report format on standard output: text for people, jsonl (one JSON object per distinct "
              + "failure) for machines (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--app-packages",
      paramLabel = "PKG",
      split = ",",
      description =
          "Package prefixes of your own code (e.g. com.acme); they decide the location first. "
              + "Default: auto-detection, which skips the JDK and well-known frameworks.")
  List<String> appPackages;

  @Mixin EngineOptions engine;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Also write a self-contained HTML report (chart over time, one card per failure).")
  Path html;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the text or JSONL report to this file instead of standard output.")
  Path output;

  @Option(
      names = "--progress",
      negatable = true,
      description =
          "Show a progress bar on stderr (default: for inputs of 16 MB or more when stderr is a terminal).")
  Boolean progress;

  @Option(
      names = "--charset",
      paramLabel = "NAME",
      defaultValue = "UTF-8",
      description =
          "Character set of the log files; bytes that do not decode are replaced (default: ${DEFAULT-VALUE}).")
  Charset charset;

  @Option(
      names = "--max-groups",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "Most distinct failures diagnosed; blocks of further ones are counted (default: ${DEFAULT-VALUE}).")
  int maxGroups;

  @Option(
      names = "--max-block-chars",
      paramLabel = "N",
      defaultValue = "" + LogScanner.DEFAULT_MAX_BLOCK_CHARS,
      description = "Most characters kept of one exception block (default: ${DEFAULT-VALUE}).")
  int maxBlockChars;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads that parse exception blocks (default: the number of processors).")
  Integer threads;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private int parseThreads() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }

  @Override
  public Integer call() throws InputException {
    CommandLine cl = spec.commandLine();
    engine.validate(cl);
    if (maxGroups < 1)
      throw new CommandLine.ParameterException(cl, "--max-groups must be at least 1: " + maxGroups);
    if (threads != null && threads < 1)
      throw new CommandLine.ParameterException(cl, "--threads must be at least 1: " + threads);
    if (maxBlockChars < 1024) {
      throw new CommandLine.ParameterException(
          cl, "--max-block-chars must be at least 1024: " + maxBlockChars);
    }
    List<Path> paths = checkFiles();
    long total = 0;
    boolean stdin = false;
    for (int i = 0; i < files.size(); i++) {
      if (paths.get(i) == null) stdin = true;
      else total += size(paths.get(i));
    }
    PrintWriter err = cl.getErr();
    int threads = Math.max(1, parseThreads() / 2);
    try (Diagnoser dx =
        engine
            .builder()
            .appPackages(EngineOptions.packages(appPackages))
            .workerThreads(threads)
            .build()) {
      EngineOptions.warnOnFallback(dx, engine.model, err);
      Report report;
      try (LogAnalysis analysis = new LogAnalysis(dx, maxGroups, parseThreads())) {
        Progress bar = Progress.create(err, progress, stdin ? -1 : total);
        long[] done = {0};
        for (int i = 0; i < files.size(); i++) {
          read(files.get(i), paths.get(i), analysis, bar, done);
        }
        analysis.finish();
        bar.finish();
        report = new Report(analysis, engine.effectiveLocale(), LogdxCommand.version(), files);
      }
      writeReport(report, cl);
      if (html != null) {
        try (BufferedWriter w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
          new HtmlReport(report).write(w);
        } catch (IOException e) {
          throw new InputException("cannot write " + html + ": " + describe(e), e);
        }
        err.println("logdx: wrote " + html);
      }
    }
    return ExitCodes.OK;
  }

  /** Every file must exist and be a readable regular file before anything is read. */
  private List<Path> checkFiles() throws InputException {
    List<Path> paths = new ArrayList<>();
    int stdin = 0;
    for (String f : files) {
      if ("-".equals(f)) {
        if (++stdin > 1)
          throw new CommandLine.ParameterException(
              spec.commandLine(), "- (standard input) given twice");
        paths.add(null);
        continue;
      }
      Path p = Path.of(f);
      if (!Files.exists(p)) throw new InputException("no such file: " + f);
      if (Files.isDirectory(p)) throw new InputException("is a directory, not a log file: " + f);
      if (!Files.isRegularFile(p)) throw new InputException("not a regular file: " + f);
      if (!Files.isReadable(p))
        throw new InputException("cannot read " + f + ": permission denied");
      paths.add(p);
    }
    return paths;
  }

  private static long size(Path p) throws InputException {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new InputException("cannot read " + p + ": " + describe(e), e);
    }
  }

  private void read(String name, Path path, LogAnalysis analysis, Progress bar, long[] done)
      throws InputException {
    LogScanner scanner = new LogScanner(name, analysis, maxBlockChars);
    long before = done[0];
    try (CountingInputStream counting =
            new CountingInputStream(
                path == null ? nonClosing(System.in) : Files.newInputStream(path));
        BoundedLineReader lines =
            new BoundedLineReader(reader(name, counting), LogScanner.MAX_LINE_CHARS)) {
      String line;
      while ((line = lines.readLine()) != null) {
        scanner.line(line);
        if ((scanner.lines() & 0x3FF) == 0)
          bar.update(before + counting.count(), analysis.blocks(), name);
      }
      scanner.finish();
      done[0] = before + counting.count();
      bar.update(done[0], analysis.blocks(), name);
      analysis.fileDone(scanner.lines());
    } catch (NoSuchFileException e) {
      throw new InputException("no such file: " + name, e);
    } catch (IOException e) {
      throw new InputException("cannot read " + name + ": " + describe(e), e);
    }
  }

  private Reader reader(String name, InputStream in) throws IOException {
    InputStream s = name.endsWith(".gz") ? new GZIPInputStream(in, 64 * 1024) : in;
    return new InputStreamReader(
        s,
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  private void writeReport(Report report, CommandLine cl) throws InputException {
    if (output == null) {
      PrintWriter out = cl.getOut();
      render(report, out);
      out.flush();
      return;
    }
    try (PrintWriter w =
        new PrintWriter(
            new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)))) {
      render(report, w);
      if (w.checkError()) throw new IOException("write failed");
    } catch (IOException e) {
      throw new InputException("cannot write " + output + ": " + describe(e), e);
    }
  }

  private void render(Report report, PrintWriter w) {
    if (format == Format.jsonl) new JsonlReport(report).write(w);
    else new TextReport(report).write(w);
  }

  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file or directory";
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static InputStream nonClosing(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {
        // standard input belongs to the process
      }
    };
  }

  /** Counts the bytes read from the file (compressed bytes for .gz), for the progress bar. */
  static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += s;
      return s;
    }

    long count() {
      return count;
    }
  }
}
