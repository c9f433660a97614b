package io.logdx.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.internal.FailureParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code logdx batch}: the evaluation contract of {@code ../shared/eval/README.md}. Reads JSONL records
 * ({@code id}, {@code text}, optional {@code app_packages}; every other field is ignored) and writes one JSON
 * object per record, in input order.
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Diagnoses JSONL records {\"id\", \"text\", \"app_packages\"?} and writes one JSON object per record, in input "
          + "order: id, label, confidence, top (5 or more), root_cause, location, cause, fix. Other fields are ignored.",
      "A line that is not a valid record is reported on stderr with its line number; its output line carries "
          + "label unknown and an \"error\" field, and the exit code is 3. Blank lines are skipped."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every record diagnosed",
      "1:internal error (a bug in logdx)",
      "2:usage error",
      "3:input missing or unreadable, output not writable, or some lines were not valid records"
    })
final class BatchCommand implements Callable<Integer> {
  /** Longest record line read; a longer one is an invalid record. */
  static final int MAX_RECORD_CHARS = 16 * 1024 * 1024;

  private static final int MAX_CACHED_PARSERS = 256;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--input",
      required = true,
      paramLabel = "IN.jsonl",
      description = "Records to diagnose; - for standard input.")
  String input;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT.jsonl",
      description = "Where the predictions go; - for standard output.")
  String output;

  @Mixin EngineOptions engine;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads of the engine (default: the number of processors).")
  Integer threads;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One record in flight: its output waits for its diagnosis, so that output order is input order. */
  private record Pending(
      ObjectNode out, Failure failure, CompletableFuture<Diagnosis> diagnosis, String problem) {}

  /** Parsers by application-package set: each record is read with its own application's packages. */
  private final Map<List<String>, FailureParser> parsers =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, FailureParser> eldest) {
          return size() > MAX_CACHED_PARSERS;
        }
      };

  @Override
  public Integer call() throws InputException {
    CommandLine cl = spec.commandLine();
    engine.validate(cl);
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (workers < 1)
      throw new CommandLine.ParameterException(cl, "--threads must be at least 1: " + workers);
    Path in = "-".equals(input) ? null : Path.of(input);
    if (in != null) {
      if (!Files.exists(in)) throw new InputException("no such file: " + input);
      if (!Files.isRegularFile(in)) throw new InputException("not a regular file: " + input);
      if (!Files.isReadable(in))
        throw new InputException("cannot read " + input + ": permission denied");
    }
    PrintWriter err = cl.getErr();
    long records = 0;
    long invalid = 0;
    Diagnoser.Builder b = engine.builder().workerThreads(workers);
    try (Diagnoser dx = b.build();
        BoundedLineReader lines =
            new BoundedLineReader(
                new InputStreamReader(
                    in == null ? System.in : Files.newInputStream(in),
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)),
                MAX_RECORD_CHARS);
        Writer out = openOutput()) {
      EngineOptions.warnOnFallback(dx, engine.model, err);
      ArrayDeque<Pending> window = new ArrayDeque<>();
      int windowSize = workers * 8;
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) continue;
        records++;
        Pending p = read(line, lines.lastLineCut(), lines.lineNumber(), dx, err);
        if (p.failure == null) invalid++;
        window.add(p);
        while (window.size() >= windowSize) write(window.poll(), out);
      }
      while (!window.isEmpty()) write(window.poll(), out);
    } catch (IOException e) {
      throw new InputException("batch failed: " + DiagnoseCommand.describe(e), e);
    }
    err.printf(
        "logdx: batch: %d record%s written to %s%s%n",
        records,
        records == 1 ? "" : "s",
        output,
        invalid == 0 ? "" : " (" + invalid + " not valid: see above)");
    err.flush();
    return invalid == 0 ? ExitCodes.OK : ExitCodes.INPUT_ERROR;
  }

  private Writer openOutput() throws InputException {
    if ("-".equals(output)) {
      return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
        @Override
        public void close() throws IOException {
          flush(); // standard output belongs to the process
        }
      };
    }
    try {
      return Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot write " + output + ": " + DiagnoseCommand.describe(e), e);
    }
  }

  /** Reads one record and starts its diagnosis; an invalid record gives a pending entry without failure. */
  private Pending read(String line, boolean cut, long lineNumber, Diagnoser dx, PrintWriter err) {
    ObjectNode out = JSON.createObjectNode();
    String problem;
    JsonNode rec = null;
    if (cut) {
      problem = "record longer than " + MAX_RECORD_CHARS + " characters";
    } else {
      try {
        rec = JSON.readTree(line);
        problem = rec != null && rec.isObject() ? null : "not a JSON object";
      } catch (JsonProcessingException e) {
        problem = "not JSON: " + e.getOriginalMessage();
      }
    }
    JsonNode id = rec != null && rec.isObject() ? rec.get("id") : null;
    out.set("id", id == null ? JSON.nullNode() : id);
    if (problem == null) {
      if (id == null || id.isNull()) problem = "no \"id\"";
      else if (!rec.path("text").isTextual()) problem = "\"text\" is missing or not a string";
    }
    List<String> packages = null;
    if (problem == null) {
      try {
        packages = packages(rec.get("app_packages"));
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    if (problem != null) {
      String msg = input + ":" + lineNumber + ": " + problem;
      err.println("logdx: " + msg);
      return new Pending(out, null, null, msg);
    }
    FailureParser parser =
        parsers.computeIfAbsent(
            packages, p -> new FailureParser(p, Diagnoser.Builder.DEFAULT_MAX_INPUT_CHARS));
    Failure f = failure(rec.get("text").asText(), parser);
    return new Pending(out, f, dx.diagnose(f), null);
  }

  /**
   * The failure of one record's text, read as {@code diagnose} reads a log file: its lines go through the same
   * scanner (JSON log lines, container prefixes, blocks cut by the same grammar), and of the blocks it finds the
   * one the parser would choose in the whole text: the first with frames, else the first with an exception. A
   * text without any is parsed whole, so that its words still reach the classifier.
   */
  static Failure failure(String text, FailureParser parser) {
    Failure first = null;
    for (LogScanner.Block b :
        LogScanner.blocks("record", text, LogScanner.DEFAULT_MAX_BLOCK_CHARS)) {
      Failure f = parser.parse(b.text());
      if (f.isEmpty()) continue;
      if (f.chain().stream().anyMatch(c -> !c.frames().isEmpty())) return f;
      if (first == null) first = f;
    }
    return first != null ? first : parser.parse(text);
  }

  /** {@code app_packages}: an array of strings, a comma-separated string, or absent/null. */
  static List<String> packages(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) return out;
    if (node.isTextual()) return EngineOptions.packages(List.of(node.asText()));
    if (!node.isArray())
      throw new IllegalArgumentException("\"app_packages\" is neither a list nor a string");
    for (JsonNode p : node) {
      if (!p.isTextual())
        throw new IllegalArgumentException("\"app_packages\" holds a non-string entry");
      if (!p.asText().isBlank()) out.add(p.asText().strip());
    }
    return List.copyOf(out);
  }

  private void write(Pending p, Writer out) throws IOException {
    if (p.failure == null) {
      DiagnosisJson.putError(p.out, p.problem);
    } else {
      DiagnosisJson.put(p.out, p.diagnosis.join(), p.failure);
    }
    out.write(JSON.writeValueAsString(p.out));
    out.write('\n');
  }
}
