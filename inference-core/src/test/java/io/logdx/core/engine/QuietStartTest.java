package io.logdx.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Diagnosis;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An application that logs nothing sees nothing new in its log, and no process is started, when logdx's engine
 * starts with the shipped model and diagnoses a failure (issue 17, point 5). Before, DJL's tokenizer loader logged
 * WARN "Failed to detect GPU count: CUDA driver version is insufficient …" twice and INFO "Found matching platform
 * from: jar:…tokenizers…", and JNA ran {@code /sbin/ldconfig -p} (see {@code TokenizersNative}).
 *
 * <p>The engine starts in a JVM of its own, a fresh one, because all of it happens once per JVM (class
 * initialisation, native libraries). That JVM records every SLF4J call at every level (a provider of its own,
 * chosen with {@code slf4j.provider}, so that nothing is filtered by a configuration), every {@code
 * java.util.logging} record at every level (ONNX Runtime's logging), what it writes to stdout and stderr, and
 * every process start (a {@link SecurityManager}'s {@code checkExec}, which {@code ProcessBuilder.start} and
 * {@code Runtime.exec} call before the process exists, however short-lived it is). It runs twice on one DJL cache
 * folder: the first run unpacks the tokenizer's library into the empty folder, the second finds it there.
 */
class QuietStartTest {

  /** Run in a JVM of its own by the test: {@code args[0]} is the folder for the records. */
  @SuppressWarnings("removal") // the Security Manager is the one hook that sees every process start
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    ExecRecorder exec = new ExecRecorder();
    System.setSecurityManager(exec);
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.setLevel(Level.ALL);
    JulRecorder jul = new JulRecorder();
    root.addHandler(jul);

    String result;
    try (Diagnoser dx = Diagnoser.builder().locale(Locale.ENGLISH).build()) {
      Diagnosis d;
      try {
        new BigDecimal("12,50");
        throw new AssertionError("no failure");
      } catch (NumberFormatException e) {
        d = dx.diagnoseNow(e);
      }
      result = "model=" + dx.modelId() + " category=" + d.category();
    }

    List<String> log = new ArrayList<>(CapturingProvider.LINES);
    log.addAll(jul.lines);
    Files.write(out.resolve("log.txt"), log, StandardCharsets.UTF_8);
    Files.write(out.resolve("exec.txt"), exec.starts, StandardCharsets.UTF_8);
    Files.writeString(out.resolve("result.txt"), result, StandardCharsets.UTF_8);
  }

  @Test
  void theEngineStartsWithoutForeignLogLinesOrProcesses(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("djl-cache");
    Path args = dir.resolve("cp.args");
    Files.writeString(
        args,
        "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n",
        StandardCharsets.UTF_8);
    for (int run = 1; run <= 2; run++) {
      Path out = Files.createDirectories(dir.resolve("run" + run));
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-Djava.security.manager=allow",
              "-Dslf4j.provider=" + CapturingProvider.class.getName(),
              // SLF4J would otherwise say on stderr which provider it took
              "-Dslf4j.internal.verbosity=WARN",
              "@" + args,
              QuietStartTest.class.getName(),
              out.toString());
      // an empty DJL cache of the test's own: the first run unpacks, as on a fresh host
      pb.environment().remove("ENGINE_CACHE_DIR");
      pb.environment().put("DJL_CACHE_DIR", cache.toString());
      Path console = out.resolve("console.txt");
      Process p = pb.redirectErrorStream(true).redirectOutput(console.toFile()).start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("run %d finished", run).isTrue();
      String printed = Files.readString(console, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("run %d: %s", run, printed).isZero();

      // the model and its tokenizer worked: the rules would give another model id
      assertThat(Files.readString(out.resolve("result.txt"), StandardCharsets.UTF_8))
          .contains("model=logdx-stage1-lexical/")
          .contains("category=number_format");
      List<String> log = Files.readAllLines(out.resolve("log.txt"), StandardCharsets.UTF_8);
      List<String> exec = Files.readAllLines(out.resolve("exec.txt"), StandardCharsets.UTF_8);
      int n = run;
      // all three reported at once: each names its own cause
      SoftAssertions.assertSoftly(
          soft -> {
            soft.assertThat(log)
                .as("run %d: lines logged by logdx or its dependencies", n)
                .filteredOn(l -> !onnxRuntimeDebug(l))
                .isEmpty();
            soft.assertThat(exec).as("run %d: processes started", n).isEmpty();
            soft.assertThat(withoutSecurityManagerWarning(printed))
                .as("run %d: written to stdout or stderr", n)
                .isEmpty();
          });
    }
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("the tokenizer's library, unpacked where DJL would put it")
          .contains(System.mapLibraryName("tokenizers"));
    }
  }

  /**
   * What remains, and reaches a log only where an application turns on FINE (DEBUG) for {@code ai.onnxruntime}:
   * ONNX Runtime's loader says at FINE where it unpacks and loads its native libraries ({@code
   * ai.onnxruntime.OnnxRuntime}, through {@code java.util.logging}); it has no setting to avoid that, and an
   * application's logging configuration is the application's.
   */
  private static boolean onnxRuntimeDebug(String line) {
    return line.startsWith("JUL FINE ai.onnxruntime.OnnxRuntime - ");
  }

  /** The console output less the JDK's own warning that the test's Security Manager was installed. */
  private static List<String> withoutSecurityManagerWarning(String printed) {
    return printed
        .lines()
        .filter(l -> !l.isBlank())
        .filter(
            l ->
                !(l.startsWith("WARNING: ")
                    && (l.contains("terminally deprecated method in java.lang.System")
                        || l.contains("System::setSecurityManager")
                        || l.contains("Please consider reporting this to the maintainers"))))
        .collect(Collectors.toList());
  }

  /** Records each process start with the stack that asked for it, and allows everything. */
  @SuppressWarnings("removal")
  static final class ExecRecorder extends SecurityManager {
    final Queue<String> starts = new ConcurrentLinkedQueue<>();

    @Override
    public void checkExec(String cmd) {
      starts.add(
          "exec "
              + cmd
              + " from "
              + Arrays.stream(Thread.currentThread().getStackTrace())
                  .skip(2)
                  .limit(25)
                  .map(StackTraceElement::toString)
                  .collect(Collectors.joining(" <- ")));
    }

    @Override
    public void checkPermission(Permission perm) {}

    @Override
    public void checkPermission(Permission perm, Object context) {}
  }

  /** Records every {@code java.util.logging} record, whatever its level. */
  static final class JulRecorder extends Handler {
    final Queue<String> lines = new ConcurrentLinkedQueue<>();

    JulRecorder() {
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord r) {
      lines.add("JUL " + r.getLevel() + " " + r.getLoggerName() + " - " + r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** An SLF4J provider that records every call at every level; chosen by {@code -Dslf4j.provider}. */
  public static final class CapturingProvider implements SLF4JServiceProvider {
    static final Queue<String> LINES = new ConcurrentLinkedQueue<>();

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final ILoggerFactory loggers = Capturing::new;

    @Override
    public ILoggerFactory getLoggerFactory() {
      return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
      return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
      return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
      return "2.0.99";
    }

    @Override
    public void initialize() {}
  }

  /** A logger with every level on that records each call. */
  static final class Capturing extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    Capturing(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        org.slf4j.event.Level level,
        Marker marker,
        String message,
        Object[] arguments,
        Throwable throwable) {
      CapturingProvider.LINES.add(
          level
              + " "
              + name
              + " - "
              + MessageFormatter.basicArrayFormat(message, arguments)
              + (throwable == null ? "" : " " + throwable));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
