package io.logdx.core.internal;

import io.logdx.core.Failure.CauseNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and secrets in messages and log lines before anything is cached, classified, logged or
 * returned: passwords and tokens in URLs ({@code user:pass@host}, {@code ?password=...} in JDBC URLs),
 * headers ({@code Authorization: Bearer ...}, API keys, cookies), key=value pairs and JSON fields named like
 * secrets, JSON web tokens, e-mail addresses, Korean resident registration numbers, card numbers (13 to 19
 * digits, plain or grouped by fours, that pass the Luhn check), phone numbers and account-number-like digit
 * runs (10 to 16 digits, or dashed groups with 10 or more digits).
 *
 * <p>Masks keep the kind of value visible ({@code <card>}, {@code <email>}), so that a diagnosis can still
 * say "the card number" without holding it. What is not personal stays: ports, line numbers, HTTP status
 * codes, years, dates and times, short counts, and epoch timestamps written after a word such as
 * {@code time} or {@code date}.
 *
 * <p>Every pattern starts at a boundary that its own first character class cannot cross (a negative
 * look-behind) and uses possessive or bounded repetition, so masking is linear in the length of the text.
 *
 * <p>Masking runs for every logged exception on the appender's dispatcher thread, cache hits included, so
 * each pattern is guarded by a pre-scan for what it cannot match without (an {@code @} for e-mail, enough
 * digits for cards and phone numbers, a keyword for secrets): most messages hold none of these and pass
 * through without a regex. Each guard is a necessary condition of its pattern, so the output is that of
 * running every pattern.
 */
final class Masker {
  // The patterns and TIME_WORDS are package-visible for MaskerOracle, which runs the same rules
  // without the pre-scans: MaskerDifferentialTest then tests the pre-scans, not a second copy of
  // the rules.

  /** user:password@ in URLs (jdbc:mysql://user:secret@host, https://user:token@host). */
  static final Pattern URL_USERINFO =
      Pattern.compile("(?<=://)([^/\\s:@]{1,256}+):([^/\\s@]{1,256}+)@");

  /** Authorization: Bearer xxx / Basic xxx / Token xxx / Digest xxx. */
  static final Pattern AUTH_SCHEME =
      Pattern.compile(
          "(?i)(?<![\\w-])(Bearer|Basic|Token|Digest|Negotiate)\\s++[A-Za-z0-9._~+/=-]{8,4096}+");

  /** Headers whose whole value is a secret. */
  static final Pattern SECRET_HEADER =
      Pattern.compile(
          "(?i)(?<![\\w-])((?:proxy-)?authorization|x-api-key|x-auth-token|api-key|cookie|set-cookie)(\\s*+[:=]\\s*+)"
              + "(?!(?:Bearer|Basic|Token|Digest|Negotiate)\\b|<)([^\\s,;\"]{1,4096}+)");

  /** JSON web tokens anywhere. */
  static final Pattern JWT =
      Pattern.compile(
          "(?<![\\w-])eyJ[A-Za-z0-9_-]{5,8192}+\\.[A-Za-z0-9_-]{5,8192}+\\.[A-Za-z0-9_-]{5,8192}+");

  /**
   * password=..., "password": "...", secretKey: ..., accessToken=... in URLs, properties and JSON. The key
   * may be prefixed ({@code db_password}) or camel-cased ({@code userPassword}); the value is everything up
   * to the next separator, or the whole quoted string.
   */
  static final Pattern SECRET_KV =
      Pattern.compile(
          "(?:(?<![A-Za-z0-9])(?i:password|passwd|passphrase|pwd|pass(?=\"?\\s*+[=:])|secret|token|api[_-]?key|apikey|access[_-]?key"
              + "|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?token|session[_-]?id|jsessionid)"
              + "|(?<=[a-z0-9])(?:Password|Passwd|Passphrase|Pwd|Secret|Token|ApiKey|AccessKey|PrivateKey|Credentials?))"
              + "([A-Za-z_.-]{0,24}+\"?\\s*+[=:]\\s*+)(\"[^\"]{0,1024}+\"|'[^']{0,1024}+'|[^\\s\"'&;,}\\])<]{1,1024}+)");

  static final Pattern EMAIL =
      Pattern.compile(
          "(?<![\\w.+%-])[\\w.+%-]{1,64}+@(?:[A-Za-z0-9-]{1,63}+\\.)++[A-Za-z]{2,24}+(?![\\w-])");

  /** Korean resident registration number: YYMMDD-GNNNNNN (G = 1..8), with or without the dash. */
  static final Pattern RRN =
      Pattern.compile(
          "(?<![\\d-])\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])-?+[1-8]\\d{6}(?![\\d-])");

  /** Card candidates: 13-19 digits, or groups of four (and Amex's 4-6-5) joined by one kind of separator. */
  static final Pattern CARD =
      Pattern.compile(
          "(?<![\\d-])(?:\\d{13,19}+|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{1,7}+|\\d{4}([ -])\\d{6}\\2\\d{4,5}+)(?![\\d-])");

  /** Korean and international phone numbers: 010-1234-5678, +82 10 1234 5678, 02-123-4567, (02) 123-4567. */
  static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w+-])(?:\\+\\d{1,3}[ -]?+)?(?:\\(0?\\d{1,3}\\)\\s?+|0?\\d{1,3}[ -])\\d{3,4}[ -]\\d{4}(?![\\w-])");

  /** Account-number-like: dashed digit groups (110-123-456789) or a run of 10 to 16 digits. */
  static final Pattern ACCOUNT =
      Pattern.compile(
          "(?<![\\w.-])\\d{2,6}+-\\d{2,6}+-\\d{2,8}+(?:-\\d{1,6}+)?+(?![\\w-])|(?<![\\w.-])\\d{10,16}+(?![\\w.-])");

  /** Words that make a long number a time, not an account. */
  static final String[] TIME_WORDS = {
    "time",
    "date",
    "epoch",
    "millis",
    "since",
    "expir",
    "ts=",
    "ts:",
    "timestamp",
    "clock",
    "until",
    "issued",
    "nanos"
  };

  /** Keywords without which {@link #AUTH_SCHEME} cannot match (ASCII case ignored, as the pattern does). */
  private static final String[] AUTH_SCHEME_WORDS = {
    "bearer", "basic", "token", "digest", "negotiate"
  };

  /** Keywords without which {@link #SECRET_HEADER} cannot match: every header name it knows holds one. */
  private static final String[] SECRET_HEADER_WORDS = {
    "authorization", "api-key", "auth-token", "cookie"
  };

  /** Keywords without which {@link #SECRET_KV} cannot match: every key it knows holds one. */
  private static final String[] SECRET_KV_WORDS = {
    "pass", "pwd", "secret", "token", "key", "credential", "session"
  };

  private Masker() {}

  /** Masks every message in the chain (suppressed included); frames carry no personal data. */
  public static List<CauseNode> mask(List<CauseNode> chain) {
    List<CauseNode> out = new ArrayList<>(chain.size());
    for (CauseNode n : chain) {
      out.add(mask(n));
    }
    return out;
  }

  private static CauseNode mask(CauseNode n) {
    List<CauseNode> sup = n.suppressed().isEmpty() ? List.of() : mask(n.suppressed());
    String message = mask(n.message());
    // nothing to mask (the common case): the node is immutable, so it is its own masked form
    if (Objects.equals(message, n.message()) && sup.equals(n.suppressed())) return n;
    return new CauseNode(n.type(), message, n.frames(), sup, n.fromMessage());
  }

  /** Masks one text; {@code null} stays {@code null}. */
  public static String mask(String s) {
    if (s == null || s.isEmpty()) return s;
    String r = s;
    if (r.indexOf("://") >= 0 && r.indexOf('@') >= 0) {
      r = URL_USERINFO.matcher(r).replaceAll("$1:<secret>@");
    }
    // the keyword patterns ignore ASCII case: their keywords are looked for in a lower-cased copy
    // (made again only if a step changed the text), which finds every ASCII-case variant and
    // perhaps more
    String lower = r.toLowerCase(Locale.ROOT);
    if (containsAny(lower, AUTH_SCHEME_WORDS)) {
      String before = r;
      r = AUTH_SCHEME.matcher(r).replaceAll("$1 <token>");
      if (!r.equals(before)) lower = r.toLowerCase(Locale.ROOT);
    }
    boolean separator = r.indexOf('=') >= 0 || r.indexOf(':') >= 0;
    if (separator && containsAny(lower, SECRET_HEADER_WORDS)) {
      String before = r;
      r = SECRET_HEADER.matcher(r).replaceAll("$1$2<secret>");
      if (!r.equals(before)) lower = r.toLowerCase(Locale.ROOT);
    }
    if (r.indexOf("eyJ") >= 0) {
      String before = r;
      r = JWT.matcher(r).replaceAll("<token>");
      if (!r.equals(before)) lower = r.toLowerCase(Locale.ROOT);
    }
    if (separator && containsAny(lower, SECRET_KV_WORDS)) {
      r = maskSecretValues(r);
    }
    if (r.indexOf('@') >= 0) {
      r = EMAIL.matcher(r).replaceAll("<email>");
    }
    // the number patterns need digits: a resident registration number and a card 13 (the RRN's
    // first six in a row), a phone number 8 with a run of 4 at its end, an account 10. Masks hold
    // no digits, so counting once before them is enough.
    int digits = 0;
    int longestRun = 0;
    int run = 0;
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        if (++run > longestRun) longestRun = run;
      } else {
        run = 0;
      }
    }
    if (digits < 8) return r;
    if (digits >= 13 && longestRun >= 6) {
      r = RRN.matcher(r).replaceAll("<rrn>");
    }
    if (digits >= 13) {
      r = maskCards(r);
    }
    if (longestRun >= 4) {
      r = PHONE.matcher(r).replaceAll("<phone>");
    }
    if (digits >= 10) {
      r = maskAccounts(r);
    }
    return r;
  }

  /** True when {@code s} holds one of {@code words}. */
  static boolean containsAny(String s, String[] words) {
    for (String w : words) {
      if (s.contains(w)) return true;
    }
    return false;
  }

  private static String maskSecretValues(String s) {
    Matcher m = SECRET_KV.matcher(s);
    StringBuilder sb = null;
    int last = 0;
    while (m.find()) {
      String value = m.group(2);
      if (value.startsWith("<") && value.endsWith(">")) continue; // already masked
      if (sb == null) sb = new StringBuilder(s.length());
      char q = value.charAt(0);
      String masked = q == '"' || q == '\'' ? q + "<secret>" + q : "<secret>";
      sb.append(s, last, m.start(2)).append(masked);
      last = m.end();
    }
    return sb == null ? s : sb.append(s, last, s.length()).toString();
  }

  private static String maskCards(String s) {
    Matcher m = CARD.matcher(s);
    StringBuilder sb = null;
    int last = 0;
    while (m.find()) {
      String digits = digitsOf(m.group());
      if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
        if (sb == null) sb = new StringBuilder(s.length());
        sb.append(s, last, m.start()).append("<card>");
        last = m.end();
      }
    }
    return sb == null ? s : sb.append(s, last, s.length()).toString();
  }

  private static String maskAccounts(String s) {
    Matcher m = ACCOUNT.matcher(s);
    StringBuilder sb = null;
    int last = 0;
    while (m.find()) {
      String found = m.group();
      // dashed groups need ten digits or more: dates (2024-01-15) and short codes are not accounts
      if (found.indexOf('-') >= 0 && digitsOf(found).length() < 10) continue;
      if (found.indexOf('-') < 0 && isTimeContext(s, m.start())) continue;
      if (sb == null) sb = new StringBuilder(s.length());
      sb.append(s, last, m.start()).append("<account>");
      last = m.end();
    }
    return sb == null ? s : sb.append(s, last, s.length()).toString();
  }

  /** An epoch timestamp written after a word that says so ({@code issueDate=1526423999164}). */
  private static boolean isTimeContext(String s, int start) {
    String before = s.substring(Math.max(0, start - 24), start).toLowerCase(Locale.ROOT);
    for (String w : TIME_WORDS) {
      if (before.contains(w)) return true;
    }
    return false;
  }

  private static String digitsOf(String s) {
    StringBuilder d = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') d.append(c);
    }
    return d.toString();
  }

  /** The Luhn check of card numbers. */
  static boolean luhn(String digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) return false;
      if (dbl) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }
}
