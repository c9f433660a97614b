package io.logdx.core.internal;

import io.logdx.core.CauseNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and secrets in messages before anything is cached, classified, logged or returned:
 * card numbers (Luhn-checked), Korean resident registration numbers, account-number-like digit runs, e-mail
 * addresses, phone numbers, passwords and tokens in URLs, headers and key=value pairs.
 *
 * <p>Masks keep the kind of value visible ({@code <card>}, {@code <email>}), so that a diagnosis can still
 * say "the card number" without holding it.
 */
public final class Masker {
  private static final Pattern EMAIL = Pattern.compile("[\\w.+%-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[A-Za-z]{2,}");
  /** user:password@ in URLs (jdbc:mysql://user:secret@host). */
  private static final Pattern URL_USERINFO = Pattern.compile("(?<=://)([^/\\s:@]+):([^/\\s@]+)@");
  /** password=..., pwd=..., token=..., secret=..., api_key=... in URLs, properties and JSON. */
  private static final Pattern SECRET_KV = Pattern.compile(
      "(?i)(\"?(?:password|passwd|pwd|pass|secret|token|access_token|refresh_token|api[_-]?key|apikey|client_secret"
          + "|credentials?)\"?\\s*[=:]\\s*\"?)([^\\s\"&;,}]+)");
  /** Authorization: Bearer xxx / Basic xxx headers. */
  private static final Pattern AUTH_HEADER = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
  /** JSON web tokens anywhere. */
  private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");
  /** Korean resident registration number: YYMMDD-GNNNNNN (G = 1..8). */
  private static final Pattern RRN = Pattern.compile("(?<![\\d-])\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])-?[1-8]\\d{6}(?![\\d-])");
  /** 13-19 digits, optionally grouped by spaces or dashes: card candidates, checked with Luhn. */
  private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
  /** Korean and international phone numbers: 010-1234-5678, +82 10 1234 5678, 02-123-4567. */
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\w-])(?:\\+\\d{1,3}[ -]?)?(?:0\\d{1,2}|\\d{2,3})[ -]\\d{3,4}[ -]\\d{4}(?![\\w-])");
  /** Account-number-like runs: 10-16 digits, possibly with dashes (123-456-789012), not already masked. */
  private static final Pattern ACCOUNT = Pattern.compile("(?<![\\w.-])\\d{2,6}-\\d{2,6}-\\d{2,8}(?:-\\d{1,6})?(?![\\w-])|(?<![\\w.])\\d{10,16}(?![\\w.])");

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
    return new CauseNode(n.type(), mask(n.message()), n.frames(), sup, n.fromMessage());
  }

  /** Masks one text; {@code null} stays {@code null}. */
  public static String mask(String s) {
    if (s == null || s.isEmpty()) return s;
    String r = s;
    r = URL_USERINFO.matcher(r).replaceAll("$1:<secret>@");
    r = AUTH_HEADER.matcher(r).replaceAll("$1 <token>");
    r = JWT.matcher(r).replaceAll("<token>");
    r = SECRET_KV.matcher(r).replaceAll("$1<secret>");
    r = EMAIL.matcher(r).replaceAll("<email>");
    r = RRN.matcher(r).replaceAll("<rrn>");
    r = maskCards(r);
    r = PHONE.matcher(r).replaceAll("<phone>");
    r = ACCOUNT.matcher(r).replaceAll("<account>");
    return r;
  }

  private static String maskCards(String s) {
    Matcher m = CARD.matcher(s);
    StringBuilder sb = null;
    int last = 0;
    while (m.find()) {
      String digits = m.group().replaceAll("[ -]", "");
      if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
        if (sb == null) sb = new StringBuilder(s.length());
        sb.append(s, last, m.start()).append("<card>");
        last = m.end();
      }
    }
    if (sb == null) return s;
    return sb.append(s, last, s.length()).toString();
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
