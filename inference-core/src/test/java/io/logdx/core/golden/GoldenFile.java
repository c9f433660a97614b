package io.logdx.core.golden;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file under {@code src/test/resources/golden/} that pins what users rely on across versions (as HdrHistogram
 * reads its old logs back). The expected text is read from the test class path; with the system property
 * {@value #UPDATE_PROPERTY}{@code =true} the test writes what it computed into the source file instead of
 * failing, so that a change is made on purpose, reviewed in the diff and committed with its reason.
 */
final class GoldenFile {
  /** Set to {@code true} to rewrite the golden files from what the tests compute. */
  static final String UPDATE_PROPERTY = "logdx.golden.update";

  private final String name;

  GoldenFile(String name) {
    this.name = name;
  }

  static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /** The source file (surefire runs the tests in the module's folder). */
  Path source() {
    return Path.of("src", "test", "resources", "golden", name);
  }

  /** The pinned text, or {@code null} when there is none yet. */
  String expected() {
    try (InputStream in = GoldenFile.class.getResourceAsStream("/golden/" + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rewrites the source file when updating; returns whether it did. */
  boolean updateWith(String actual) {
    if (!updating()) return false;
    try {
      Files.createDirectories(source().getParent());
      Files.writeString(source(), actual, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println(
        "[golden] rewrote "
            + source().toAbsolutePath()
            + ": review the diff and commit it with the reason");
    return true;
  }

  /** Fails with how to update the file on purpose. */
  void mismatch(String what, String testClass) {
    fail(
        what
            + "\n\nThe golden file "
            + source()
            + " pins this on purpose: fingerprints, model answers and output"
            + " formats are promises to users. If the change is deliberate, rewrite it and commit the diff with the"
            + " reason:\n  mvn -B -o -pl inference-core -am test -Dtest="
            + testClass
            + " -Dsurefire.failIfNoSpecifiedTests=false -D"
            + UPDATE_PROPERTY
            + "=true\n");
  }

  /** Compares the whole text; rewrites it instead when updating. */
  void assertMatches(String actual, String testClass) {
    if (updateWith(actual)) return;
    String expected = expected();
    if (expected == null) {
      mismatch("No golden file yet.", testClass);
    } else if (!expected.equals(actual)) {
      mismatch(firstDifference(expected, actual), testClass);
    }
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    StringBuilder out = new StringBuilder("Differs from the golden file:");
    int shown = 0;
    for (int i = 0; i < Math.max(e.length, a.length) && shown < 20; i++) {
      String el = i < e.length ? e[i] : "<none>";
      String al = i < a.length ? a[i] : "<none>";
      if (!el.equals(al)) {
        out.append("\n  line ")
            .append(i + 1)
            .append("\n    golden: ")
            .append(el)
            .append("\n    now:    ")
            .append(al);
        shown++;
      }
    }
    return out.toString();
  }
}
