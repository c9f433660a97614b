package io.logdx.core.internal;

import io.logdx.core.CauseNode;
import java.util.List;
import java.util.Set;

/**
 * Finds the innermost cause with meaning: walks through wrapper types (RuntimeException with a cause,
 * ExecutionException, CompletionException, InvocationTargetException, UndeclaredThrowableException, framework
 * "nested" exceptions...) to the innermost cause, but stops at a wrapper-typed innermost node only if nothing
 * inside it carries more meaning.
 */
final class RootCauseFinder {
  /** Types that only carry another exception. */
  static final Set<String> WRAPPERS = Set.of(
      "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable", "java.lang.Error",
      "java.util.concurrent.ExecutionException", "java.util.concurrent.CompletionException",
      "java.lang.reflect.InvocationTargetException", "java.lang.reflect.UndeclaredThrowableException",
      "java.lang.ExceptionInInitializerError", "javax.servlet.ServletException", "jakarta.servlet.ServletException",
      "org.springframework.web.util.NestedServletException", "java.security.PrivilegedActionException",
      "org.springframework.core.NestedRuntimeException", "org.springframework.beans.factory.BeanCreationException",
      "java.io.UncheckedIOException", "org.apache.hadoop.ipc.RemoteException",
      "com.google.common.util.concurrent.UncheckedExecutionException",
      "com.google.common.util.concurrent.ExecutionError");

  private RootCauseFinder() {}

  /** Index of the root cause in a chain (outermost first), -1 for an empty chain. */
  static int rootIndex(List<CauseNode> chain) {
    if (chain.isEmpty()) return -1;
    // The innermost cause is the root cause, unless it is a bare wrapper without a message.
    for (int i = chain.size() - 1; i >= 0; i--) {
      CauseNode n = chain.get(i);
      if (!isWrapper(n.type()) || (n.message() != null && !n.message().isBlank() && i == chain.size() - 1)) {
        return i;
      }
    }
    return chain.size() - 1;
  }

  static boolean isWrapper(String type) {
    return WRAPPERS.contains(type);
  }
}
