package io.logdx.core.internal;

import io.logdx.core.CauseNode;
import io.logdx.core.Location;
import io.logdx.core.StackFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The stable fingerprint of a failure.
 *
 * <p>Rule: SHA-256 over the normalised chain, first 16 hex digits. For each exception of the chain (outermost
 * first, up to the root cause): its type and its message shape; then the application location's class and
 * method, and for the root cause its first five non-library frames' class and method. Line numbers never
 * enter, so a rebuild that moves lines keeps the fingerprint. Message shapes replace numbers, UUIDs, hex
 * strings, quoted values and masked values by placeholders, so the same failure with another id or amount
 * shares one fingerprint, while another exception type, message shape or code path does not.
 */
public final class Fingerprint {
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern HEX = Pattern.compile("\\b(?:0x)?[0-9a-fA-F]*\\d[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\\b|\\b0x[0-9a-fA-F]+\\b");
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|`[^`]*`");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  private static final Pattern MASKED = Pattern.compile("<(?:card|rrn|account|email|phone|secret|token)>");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Fingerprint() {}

  static String of(List<CauseNode> chain, int root, Location location) {
    StringBuilder sb = new StringBuilder(256);
    int last = root < 0 ? chain.size() - 1 : root;
    for (int i = 0; i <= last && i < chain.size(); i++) {
      CauseNode n = chain.get(i);
      sb.append(n.type()).append('|').append(shape(n.message())).append('\n');
    }
    if (location != null) {
      sb.append("@").append(location.className()).append('#').append(location.methodName()).append('\n');
    }
    if (last >= 0 && last < chain.size()) {
      int k = 0;
      for (StackFrame f : chain.get(last).frames()) {
        if (LocationFinder.isGenerated(f)) continue;
        sb.append(f.className()).append('#').append(f.methodName()).append('\n');
        if (++k == 5) break;
      }
    }
    return hash(sb.toString());
  }

  /** Fingerprint of a text without an exception (or of nothing). */
  static String ofText(String text) {
    return hash("text|" + shape(text));
  }

  /** The message shape: variable parts replaced, whitespace folded, cut to 200 characters. */
  public static String shape(String message) {
    if (message == null) return "";
    String s = message.length() > 2000 ? message.substring(0, 2000) : message;
    s = MASKED.matcher(s).replaceAll("#");
    s = UUID.matcher(s).replaceAll("#");
    s = QUOTED.matcher(s).replaceAll("'#'");
    s = HEX.matcher(s).replaceAll("#");
    s = NUMBER.matcher(s).replaceAll("#");
    s = SPACES.matcher(s).replaceAll(" ").strip();
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(16);
      for (int i = 0; i < 8; i++) {
        hex.append(Character.forDigit((d[i] >> 4) & 0xF, 16)).append(Character.forDigit(d[i] & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
