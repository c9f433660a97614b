package io.logdx.trainer.data;

/**
 * One stack frame as the JDK prints it ({@link StackTraceElement#toString()}): {@code module/cls.method(file:line)}.
 *
 * @param line line number, -1 when unknown, -2 for a native method
 */
public record Frame(String cls, String method, String file, int line, String module) {

  static Frame of(StackTraceElement e) {
    String module = e.getModuleName();
    return new Frame(e.getClassName(), e.getMethodName(), e.getFileName(), e.isNativeMethod() ? -2 : e.getLineNumber(),
        module);
  }

  /** A JDK frame in {@code java.base}. */
  static Frame jdk(String cls, String method, int line) {
    return new Frame(cls, method, simpleFile(cls), line, "java.base");
  }

  /** A frame of a library or application class (no module). */
  static Frame lib(String cls, String method, int line) {
    return new Frame(cls, method, simpleFile(cls), line, null);
  }

  static String simpleFile(String cls) {
    String s = cls.substring(cls.lastIndexOf('.') + 1);
    int d = s.indexOf('$');
    return (d > 0 ? s.substring(0, d) : s) + ".java";
  }

  /** The frame as printed after {@code "at "}. */
  public String printed() {
    String src = line == -2 ? "Native Method"
        : file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
    return (module == null ? "" : module + "/") + cls + "." + method + "(" + src + ")";
  }

  /** The frame without module prefix (as very old JVMs and some log shippers print it). */
  public String printedNoModule() {
    String src = line == -2 ? "Native Method"
        : file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
    return cls + "." + method + "(" + src + ")";
  }

  boolean isJdk() {
    return module != null && (module.startsWith("java.") || module.startsWith("jdk."));
  }
}
