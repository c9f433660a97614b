package io.logdx.core.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides by exception type whether a throwable is diagnosed. A type matches when the throwable or any of its
 * causes is of that class or a subclass (compared by name, so that users can name classes their appender's
 * class loader cannot see). Excludes win over includes; an empty include list includes everything.
 */
final class ExceptionFilter {
  private final List<String> includes;
  private final List<String> excludes;

  ExceptionFilter(Collection<String> includes, Collection<String> excludes) {
    this.includes = clean(includes);
    this.excludes = clean(excludes);
  }

  /** A filter that lets every throwable through. */
  static ExceptionFilter all() {
    return new ExceptionFilter(List.of(), List.of());
  }

  /** True when the throwable is to be diagnosed. */
  boolean accepts(Throwable t) {
    if (excludes.isEmpty() && includes.isEmpty()) return true;
    if (!excludes.isEmpty() && matches(t, excludes)) return false;
    return includes.isEmpty() || matches(t, includes);
  }

  private static boolean matches(Throwable t, List<String> names) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable c = t;
        c != null && seen.put(c, Boolean.TRUE) == null && seen.size() < 64;
        c = safeCause(c)) {
      for (Class<?> k = c.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
        if (names.contains(k.getName())) return true;
      }
    }
    return false;
  }

  private static Throwable safeCause(Throwable t) {
    try {
      return t.getCause();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static List<String> clean(Collection<String> names) {
    List<String> out = new ArrayList<>();
    if (names != null) {
      for (String n : names) {
        if (n != null && !n.isBlank()) out.add(n.trim());
      }
    }
    return List.copyOf(out);
  }
}
