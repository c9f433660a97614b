package io.logdx.core.internal;

import io.logdx.core.CauseNode;
import io.logdx.core.Location;
import io.logdx.core.StackFrame;
import java.util.List;

/**
 * Finds the first frame of the application's own code in the innermost cause that has frames: configured
 * package prefixes first, else auto-detection that skips the JDK, well-known frameworks and libraries,
 * generated proxies, lambdas and reflection.
 */
final class LocationFinder {
  /** Package prefixes that are never the application's own code. */
  private static final String[] LIBRARY_PREFIXES = {
    "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "kotlin.", "scala.", "groovy.",
    "org.springframework.", "org.hibernate.", "org.apache.", "com.zaxxer.", "org.h2.", "com.mysql.", "org.postgresql.",
    "oracle.jdbc.", "com.fasterxml.", "com.google.", "io.netty.", "reactor.", "io.micrometer.", "org.slf4j.",
    "ch.qos.logback.", "org.junit.", "junit.", "org.mockito.", "net.bytebuddy.", "org.aspectj.", "io.grpc.",
    "okhttp3.", "retrofit2.", "feign.", "io.github.resilience4j.", "org.eclipse.", "io.undertow.", "org.jboss.",
    "com.netflix.", "io.opentelemetry.", "io.micronaut.", "io.quarkus.", "io.vertx.", "org.glassfish.",
    "io.logdx.", "org.gradle.", "org.testng.", "org.codehaus.", "com.intellij.", "org.jetbrains.", "akka.",
    "io.reactivex.", "rx.", "org.osgi.", "org.elasticsearch.", "org.opensearch.", "com.amazonaws.", "software.amazon."
  };

  private LocationFinder() {}

  static Location find(List<CauseNode> chain, int rootIndex, List<String> appPackages) {
    if (chain.isEmpty()) return null;
    // The innermost cause that has frames, starting at the root cause and walking outwards.
    for (int i = Math.min(rootIndex < 0 ? chain.size() - 1 : chain.size() - 1, chain.size() - 1); i >= 0; i--) {
      List<StackFrame> frames = chain.get(i).frames();
      if (frames.isEmpty()) continue;
      if (!appPackages.isEmpty()) {
        for (StackFrame f : frames) {
          if (matchesAny(f.className(), appPackages) && !isGenerated(f)) return new Location(f, true);
        }
      }
      for (StackFrame f : frames) {
        if (!isLibrary(f.className()) && !isGenerated(f)) return new Location(f, false);
      }
      // only library frames in the innermost cause with frames: no application location
      return null;
    }
    return null;
  }

  private static boolean matchesAny(String cls, List<String> prefixes) {
    for (String p : prefixes) {
      if (cls.equals(p) || cls.startsWith(p.endsWith(".") ? p : p + ".")) return true;
    }
    return false;
  }

  static boolean isLibrary(String cls) {
    for (String p : LIBRARY_PREFIXES) {
      if (cls.startsWith(p)) return true;
    }
    return false;
  }

  /** Generated proxies, lambdas, reflection accessors and synthetic frames. */
  static boolean isGenerated(StackFrame f) {
    String c = f.className();
    return c.contains("$$Lambda") || c.contains("$Proxy") || c.startsWith("com.sun.proxy.") || c.contains("$$EnhancerBy")
        || c.contains("$$FastClassBy") || c.contains("$$SpringCGLIB") || c.contains("$HibernateProxy")
        || c.contains("GeneratedMethodAccessor") || c.contains("GeneratedConstructorAccessor")
        || f.methodName().startsWith("lambda$") && f.fileName() == null;
  }
}
