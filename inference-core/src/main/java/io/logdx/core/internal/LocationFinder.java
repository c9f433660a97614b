package io.logdx.core.internal;

import io.logdx.core.CauseNode;
import io.logdx.core.Location;
import io.logdx.core.StackFrame;
import java.util.List;

/**
 * Finds the first frame of the application's own code in the innermost cause that has frames.
 *
 * <p>Configured package prefixes decide first, and they override the list of known libraries: an
 * application under {@code org.apache.hadoop} configured as such finds its frames. Without them (or when no
 * frame matches them) auto-detection takes the first frame that is not the JDK, a well-known framework or
 * library, a test framework (JUnit, TestNG, Surefire, Gradle and IDE runners), a generated proxy, a lambda
 * or a reflection accessor.
 *
 * <p>Test code ({@code FooTest}, {@code TestFoo}, {@code FooTests}, {@code FooIT}, packages named
 * {@code test}) counts as the application's only when nothing else does: when a test fails inside the
 * code it tests, the location is the tested code, not the test method or a test helper.
 */
final class LocationFinder {
  /** Package prefixes that are never the application's own code when auto-detecting. */
  private static final String[] LIBRARY_PREFIXES = {
    "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala.", "groovy.",
    "org.springframework.", "org.hibernate.", "org.apache.", "com.zaxxer.", "org.h2.", "com.mysql.", "org.postgresql.",
    "oracle.jdbc.", "com.microsoft.sqlserver.", "org.mariadb.", "com.fasterxml.", "com.google.", "io.netty.",
    "reactor.", "io.micrometer.", "org.slf4j.", "ch.qos.logback.", "org.aspectj.", "io.grpc.", "okhttp3.", "okio.",
    "retrofit2.", "feign.", "io.github.resilience4j.", "org.eclipse.", "io.undertow.", "org.jboss.", "com.netflix.",
    "io.opentelemetry.", "io.micronaut.", "io.quarkus.", "io.vertx.", "org.glassfish.", "io.logdx.", "org.codehaus.",
    "akka.", "io.reactivex.", "rx.", "org.osgi.", "org.elasticsearch.", "org.opensearch.", "com.amazonaws.",
    "software.amazon.", "org.mybatis.", "org.jooq.", "org.flywaydb.", "org.liquibase.", "liquibase.", "io.lettuce.",
    "redis.clients.", "org.redisson.", "org.mongodb.", "com.mongodb.", "org.yaml.", "org.json.", "net.minidev.",
    "com.jayway.", "org.bouncycastle.", "io.jsonwebtoken.", "com.auth0.", "org.thymeleaf.", "freemarker.",
    "org.objectweb.", "net.sf.", "org.joda.", "lombok.",
    // test frameworks and runners: their frames are never the application
    "org.junit.", "junit.", "org.testng.", "org.mockito.", "net.bytebuddy.", "org.assertj.", "org.hamcrest.",
    "org.opentest4j.", "org.spockframework.", "org.gradle.", "worker.org.gradle.", "com.intellij.", "org.jetbrains.",
    "org.apache.maven.surefire.", "org.easymock.", "org.powermock.", "io.kotest.", "org.awaitility.",
  };

  private LocationFinder() {}

  static Location find(List<CauseNode> chain, int rootIndex, List<String> appPackages) {
    if (chain.isEmpty()) return null;
    // the innermost cause that has frames (causes read from messages have none); when its frames hold no
    // application code (a cause cut short, or thrown deep inside a library) the causes around it are asked
    int inner = -1;
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (!chain.get(i).frames().isEmpty()) {
        inner = i;
        break;
      }
    }
    if (inner < 0) return null;
    if (!appPackages.isEmpty()) {
      StackFrame f = firstOutwards(chain, inner, appPackages);
      if (f != null) return new Location(f, true);
    }
    StackFrame f = firstOutwards(chain, inner, null);
    return f == null ? null : new Location(f, false);
  }

  private static StackFrame firstOutwards(List<CauseNode> chain, int inner, List<String> prefixes) {
    for (int i = inner; i >= 0; i--) {
      List<StackFrame> frames = chain.get(i).frames();
      if (frames.isEmpty()) continue;
      StackFrame f = first(frames, prefixes, true);
      if (f == null) f = first(frames, prefixes, false);
      if (f != null) return f;
    }
    return null;
  }

  /** The first application frame: configured prefixes when given, else auto-detected. */
  private static StackFrame first(List<StackFrame> frames, List<String> prefixes, boolean skipTests) {
    for (StackFrame f : frames) {
      if (isGenerated(f)) continue;
      boolean app = prefixes != null ? matchesAny(f.className(), prefixes) : !isLibrary(f.className());
      if (app && !(skipTests && isTestCode(f.className()))) return f;
    }
    return null;
  }

  static boolean matchesAny(String cls, List<String> prefixes) {
    for (String p : prefixes) {
      String prefix = p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
      if (cls.startsWith(prefix) && (cls.length() == prefix.length() || cls.charAt(prefix.length()) == '.'
          || cls.charAt(prefix.length()) == '$')) {
        return true;
      }
    }
    return false;
  }

  static boolean isLibrary(String cls) {
    for (String p : LIBRARY_PREFIXES) {
      if (cls.startsWith(p)) return true;
    }
    return cls.startsWith(StackTraceParser.UNKNOWN_TYPE);
  }

  /** Test classes by the names build tools give them, and classes in packages named {@code test}. */
  static boolean isTestCode(String cls) {
    int dot = cls.lastIndexOf('.');
    String pkg = dot < 0 ? "" : cls.substring(0, dot);
    String simple = cls.substring(dot + 1);
    int dollar = simple.indexOf('$');
    String outer = dollar < 0 ? simple : simple.substring(0, dollar);
    if (outer.startsWith("Test") && (outer.length() == 4 || !Character.isLowerCase(outer.charAt(4)))) return true;
    if (outer.endsWith("Test") || outer.endsWith("Tests") || outer.endsWith("TestCase") || outer.endsWith("IT")) {
      return true;
    }
    return ("." + pkg + ".").contains(".test.") || ("." + pkg + ".").contains(".tests.");
  }

  /** Generated proxies, lambdas, reflection accessors and synthetic frames. */
  static boolean isGenerated(StackFrame f) {
    String c = f.className();
    return c.contains("$$Lambda") || c.contains("$Proxy") || c.startsWith("com.sun.proxy.") || c.startsWith("jdk.proxy")
        || c.contains("$$EnhancerBy") || c.contains("$$FastClassBy") || c.contains("$$SpringCGLIB")
        || c.contains("$HibernateProxy") || c.contains("$ByteBuddy$") || c.contains("$MockitoMock$")
        || c.contains("_$$_javassist") || c.contains("GeneratedMethodAccessor") || c.contains("GeneratedConstructorAccessor")
        || c.contains("GeneratedSerializationConstructorAccessor")
        || f.methodName().startsWith("lambda$") && f.fileName() == null;
  }
}
