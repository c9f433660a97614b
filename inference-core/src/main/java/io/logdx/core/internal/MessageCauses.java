package io.logdx.core.internal;

import io.logdx.core.Failure.CauseNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Causes named inside messages. A message that holds another exception's printed form names a cause that
 * the chain may not carry: {@code java.io.IOException: java.net.ConnectException: Connection refused} (a
 * cause flattened into the message), Hadoop's {@code RemoteException(java.io.FileNotFoundException): ...}
 * (the remote side's type), Spring's {@code ...; nested exception is java.sql.SQLException: ...},
 * Elasticsearch's {@code ...; nested: IndexNotFoundException[...]}, or {@code [Caused by java.io...: ...]}.
 *
 * <p>Each such cause is added to the chain right after the node whose message names it, as a
 * {@link CauseNode} with {@code fromMessage=true} and no frames, unless a real cause later in the chain already
 * has that type (then the message only repeats it: {@code new RuntimeException(cause)} prints
 * {@code cause.toString()} as its message). Applied in the same way to chains read from live throwables and
 * from text, so both give the same model.
 */
final class MessageCauses {
  /** Causes read from one message at most (a message naming a cause naming a cause...). */
  static final int MAX_PER_NODE = 8;

  /** Characters of a message searched. */
  static final int MAX_SCAN_CHARS = 4096;

  /** At the start of a message: {@code Type: ...}, {@code Type(inner.Type): ...}, {@code Type[...]} or {@code Type}. */
  private static final Pattern AT_START =
      Pattern.compile(
          "^[\\s:]*+(?<type>"
              + LineClassifier.NAME
              + ")(?<end>\\((?<inner>"
              + LineClassifier.NAME
              + ")\\))?+"
              + "(?<sep>:\\s?+|\\[|;\\s?+|\\s*+$)");

  /** Inside a message: after a keyword, or a qualified throwable name followed by a colon or the end. */
  private static final Pattern INSIDE =
      Pattern.compile(
          "(?:nested exception is:?\\s++|nested:\\s*+|[Cc]aused by:?\\s++|(?<=[\\s(\\[]))"
              + "(?<type>"
              + LineClassifier.NAME
              + ")(?<end>\\((?<inner>"
              + LineClassifier.NAME
              + ")\\))?+"
              + "(?<sep>:\\s?+|\\[|;\\s?+|\\s*+$|(?=[)\\]]))");

  /** Types whose message is a class name by design: {@code ClassNotFoundException: com.acme.PayException}. */
  private static final Set<String> CLASS_NAMING =
      Set.of(
          "ClassNotFoundException",
          "NoClassDefFoundError",
          "NoSuchMethodException",
          "NoSuchFieldException",
          "NoSuchMethodError",
          "NoSuchFieldError",
          "ClassCastException",
          "IncompatibleClassChangeError",
          "AbstractMethodError",
          "UnsupportedClassVersionError",
          "InstantiationException",
          "IllegalAccessError",
          "IllegalAccessException",
          "TypeNotPresentException",
          "ClassFormatError",
          "VerifyError");

  private MessageCauses() {}

  /** The chain with causes named in messages inserted; the same list when there are none. */
  static List<CauseNode> expand(List<CauseNode> chain) {
    List<CauseNode> out = null;
    for (int i = 0; i < chain.size(); i++) {
      CauseNode n = chain.get(i);
      List<CauseNode> named = named(n, chain, i);
      if (!named.isEmpty() && out == null) {
        out = new ArrayList<>(chain.size() + named.size());
        out.addAll(chain.subList(0, i));
      }
      if (out != null) {
        out.add(n);
        out.addAll(named);
      }
    }
    return out == null ? chain : out;
  }

  private static List<CauseNode> named(CauseNode n, List<CauseNode> chain, int index) {
    List<CauseNode> found = List.of();
    if (CLASS_NAMING.contains(simple(n.type()))) return found;
    String message = n.message();
    // new Wrapper(cause) takes cause.toString() as its message: it names the next cause, which the
    // chain has
    if (index + 1 < chain.size() && repeatsCause(message, chain.get(index + 1).type()))
      return found;
    for (int k = 0; k < MAX_PER_NODE && message != null && !message.isEmpty(); k++) {
      Found f = find(message);
      if (f == null) break;
      if (laterHas(chain, index, f.type)) break;
      if (found.isEmpty()) found = new ArrayList<>(2);
      found.add(new CauseNode(f.type, f.message, List.of(), List.of(), true));
      if (f.inner != null && !laterHas(chain, index, f.inner)) {
        found.add(new CauseNode(f.inner, f.message, List.of(), List.of(), true));
      }
      message = f.message;
    }
    return found;
  }

  private record Found(String type, String inner, String message) {}

  /** The first cause named in a message, or {@code null}. */
  private static Found find(String message) {
    String head =
        message.length() > MAX_SCAN_CHARS ? message.substring(0, MAX_SCAN_CHARS) : message;
    // a named cause must read as a throwable (see accept): without one of the suffixes, no pattern
    // can find one
    if (!mayNameThrowable(head)) return null;
    Matcher m = AT_START.matcher(head);
    // at the start, a simple name counts only in Elasticsearch's Type[message] form: "GSSException:
    // ..." or "Error: ..." at the start of a message is as often plain wording as a type
    if (m.find() && accept(m.group("type"), m.group("sep").startsWith("["))) {
      return found(message, m);
    }
    m = INSIDE.matcher(head);
    while (m.find()) {
      boolean keyword = m.start("type") > m.start();
      if (accept(m.group("type"), keyword)) return found(message, m);
    }
    return null;
  }

  /**
   * True when {@code message} is {@code type} or starts with {@code type:}, and {@code type} is a name that
   * {@link #AT_START} reads whole and {@link #find} accepts: then the first cause the message names is
   * {@code type} itself, which the chain already holds, and the search for named causes ends there without
   * a pattern run ({@code new RuntimeException(cause)} is the commonest wrapper of all).
   */
  private static boolean repeatsCause(String message, String type) {
    if (message == null || !message.startsWith(type)) return false;
    if (message.length() != type.length() && message.charAt(type.length()) != ':') return false;
    return isPlainName(type) && accept(type, false);
  }

  /** A dotted name of ASCII Java identifiers: what {@link LineClassifier#NAME} matches, and nothing more. */
  private static boolean isPlainName(String type) {
    if (type.isEmpty() || type.length() > 512) return false;
    boolean segmentStart = true;
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
      if (segmentStart) {
        if (!letter) return false;
        segmentStart = false;
      } else if (c == '.') {
        segmentStart = true;
      } else if (!letter && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return !segmentStart;
  }

  /** The suffixes of {@link LineClassifier#looksLikeThrowable}. */
  private static boolean mayNameThrowable(String s) {
    return s.contains("Exception")
        || s.contains("Error")
        || s.contains("Throwable")
        || s.contains("Failure")
        || s.contains("Fault");
  }

  private static Found found(String message, Matcher m) {
    String inner = m.group("inner");
    if (inner != null && !LineClassifier.isClassName(inner)) inner = null;
    String sep = m.group("sep");
    String rest = message.substring(m.end());
    String msg;
    if (sep.startsWith("[")) {
      int close = rest.indexOf(']');
      msg = close < 0 ? rest : rest.substring(0, close);
    } else if (sep.isBlank() && rest.isEmpty()) {
      msg = null;
    } else {
      msg = rest;
    }
    if (msg != null && msg.isBlank()) msg = null;
    return new Found(m.group("type"), inner, msg);
  }

  /**
   * A named type counts when it reads as a throwable: qualified (or, after a keyword or at the very start,
   * simple) with a throwable's suffix.
   */
  private static boolean accept(String type, boolean simpleAllowed) {
    if (!LineClassifier.isClassName(type) || !LineClassifier.looksLikeThrowable(type)) return false;
    return simpleAllowed || type.indexOf('.') > 0;
  }

  private static boolean laterHas(List<CauseNode> chain, int index, String type) {
    for (int j = index + 1; j < chain.size(); j++) {
      if (sameAs(chain.get(j).type(), type)) return true;
    }
    return false;
  }

  /** Same type, where either side may be printed without its package. */
  static boolean sameAs(String a, String b) {
    if (a.equals(b)) return true;
    return simple(a).equals(simple(b)) && (a.indexOf('.') < 0 || b.indexOf('.') < 0);
  }

  private static String simple(String type) {
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : type.substring(dot + 1);
  }
}
