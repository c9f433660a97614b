package io.logdx.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the shape of inference-core's public surface (issue 16): packages that depend on each other one way only,
 * few public types, no wide public constructors, and a module descriptor that exports the API alone. Read from the
 * compiled classes, so that a change to any of them is a deliberate one.
 */
class PublicSurfaceTest {
  /**
   * Half of the 34 public top-level types the module had before issue 16. 16 with issue 18's
   * {@code pipeline.SeenFailures} (the failures an appender saw and its diagnosis listeners, for the Spring Boot
   * starter's meters and actuator endpoint); its {@code Entry} and {@code Listener} are nested.
   */
  private static final int MAX_PUBLIC_TYPES = 17;

  /** A class file names another class of this module by its internal name. */
  private static final Pattern REFERENCE = Pattern.compile("io/logdx/core/((?:[a-z0-9_]+/)*)[A-Z]");

  @Test
  void packagesDependOnEachOtherOneWayOnly() throws Exception {
    Map<String, Set<String>> uses = packageDependencies();
    assertThat(uses.get("io.logdx.core"))
        .as("the values and stage interfaces depend on no other logdx package")
        .isEmpty();
    for (String from : uses.keySet()) {
      for (String to : uses.get(from)) {
        assertThat(reachable(uses, to))
            .as(from + " -> " + to + " and back: " + uses)
            .doesNotContain(from);
      }
    }
  }

  @Test
  void fewPublicTypes() throws Exception {
    List<String> publicTypes = new ArrayList<>();
    for (Class<?> c : classes()) {
      if (c.getEnclosingClass() == null && Modifier.isPublic(c.getModifiers()))
        publicTypes.add(c.getName());
    }
    assertThat(publicTypes)
        .as(String.join("\n", publicTypes))
        .hasSizeLessThanOrEqualTo(MAX_PUBLIC_TYPES);
  }

  @Test
  void noPublicConstructorTakesMoreThanFiveParameters() throws Exception {
    List<String> wide = new ArrayList<>();
    for (Class<?> c : classes()) {
      for (Constructor<?> k : c.getConstructors()) {
        if (k.getParameterCount() > 5) wide.add(k.toString());
      }
    }
    assertThat(wide).isEmpty();
  }

  @Test
  void theModuleExportsTheApiAndQualifiesTheRest() throws Exception {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(classesRoot().resolve("module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("io.logdx.core");
    Set<String> api =
        module.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(api)
        .containsExactly("io.logdx.core", "io.logdx.core.engine", "io.logdx.core.pipeline");
    Map<String, Set<String>> qualified = new TreeMap<>();
    module.exports().stream()
        .filter(ModuleDescriptor.Exports::isQualified)
        .forEach(e -> qualified.put(e.source(), new TreeSet<>(e.targets())));
    assertThat(qualified.get("io.logdx.core.stage1"))
        .containsExactly("io.logdx.benchmarks", "io.logdx.trainer");
    assertThat(qualified.values())
        .allSatisfy(targets -> assertThat(targets).allMatch(t -> t.startsWith("io.logdx.")));
    assertThat(module.opens()).isEmpty();
  }

  private static Set<String> reachable(Map<String, Set<String>> uses, String start) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(List.of(start));
    while (!todo.isEmpty()) {
      String p = todo.remove(todo.size() - 1);
      if (seen.add(p)) todo.addAll(uses.getOrDefault(p, Set.of()));
    }
    return seen;
  }

  /** For each package, the other packages of this module its class files name. */
  private static Map<String, Set<String>> packageDependencies()
      throws IOException, URISyntaxException {
    Path root = classesRoot();
    Map<String, Set<String>> uses = new TreeMap<>();
    for (Path f : classFiles(root)) {
      String pkg = packageOf(root.relativize(f.getParent()).toString().replace('\\', '/') + "/");
      Set<String> to = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
      // class names in the constant pool are modified UTF-8; this module's names are ASCII
      Matcher m = REFERENCE.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      while (m.find()) {
        String other = packageOf("io/logdx/core/" + m.group(1));
        if (!other.equals(pkg)) to.add(other);
      }
    }
    return uses;
  }

  private static String packageOf(String folder) {
    return folder.substring(0, folder.length() - 1).replace('/', '.');
  }

  private static List<Class<?>> classes() throws Exception {
    Path root = classesRoot();
    List<Class<?>> out = new ArrayList<>();
    for (Path f : classFiles(root)) {
      String name = root.relativize(f).toString().replace('\\', '/').replace('/', '.');
      out.add(
          Class.forName(
              name.substring(0, name.length() - ".class".length()),
              false,
              PublicSurfaceTest.class.getClassLoader()));
    }
    return out;
  }

  private static List<Path> classFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("io/logdx/core"))) {
      return files
          .filter(p -> p.toString().endsWith(".class"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The main classes folder (tests run on the class path, next to it). */
  private static Path classesRoot() throws URISyntaxException {
    return Path.of(Failure.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
