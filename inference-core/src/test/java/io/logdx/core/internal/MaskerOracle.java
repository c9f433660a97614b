package io.logdx.core.internal;

import java.util.Locale;
import java.util.regex.Matcher;

/**
 * The masking rules as first written, one regex after another with no pre-scan: the oracle that the
 * optimised {@link Masker} must agree with on every input ({@code MaskerDifferentialTest}). It runs Masker's own
 * patterns, so what the differential test checks is the pre-scans that skip them. Test code only.
 */
final class MaskerOracle {
  private MaskerOracle() {}

  /** Masks one text; {@code null} stays {@code null}. */
  static String mask(String s) {
    if (s == null || s.isEmpty()) return s;
    String r = s;
    r = Masker.URL_USERINFO.matcher(r).replaceAll("$1:<secret>@");
    r = Masker.AUTH_SCHEME.matcher(r).replaceAll("$1 <token>");
    r = Masker.SECRET_HEADER.matcher(r).replaceAll("$1$2<secret>");
    r = Masker.JWT.matcher(r).replaceAll("<token>");
    r = maskSecretValues(r);
    r = Masker.EMAIL.matcher(r).replaceAll("<email>");
    r = Masker.RRN.matcher(r).replaceAll("<rrn>");
    r = maskCards(r);
    r = Masker.PHONE.matcher(r).replaceAll("<phone>");
    r = maskAccounts(r);
    return r;
  }

  private static String maskSecretValues(String s) {
    Matcher m = Masker.SECRET_KV.matcher(s);
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
    Matcher m = Masker.CARD.matcher(s);
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
    Matcher m = Masker.ACCOUNT.matcher(s);
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
    for (String w : Masker.TIME_WORDS) {
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
