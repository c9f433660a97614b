package io.logdx.examples.boot;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The starter's startup cost: timed starts of the demo app (web, random port) in fresh JVMs, alternating
 * without the starter (its jars off the class path), with it (model loaded in the background, the starter's
 * default), with it loading the model before the start goes on ({@code logdx.model-loading=blocking}) and with
 * no model at all ({@code logdx.model=rules}: what the starter costs apart from the model). A
 * fresh JVM per start, because most of what a starter costs is class loading, which one warm JVM would hide.
 * Not a test: run by hand after {@code package} (see the starter's README), from this module's folder.
 *
 * <pre>
 * java -cp "target/test-classes:target/classes:target/lib/*" io.logdx.examples.boot.StartupCost 9
 * </pre>
 */
public final class StartupCost {
  private StartupCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    // absolute: the starts run in a scratch folder (the demo writes its log file relative to it)
    String cp =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(e -> Path.of(e).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
    String without =
        Arrays.stream(cp.split(File.pathSeparator))
            .filter(e -> !Path.of(e).getFileName().toString().startsWith("logdx-"))
            .collect(Collectors.joining(File.pathSeparator));
    Map<String, List<String>> arms = new LinkedHashMap<>();
    arms.put("without starter", command(without));
    arms.put("starter, background", command(cp));
    arms.put("starter, blocking", command(cp, "--logdx.model-loading=blocking"));
    arms.put("starter, rules only", command(cp, "--logdx.model=rules"));
    Map<String, List<long[]>> results = new LinkedHashMap<>();
    arms.keySet().forEach(k -> results.put(k, new ArrayList<>()));
    Path dir = Files.createTempDirectory("startup-cost");
    for (String arm : arms.keySet()) start(arms.get(arm), dir); // warm the page cache
    List<String> order = new ArrayList<>(arms.keySet());
    for (int r = 0; r < rounds; r++) {
      for (String arm : order) results.get(arm).add(start(arms.get(arm), dir));
      order.add(order.remove(0)); // rotate, so that no arm always runs first
    }
    System.out.printf(
        "%-22s %8s %11s %8s   (median of %d starts, ms; then every start's run() / CPU)%n",
        "", "run()", "JVM uptime", "CPU", rounds);
    for (var e : results.entrySet()) {
      System.out.printf(
          "%-22s %8d %11d %8d   %s%n",
          e.getKey(),
          median(e.getValue(), 0),
          median(e.getValue(), 1),
          median(e.getValue(), 2),
          e.getValue().stream().map(v -> v[0] + "/" + v[2]).collect(Collectors.joining(" ")));
    }
  }

  private static List<String> command(String classPath, String... extra) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-cp");
    c.add(classPath);
    c.add(StartupProbe.class.getName());
    c.add("--server.port=0");
    c.add("--spring.main.banner-mode=off");
    c.addAll(List.of(extra));
    return c;
  }

  private static long[] start(List<String> command, Path dir)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    long[] out = null;
    StringBuilder log = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        log.append(line).append('\n');
        if (line.startsWith("STARTUP ")) {
          String[] f = line.substring(8).split(" ");
          out =
              new long[] {
                Long.parseLong(f[0].substring("run=".length())),
                Long.parseLong(f[1].substring("uptime=".length())),
                Long.parseLong(f[2].substring("cpu=".length()))
              };
        }
      }
    }
    if (p.waitFor() != 0 || out == null) {
      throw new IllegalStateException("start failed: " + command + "\n" + log);
    }
    return out;
  }

  private static long median(List<long[]> values, int index) {
    long[] v = values.stream().mapToLong(a -> a[index]).sorted().toArray();
    return v[v.length / 2];
  }
}
