package io.logdx.core.stage1;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Diagnosis;
import io.logdx.core.engine.Diagnoser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host started with a long command line (a long {@code -cp} is common) loads the shipped model and diagnoses:
 * ONNX Runtime's environment, created on a thread of the JVM's default stack, killed such a JVM with SIGSEGV
 * (exit 139) from 4 KB of command line on. See {@link OnnxEnvironment}.
 */
class LongCommandLineTest {

  /** Run in a JVM of its own by the test. */
  public static void main(String[] args) {
    try (Diagnoser dx = Diagnoser.builder().locale(Locale.ENGLISH).build()) {
      Diagnosis d;
      try {
        new BigDecimal("12,50");
        throw new AssertionError("no failure");
      } catch (NumberFormatException e) {
        d = dx.diagnoseNow(e);
      }
      System.out.println("model=" + dx.modelId() + " category=" + d.category());
    }
  }

  @Test
  void aHostWithALongCommandLineLoadsTheModel(@TempDir Path dir) throws Exception {
    // the class path goes through an argument file; the padding is what stays on the command line
    Path args = dir.resolve("cp.args");
    Files.writeString(
        args,
        "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n",
        StandardCharsets.UTF_8);
    String padding = "-Dlogdx.test.padding=" + "x".repeat(20_000);
    Path out = dir.resolve("out.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dai.djl.offline=true",
                padding,
                "@" + args,
                LongCommandLineTest.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("model=logdx-stage1-lexical/").contains("category=number_format");
  }

  @Test
  void theStackGrowsWithTheCommandLine() {
    assertThat(OnnxEnvironment.stackSize(0)).isEqualTo(OnnxEnvironment.MIN_STACK);
    assertThat(OnnxEnvironment.stackSize(1_000)).isEqualTo(OnnxEnvironment.MIN_STACK);
    assertThat(OnnxEnvironment.stackSize(100_000))
        .isEqualTo(100_000 * OnnxEnvironment.STACK_PER_BYTE);
    assertThat(OnnxEnvironment.stackSize(100_000_000)).isEqualTo(OnnxEnvironment.MAX_STACK);
    assertThat(OnnxEnvironment.commandLineBytes()).isPositive();
  }
}
