package io.logdx.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Fingerprint#shape} (patterns behind pre-scans, whitespace folded by a loop) against the shape rule
 * as first written (every pattern, always), on generated messages dense in what the rule replaces. A
 * different shape would change fingerprints that users store as {@code error.id}. Synthetic data only.
 */
class ShapeDifferentialTest {
  private static final String[] PIECES = {
    "Order",
    "failed",
    "id",
    "#",
    "<card>",
    "<secret>",
    "<x>",
    "<",
    ">",
    "123e4567-e89b-12d3-a456-426614174000",
    "123E4567-E89B-12D3-A456-42661417400",
    "-",
    "--",
    "0x1F",
    "0X",
    "0xg",
    "deadbeef",
    "facade",
    "abc123",
    "a1b2c3d4",
    "1,000.50",
    "3.14",
    ".5",
    "1.",
    "v2",
    "x9",
    "$1",
    "_7",
    "'q'",
    "\"dq\"",
    "`bt`",
    "'",
    "\"",
    "`",
    "'multi\nline'",
    "é",
    "\u00a0",
    "\u2003",
    "ß"
  };
  private static final String[] SPACES = {
    " ", "  ", "\t", "\n", "\r\n", "\u000B", "\f", " \t ", "", "", ""
  };

  @Test
  void agreesWithTheRuleAsFirstWritten() {
    List<String> mismatches = new ArrayList<>();
    for (long seed = 0; seed < 20_000; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(14);
      for (int i = 0; i < n; i++) {
        if (r.nextInt(4) == 0) {
          for (int d = 1 + r.nextInt(12); d > 0; d--) sb.append((char) ('0' + r.nextInt(10)));
        } else {
          sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        sb.append(SPACES[r.nextInt(SPACES.length)]);
      }
      String text = sb.toString();
      String expected = oracle(text);
      String actual = Fingerprint.shape(text);
      if (!expected.equals(actual))
        mismatches.add(
            "seed " + seed + ": [" + text + "] -> [" + actual + "] not [" + expected + "]");
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void longAndEmptyMessages() {
    String longOne = "id 42 ".repeat(600) + " \t\n end";
    assertThat(Fingerprint.shape(longOne)).isEqualTo(oracle(longOne));
    assertThat(Fingerprint.shape("")).isEqualTo(oracle(""));
    assertThat(Fingerprint.shape(" \t ")).isEqualTo(oracle(" \t "));
    assertThat(Fingerprint.shape(null)).isEmpty();
  }

  private static final Pattern MASKED =
      Pattern.compile("<(?:card|rrn|account|email|phone|secret|token)>");
  private static final Pattern UUID =
      Pattern.compile(
          "(?<![0-9a-fA-F-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9a-fA-F-])");
  private static final Pattern QUOTED =
      Pattern.compile("'[^'\\n]{0,200}+'|\"[^\"\\n]{0,200}+\"|`[^`\\n]{0,200}+`");
  private static final Pattern HEX =
      Pattern.compile("(?<![\\w$])(?:0[xX][0-9a-fA-F]++|[0-9a-fA-F]{6,}+)(?![\\w$])");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])\\d++(?:[.,]\\d++)*+");
  private static final Pattern SPACE_RUN = Pattern.compile("\\s++");

  /** The shape rule as first written: every pattern, always. */
  private static String oracle(String message) {
    String s =
        message.length() > Fingerprint.MAX_SHAPED_CHARS
            ? message.substring(0, Fingerprint.MAX_SHAPED_CHARS)
            : message;
    s = MASKED.matcher(s).replaceAll("#");
    s = UUID.matcher(s).replaceAll("#");
    s = QUOTED.matcher(s).replaceAll("'#'");
    Matcher m = HEX.matcher(s);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String h = m.group();
      boolean prefixed =
          h.length() > 2 && (h.charAt(1) == 'x' || h.charAt(1) == 'X') && h.charAt(0) == '0';
      if (!prefixed && h.chars().noneMatch(Character::isDigit)) continue;
      sb.append(s, last, m.start()).append('#');
      last = m.end();
    }
    s = sb.append(s, last, s.length()).toString();
    s = NUMBER.matcher(s).replaceAll("#");
    s = SPACE_RUN.matcher(s).replaceAll(" ").strip();
    return s.length() > 200 ? s.substring(0, 200) : s;
  }
}
