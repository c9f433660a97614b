package io.logdx.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The fresh folder a harness's context writes into, and what was written there, read back. */
public final class OutputFolder implements AutoCloseable {
  /**
   * Strict about repeated keys: Elasticsearch rejects a document that repeats one, so a line that does fails the
   * test that reads it, for either framework's encoder.
   */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Path path;

  private OutputFolder(Path path) {
    this.path = path;
  }

  /** A new empty folder in the temporary directory. */
  public static OutputFolder create(String prefix) {
    try {
      return new OutputFolder(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path path() {
    return path;
  }

  /**
   * The lines of a file of the folder that end with a line end. A test that polls while an appender writes may
   * catch the last line half flushed: a last line without its line end is left for the next look.
   */
  public List<String> completeLines(String file) {
    Path p = path.resolve(file);
    try {
      if (!Files.exists(p)) return List.of();
      String text = Files.readString(p, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      if (end < 0) return List.of();
      return text.substring(0, end).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The complete lines of a JSON-lines file, parsed (a repeated key in a line fails). */
  public List<JsonNode> jsonLines(String file) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : completeLines(file)) {
      try {
        out.add(JSON.readTree(line));
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + line, e);
      }
    }
    return out;
  }

  /** Deletes the folder and everything in it. */
  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
