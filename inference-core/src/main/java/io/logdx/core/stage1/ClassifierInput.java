package io.logdx.core.stage1;

import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.StackFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What stage 1 sees of a failure: a compact text and a few structural features. The trainer renders its
 * training failures through this class and the engine renders live failures through it, so both see exactly
 * the same input.
 *
 * <p>The text puts what decides the category first (the root cause's type and message, then the exceptions
 * around it, innermost first), then the top frames of the root cause and the log line, so that a token limit
 * cuts the least useful part. Line numbers and file names are left out: they name the code, not the failure.
 *
 * <p>Values that differ on every run of the same failure are replaced in the text ({@link #stable}): network
 * ports, UUIDs and identity hashes. Word pieces cut them into fragments that mean something elsewhere (port
 * 40105 became {@code 401} and {@code ##05}, the 401 of an authentication failure), so a 503 answered by a
 * server on an ephemeral port was now and then classified by the port.
 */
final class ClassifierInput {
  /** Characters of rendered text at most (about 2.7 characters a token for traces: a little over 400 tokens). */
  public static final int MAX_CHARS = 1200;

  static final int ROOT_MESSAGE_CHARS = 400;
  static final int OTHER_MESSAGE_CHARS = 160;
  static final int OTHER_NODES = 4;
  static final int FRAMES = 6;
  static final int LOG_LINE_CHARS = 240;

  private ClassifierInput() {}

  /** The compact text of a failure: {@link #rootText} then {@link #contextText} (never null). */
  public static String render(Failure f) {
    String root = rootText(f);
    String context = contextText(f);
    return cut(context.isEmpty() ? root : root + " | " + context, MAX_CHARS);
  }

  /** The root cause's type and message; for text without an exception, the log line. */
  public static String rootText(Failure f) {
    int root = f.rootIndex();
    if (root < 0) {
      return f.logLine() == null ? "" : flat(cut(f.logLine(), MAX_CHARS));
    }
    CauseNode r = f.chain().get(root);
    return flat(
        r.message() == null ? r.type() : r.type() + ": " + cut(r.message(), ROOT_MESSAGE_CHARS));
  }

  /** What surrounds the root cause: the other exceptions (innermost first), the top frames and the log line. */
  public static String contextText(Failure f) {
    int root = f.rootIndex();
    if (root < 0) return "";
    StringBuilder sb = new StringBuilder(512);
    List<CauseNode> chain = f.chain();
    int others = 0;
    // nodes inside the root (wrappers without meaning), then the enclosing ones, innermost first
    for (int i = chain.size() - 1; i >= 0 && others < OTHER_NODES; i--) {
      if (i == root) continue;
      CauseNode n = chain.get(i);
      if (sb.length() > 0) sb.append(" | ");
      sb.append(i > root ? "inner " : "in ").append(n.type());
      if (n.message() != null) sb.append(": ").append(cut(n.message(), OTHER_MESSAGE_CHARS));
      others++;
    }
    List<StackFrame> frames = framesOf(chain, root);
    for (int i = 0; i < Math.min(FRAMES, frames.size()); i++) {
      StackFrame fr = frames.get(i);
      if (sb.length() > 0) sb.append(" | ");
      sb.append("at ").append(fr.className()).append('.').append(fr.methodName());
    }
    if (f.logLine() != null && !f.logLine().isBlank()) {
      if (sb.length() > 0) sb.append(" | ");
      sb.append("log ").append(cut(f.logLine(), LOG_LINE_CHARS));
    }
    return flat(cut(sb.toString(), MAX_CHARS));
  }

  private static String flat(String s) {
    return stable(s.replace('\n', ' ').replace('\r', ' '));
  }

  /** A port: after a host (URL authority, IPv4, bracketed IPv6, localhost, a dotted or hyphenated name). */
  private static final Pattern PORT =
      Pattern.compile(
          "(//[^/\\s:@?#]{1,253}+|\\b\\d{1,3}(?:\\.\\d{1,3}){3}|\\]|\\blocalhost"
              + "|\\b[A-Za-z][\\w-]{0,62}(?:\\.[\\w-]{1,63}){0,8}\\.(?!(?:java|kt|scala|groovy)\\b)[A-Za-z][\\w-]{0,62}"
              + "|\\b[a-z][a-z0-9]{0,62}(?:-[a-z0-9]{1,63}){1,8})"
              + ":\\d{1,5}+(?![\\d.:])");

  private static final Pattern UUID =
      Pattern.compile(
          "(?<![0-9a-fA-F-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9a-fA-F-])");

  /** {@code Object.toString()}'s identity hash ({@code Executor@1440c311}) and native addresses ({@code 0x7f66...}). */
  private static final Pattern HASH =
      Pattern.compile("(?<=[\\w$])@[0-9a-f]{4,8}+\\b|\\b0x[0-9a-fA-F]{4,16}+\\b");

  /**
   * The text with the values that change from run to run of one failure replaced by placeholders: ports by
   * {@code <port>} (the host stays), UUIDs by {@code <uuid>}, identity hashes by {@code @<hash>} and addresses
   * by {@code 0x<hex>}. Status codes, vendor error codes and other numbers stay: they name the failure.
   */
  static String stable(String s) {
    if (s.indexOf(':') >= 0) s = PORT.matcher(s).replaceAll("$1:<port>");
    if (s.indexOf('-') >= 0) s = UUID.matcher(s).replaceAll("<uuid>");
    if (s.indexOf('@') >= 0 || s.contains("0x")) {
      s = HASH.matcher(s).replaceAll(m -> m.group().startsWith("@") ? "@<hash>" : "0x<hex>");
    }
    return s;
  }

  /** Features of the root cause's top frames (class, method, package): they belong to the context. */
  public static List<String> frameFeatures(Failure f) {
    int root = f.rootIndex();
    if (root < 0) return List.of();
    List<String> out = new ArrayList<>(9);
    List<StackFrame> frames = framesOf(f.chain(), root);
    for (int i = 0; i < Math.min(3, frames.size()); i++) {
      StackFrame fr = frames.get(i);
      out.add("frame" + i + "=" + fr.className() + "." + fr.methodName());
      out.add("framecls=" + fr.className());
      out.add("framepkg=" + fr.packageName());
    }
    if (frames.isEmpty()) out.add("no-frames");
    return out;
  }

  /**
   * Structural features of the cause chain: exception class names (qualified and simple, root apart from the
   * others), the root type's package, class names inside messages. Stable strings, hashed by
   * {@link LexicalFeaturizer}.
   */
  public static List<String> structure(Failure f) {
    List<String> out = new ArrayList<>(16);
    List<CauseNode> chain = f.chain();
    int root = f.rootIndex();
    if (root < 0) {
      out.add(f.logLine() == null || f.logLine().isBlank() ? "empty" : "no-exception");
      return out;
    }
    CauseNode r = chain.get(root);
    out.add("root=" + r.type());
    out.add("root~" + r.simpleType());
    int dot = r.type().lastIndexOf('.');
    if (dot > 0) out.add("rootpkg=" + r.type().substring(0, dot));
    out.add(r.message() == null || r.message().isBlank() ? "root-no-message" : "root-message");
    if (r.fromMessage()) out.add("root-from-message");
    for (int i = 0; i < chain.size(); i++) {
      if (i == root) continue;
      out.add((i > root ? "inner~" : "outer~") + chain.get(i).simpleType());
    }
    out.add("depth=" + Math.min(chain.size(), 5));
    // exception classes named inside messages ("YarnRuntimeException:
    // java.lang.NullPointerException")
    for (int i = chain.size() - 1, seen = 0; i >= 0 && seen < 3; i--) {
      String m = chain.get(i).message();
      if (m == null) continue;
      Matcher nm = NAMED.matcher(m.length() > 400 ? m.substring(0, 400) : m);
      while (nm.find() && seen < 3) {
        out.add("named~" + nm.group(1));
        seen++;
      }
    }
    return out;
  }

  /**
   * The root cause's class name read as words ({@code org.apache.hadoop.hdfs.protocol.DSQuotaExceededException} ->
   * {@code "ds quota exceeded exception"}; nested classes included: {@code KeeperException$NoNodeException} ->
   * {@code "keeper exception no node exception"}); empty without a root cause. Word pieces of a whole class name
   * are fragments that mean nothing ({@code dsquotaexceededexception} -> {@code ds ##quo ##ta ##ex ...}); read as
   * words, a class the model never saw shares its meaning with the messages it did see ("quota exceeded").
   */
  public static String rootTypeWords(Failure f) {
    int root = f.rootIndex();
    return root < 0 ? "" : typeWords(f.chain().get(root).type());
  }

  /** The class names of the other exceptions of the chain read as words (innermost first, at most {@value #OTHER_NODES}). */
  public static String otherTypeWords(Failure f) {
    int root = f.rootIndex();
    if (root < 0) return "";
    StringBuilder sb = new StringBuilder();
    List<CauseNode> chain = f.chain();
    for (int i = chain.size() - 1, n = 0; i >= 0 && n < OTHER_NODES; i--) {
      if (i == root) continue;
      if (sb.length() > 0) sb.append(" , ");
      sb.append(typeWords(chain.get(i).type()));
      n++;
    }
    return sb.toString();
  }

  /** Splits camel case, digits and {@code $}/{@code _} of a (possibly qualified) class name into lower-case words. */
  static String typeWords(String type) {
    if (type == null || type.isEmpty()) return "";
    int dot = type.lastIndexOf('.');
    String simple = cut(dot < 0 ? type : type.substring(dot + 1), 160);
    return lower(CAMEL.matcher(simple).replaceAll(" ").trim());
  }

  /** Word boundaries inside a class name: {@code aB}, {@code 4S}, {@code ABc} (acronym then word), {@code $}, {@code _}. */
  private static final Pattern CAMEL =
      Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[$_]+");

  /** The root cause's frames, or those of the nearest enclosing node that has frames. */
  private static List<StackFrame> framesOf(List<CauseNode> chain, int root) {
    for (int i = root; i >= 0; i--) {
      if (!chain.get(i).frames().isEmpty()) return chain.get(i).frames();
    }
    for (int i = root + 1; i < chain.size(); i++) {
      if (!chain.get(i).frames().isEmpty()) return chain.get(i).frames();
    }
    return List.of();
  }

  private static final Pattern NAMED =
      Pattern.compile("(?:\\b[a-z][\\w$]*\\.)*\\b([A-Z][\\w$]*(?:Exception|Error))\\b");

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** Lower-case ASCII form used for hashing strings, independent of the JVM's locale. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
