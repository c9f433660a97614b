package io.logdx.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The optimised {@link Masker} (pre-scans that skip patterns which cannot match) against {@link MaskerOracle}
 * (every pattern, always) on generated text that is dense in what the patterns look for: digit runs of every
 * length with the separators of cards, phone and account numbers, keywords in mixed case next to the
 * separators of headers and key=value pairs, URLs with user info, e-mail addresses and token-like runs.
 * Synthetic data only. Seeds are fixed, so a failure names its input and repeats.
 */
class MaskerDifferentialTest {
  private static final String[] KEYWORDS = {
    "password",
    "Passwd",
    "PASSPHRASE",
    "pwd",
    "pass",
    "secret",
    "Token",
    "api_key",
    "api-Key",
    "apikey",
    "AccessKey",
    "access-key",
    "private_key",
    "client-secret",
    "credentials",
    "Credential",
    "auth_token",
    "session-id",
    "JSESSIONID",
    "userPassword",
    "dbPwd",
    "Authorization",
    "proxy-authorization",
    "X-Api-Key",
    "x-auth-token",
    "Cookie",
    "Set-Cookie",
    "Bearer",
    "basic",
    "TOKEN",
    "Digest",
    "negotiate",
    "time",
    "issueDate",
    "ts",
    "expiry",
    "millis",
    "since",
    "pas",
    "toke",
    "ke",
    "sess"
  };
  private static final String[] SEPARATORS = {
    "=", ":", ": ", " = ", "\"", "\":\"", "\": \"", "'", "&", ";", ",", " ", "  ", "-", "--", "/",
    "://", "@", ".", "(", ")", "[", "]", "{", "}", "<", ">", "+", "\t", "\n", "?", "_"
  };
  private static final String[] WORDS = {
    "kim",
    "user",
    "app",
    "db.internal",
    "example.co.kr",
    "jdbc:mysql",
    "https",
    "host",
    "eyJhbGciOiJIUzI1NiJ9",
    "eyJ",
    "c2lnbmF0dXJl",
    "dXNlcjpwYXNz",
    "ab.cd",
    "x",
    "Z",
    "_x",
    "failed",
    "card",
    "rrn",
    "order",
    "<secret>",
    "<card>",
    "0x1F",
    "deadbeef",
    "1.2.3",
    "v2",
    "é",
    "\u00a0"
  };

  @Test
  void agreesWithEveryPatternAlwaysRunOnGeneratedText() {
    List<String> mismatches = new ArrayList<>();
    for (long seed = 0; seed < 20_000; seed++) {
      String text = generate(new SplittableRandom(seed));
      String expected = MaskerOracle.mask(text);
      String actual = Masker.mask(text);
      if (!expected.equals(actual)) {
        mismatches.add(
            "seed " + seed + ": [" + text + "] oracle=[" + expected + "] masker=[" + actual + "]");
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void agreesOnTheFixedCasesToo() {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.c2lnbmF0dXJlLW5vdC1yZWFs";
    String[] cases = {
      "Order 7 is not open",
      "java.lang.RuntimeException: transfer 7 failed",
      "Authorization: Bearer " + jwt,
      "token in body: " + jwt,
      "X-Api-Key: 3f9a8b7c6d5e4f",
      "jdbc:postgresql://db.internal:5432/payments?user=app&password=s3cr3t!&ssl=true",
      "Could not connect to jdbc:mysql://app:hunter2@10.0.0.5:3306/ledger",
      "sms to 010-1234-5678 failed",
      "call +82 10-1234-5678 or 02-123-4567",
      "duplicate rrn 900101-1234567 for customer",
      "rrn=0412314234567",
      "charge declined for card 4111 1111 1111 1111 (insufficient funds)",
      "3782 822463 10005",
      "transfer to 110-123-456789 failed",
      "issueDate=1526423999164",
      "(02) 123-4567",
      "1234567",
      "12345678",
      "notify kim.minsu+alerts@example.co.kr",
      "{\"userPassword\": \"x y z\", \"apiKey\": \"k-123\"}"
    };
    for (String c : cases) {
      assertThat(Masker.mask(c)).as(c).isEqualTo(MaskerOracle.mask(c));
    }
  }

  /** A text of 1 to 12 pieces: numbers of the shapes the patterns know, keywords, words and separators. */
  private static String generate(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int pieces = 1 + r.nextInt(12);
    for (int i = 0; i < pieces; i++) {
      switch (r.nextInt(6)) {
        case 0 -> sb.append(digits(r, 1 + r.nextInt(20)));
        case 1 -> sb.append(groupedNumber(r));
        case 2 -> sb.append(KEYWORDS[r.nextInt(KEYWORDS.length)]);
        case 3 -> sb.append(WORDS[r.nextInt(WORDS.length)]);
        case 4 -> sb.append(token(r));
        default -> sb.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
      }
      if (r.nextInt(3) == 0) sb.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
    }
    return sb.toString();
  }

  private static String digits(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) sb.append((char) ('0' + r.nextInt(10)));
    return sb.toString();
  }

  /** Card, phone, RRN and account shapes, with valid and invalid Luhn digits alike. */
  private static String groupedNumber(SplittableRandom r) {
    String sep = r.nextBoolean() ? "-" : " ";
    return switch (r.nextInt(7)) {
      case 0 -> "4111" + sep + "1111" + sep + "1111" + sep + digits(r, 4);
      case 1 -> digits(r, 4) + sep + digits(r, 6) + sep + digits(r, 5);
      case 2 -> "010" + sep + digits(r, 4) + sep + digits(r, 4);
      case 3 -> "+82 " + digits(r, 2) + sep + digits(r, 4) + sep + digits(r, 4);
      case 4 -> "(0" + digits(r, 1) + ") " + digits(r, 3) + "-" + digits(r, 4);
      case 5 ->
          "9"
              + digits(r, 1)
              + "0"
              + (1 + r.nextInt(9))
              + "1"
              + r.nextInt(10)
              + (r.nextBoolean() ? "-" : "")
              + (1 + r.nextInt(8))
              + digits(r, 6);
      default ->
          digits(r, 2 + r.nextInt(5))
              + "-"
              + digits(r, 2 + r.nextInt(5))
              + "-"
              + digits(r, 2 + r.nextInt(7));
    };
  }

  /** Base64- and JWT-like runs. */
  private static String token(SplittableRandom r) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/=~";
    int n = 3 + r.nextInt(24);
    StringBuilder sb = new StringBuilder(r.nextInt(4) == 0 ? "eyJ" : "");
    for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return sb.toString();
  }
}
