package io.logdx.core.internal;

import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.Location;
import io.logdx.core.Failure.StackFrame;
import java.util.List;

/**
 * Finds the first frame of the application's own code in the innermost cause that has frames.
 *
 * <p>Configured package prefixes decide first, and they override the list of known libraries: an
 * application under {@code org.apache.hadoop} configured as such finds its frames. Without them (or when no
 * frame matches them) auto-detection takes the first frame that is not the JDK, a well-known framework or
 * library, a test framework (JUnit, TestNG, Surefire, Gradle and IDE runners), a generated proxy, a lambda
 * or a reflection accessor. When a trace holds no such frame at all it is a library's own failure (a Hadoop
 * or Kafka log read without configuration): then the library is the application. Among several libraries it
 * is the one that owns the thread (the package root of the outermost frame, {@code org.apache.hadoop}), else
 * the first frame that is not the JDK, a test framework or generated code.
 *
 * <p>Test code ({@code FooTest}, {@code TestFoo}, {@code FooTests}, {@code FooIT}, packages named
 * {@code test}) counts as the application's only when nothing else does: when a test fails inside the
 * code it tests, the location is the tested code, not the test method or a test helper.
 */
final class LocationFinder {
  /** Package prefixes that are never the application's own code when auto-detecting. */
  private static final PackagePrefixes LIBRARY_PREFIXES =
      new PackagePrefixes(
          "java.",
          "javax.",
          "jakarta.",
          "jdk.",
          "sun.",
          "com.sun.",
          "kotlin.",
          "kotlinx.",
          "scala.",
          "groovy.",
          "org.springframework.",
          "org.hibernate.",
          "org.apache.",
          "com.zaxxer.",
          "org.h2.",
          "com.mysql.",
          "org.postgresql.",
          "oracle.jdbc.",
          "com.microsoft.sqlserver.",
          "org.mariadb.",
          "com.fasterxml.",
          "com.google.",
          "io.netty.",
          "reactor.",
          "io.micrometer.",
          "org.slf4j.",
          "ch.qos.logback.",
          "org.aspectj.",
          "io.grpc.",
          "okhttp3.",
          "okio.",
          "retrofit2.",
          "feign.",
          "io.github.resilience4j.",
          "org.eclipse.",
          "io.undertow.",
          "org.jboss.",
          "com.netflix.",
          "io.opentelemetry.",
          "io.micronaut.",
          "io.quarkus.",
          "io.vertx.",
          "org.glassfish.",
          "io.logdx.",
          "org.codehaus.",
          "akka.",
          "io.reactivex.",
          "rx.",
          "org.osgi.",
          "org.elasticsearch.",
          "org.opensearch.",
          "com.amazonaws.",
          "software.amazon.",
          "org.mybatis.",
          "org.jooq.",
          "org.flywaydb.",
          "org.liquibase.",
          "liquibase.",
          "io.lettuce.",
          "redis.clients.",
          "org.redisson.",
          "org.mongodb.",
          "com.mongodb.",
          "org.yaml.",
          "org.json.",
          "net.minidev.",
          "com.jayway.",
          "org.bouncycastle.",
          "io.jsonwebtoken.",
          "com.auth0.",
          "org.thymeleaf.",
          "freemarker.",
          "org.objectweb.",
          "net.sf.",
          "org.joda.",
          "lombok.",
          // test frameworks and runners: their frames are never the application
          "org.junit.",
          "junit.",
          "org.testng.",
          "org.mockito.",
          "net.bytebuddy.",
          "org.assertj.",
          "org.hamcrest.",
          "org.opentest4j.",
          "org.spockframework.",
          "org.gradle.",
          "worker.org.gradle.",
          "com.intellij.",
          "org.jetbrains.",
          "org.apache.maven.surefire.",
          "org.easymock.",
          "org.powermock.",
          "io.kotest.",
          "org.awaitility.",
          "com.carrotsearch.randomizedtesting.",
          "__randomizedtesting.");

  /** What the fallback for traces without application code still skips. */
  private static final PackagePrefixes RUNTIME_AND_TOOLING_PREFIXES =
      new PackagePrefixes(
          "java.",
          "javax.",
          "jakarta.",
          "jdk.",
          "sun.",
          "com.sun.",
          "kotlin.",
          "kotlinx.",
          "scala.",
          "groovy.",
          "org.junit.",
          "junit.",
          "org.testng.",
          "org.mockito.",
          "net.bytebuddy.",
          "org.assertj.",
          "org.hamcrest.",
          "org.opentest4j.",
          "org.spockframework.",
          "org.gradle.",
          "worker.org.gradle.",
          "com.intellij.",
          "org.jetbrains.",
          "org.apache.maven.surefire.",
          "org.apache.tools.ant.",
          "org.easymock.",
          "org.powermock.",
          "io.kotest.",
          "org.awaitility.",
          "com.carrotsearch.randomizedtesting.",
          "__randomizedtesting.",
          "io.logdx.");

  private LocationFinder() {}

  static Location find(List<CauseNode> chain, int rootIndex, List<String> appPackages) {
    if (chain.isEmpty()) return null;
    // the innermost cause that has frames (causes read from messages have none); when its frames
    // hold no application code (a cause cut short, or thrown deep inside a library) the causes
    // around it are asked
    int inner = -1;
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (!chain.get(i).frames().isEmpty()) {
        inner = i;
        break;
      }
    }
    if (inner < 0) return null;
    if (!appPackages.isEmpty()) {
      StackFrame f = firstOutwards(chain, inner, appPackages, false);
      if (f != null) return new Location(f, true);
    }
    StackFrame f = firstOutwards(chain, inner, null, false);
    if (f == null) {
      // a trace of a library's own code (Hadoop, Kafka, a JDBC driver...) without configured
      // packages: the library is the application. Among several libraries, the one that owns the
      // thread (the outermost frames, where main() or the worker loop runs) is the one being run;
      // the JDK, test runners and generated code never are.
      String owner = owner(chain);
      if (owner != null) f = firstOutwards(chain, inner, List.of(owner), false);
      if (f == null) f = firstOutwards(chain, inner, null, true);
    }
    return f == null ? null : new Location(f, false);
  }

  /** Organisations that host many projects: their projects are told apart by the third segment. */
  private static final List<String> UMBRELLAS =
      List.of(
          "org.apache",
          "org.eclipse",
          "com.github",
          "io.github",
          "org.jboss",
          "com.google",
          "org.springframework",
          "io.micronaut");

  /**
   * The package root of the code that owns the thread: the outermost frame of the outermost exception that
   * is not the JDK, a runner or generated ({@code org.apache.hadoop} for {@code org.apache.hadoop.mapred.Child.main}).
   */
  static String owner(List<CauseNode> chain) {
    List<StackFrame> frames = List.of();
    for (CauseNode n : chain) {
      if (!n.frames().isEmpty()) {
        frames = n.frames();
        break;
      }
    }
    for (int i = frames.size() - 1; i >= 0; i--) {
      StackFrame f = frames.get(i);
      if (isGenerated(f) || isRuntimeOrTooling(f.className())) continue;
      String[] parts = f.packageName().split("\\.");
      if (parts.length < 2) return null;
      String two = parts[0] + "." + parts[1];
      if (UMBRELLAS.contains(two)) return parts.length >= 3 ? two + "." + parts[2] : null;
      return two;
    }
    return null;
  }

  private static StackFrame firstOutwards(
      List<CauseNode> chain, int inner, List<String> prefixes, boolean libraries) {
    for (int i = inner; i >= 0; i--) {
      List<StackFrame> frames = chain.get(i).frames();
      if (frames.isEmpty()) continue;
      StackFrame f = first(frames, prefixes, libraries, true);
      if (f == null) f = first(frames, prefixes, libraries, false);
      if (f != null) return f;
    }
    return null;
  }

  /** The first application frame: configured prefixes when given, else auto-detected. */
  private static StackFrame first(
      List<StackFrame> frames, List<String> prefixes, boolean libraries, boolean skipTests) {
    for (StackFrame f : frames) {
      if (isGenerated(f)) continue;
      String cls = f.className();
      boolean app =
          prefixes != null
              ? matchesAny(cls, prefixes)
              : libraries ? !isRuntimeOrTooling(cls) : !isLibrary(cls);
      if (app && !(skipTests && isTestCode(cls))) return f;
    }
    return null;
  }

  /** The JDK and language runtimes, test frameworks, build tools and IDE runners: never a location. */
  static boolean isRuntimeOrTooling(String cls) {
    return RUNTIME_AND_TOOLING_PREFIXES.matches(cls)
        || cls.startsWith(StackTraceParser.UNKNOWN_TYPE);
  }

  static boolean matchesAny(String cls, List<String> prefixes) {
    for (String p : prefixes) {
      int len = p.endsWith(".") ? p.length() - 1 : p.length();
      if (cls.regionMatches(0, p, 0, len)
          && (cls.length() == len || cls.charAt(len) == '.' || cls.charAt(len) == '$')) {
        return true;
      }
    }
    return false;
  }

  static boolean isLibrary(String cls) {
    return LIBRARY_PREFIXES.matches(cls) || cls.startsWith(StackTraceParser.UNKNOWN_TYPE);
  }

  /**
   * Test classes by the names build tools give them, and classes in packages named {@code test}. Asked of
   * every application frame of every parsed failure, so it looks at the name in place instead of cutting it up.
   */
  static boolean isTestCode(String cls) {
    int dot = cls.lastIndexOf('.');
    int start = dot + 1;
    int dollar = cls.indexOf('$', start);
    int end = dollar < 0 ? cls.length() : dollar; // the outermost simple name is [start, end)
    if (cls.startsWith("Test", start)
        && (end - start == 4 || !Character.isLowerCase(cls.charAt(start + 4)))) return true;
    if (endsWith(cls, start, end, "Test")
        || endsWith(cls, start, end, "Tests")
        || endsWith(cls, start, end, "TestCase")
        || endsWith(cls, start, end, "IT")) {
      return true;
    }
    return dot > 0 && (hasSegment(cls, dot, "test") || hasSegment(cls, dot, "tests"));
  }

  private static boolean endsWith(String s, int start, int end, String suffix) {
    int from = end - suffix.length();
    return from >= start && s.startsWith(suffix, from);
  }

  /** Whether the package {@code s[0, end)} has a segment equal to {@code segment}. */
  private static boolean hasSegment(String s, int end, String segment) {
    int from = 0;
    while (true) {
      int i = s.indexOf(segment, from);
      if (i < 0 || i + segment.length() > end) return false;
      if ((i == 0 || s.charAt(i - 1) == '.')
          && (i + segment.length() == end || s.charAt(i + segment.length()) == '.')) {
        return true;
      }
      from = i + 1;
    }
  }

  /** Generated proxies, lambdas, reflection accessors and synthetic frames. */
  static boolean isGenerated(StackFrame f) {
    String c = f.className();
    // asked of every frame looked at: the names with a '$' and those with "Generated" are checked
    // only when the name holds one
    if (c.indexOf('$') >= 0
        && (c.contains("$$Lambda")
            || c.contains("$Proxy")
            || c.contains("$$EnhancerBy")
            || c.contains("$$FastClassBy")
            || c.contains("$$SpringCGLIB")
            || c.contains("$HibernateProxy")
            || c.contains("$ByteBuddy$")
            || c.contains("$MockitoMock$")
            || c.contains("_$$_javassist"))) {
      return true;
    }
    if (c.startsWith("com.sun.proxy.") || c.startsWith("jdk.proxy")) return true;
    if (c.contains("Generated")
        && (c.contains("GeneratedMethodAccessor")
            || c.contains("GeneratedConstructorAccessor")
            || c.contains("GeneratedSerializationConstructorAccessor"))) {
      return true;
    }
    return f.methodName().startsWith("lambda$") && f.fileName() == null;
  }
}
