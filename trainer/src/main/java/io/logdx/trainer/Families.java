package io.logdx.trainer;

import io.logdx.trainer.model.Example;
import java.util.Map;
import java.util.Set;

/**
 * The library or ecosystem family of a training record, for leave-one-family-out evaluation ({@link LofoCommand}):
 * a held-out family stands for "a stack the model never saw".
 *
 * <p>Generated records are named {@code logdx-gen:<library>.<what>}; the first segment names the library, and a few
 * segments of one ecosystem are merged (Hadoop and HDFS, OpenSearch and Lucene, ...). Records of the JDK, the JVM,
 * the imaginary application and of constructed JDK-level formats are the {@link #CORE}: every Java service has them,
 * so they are never held out (holding the JDK out would leave no null_reference at all). Real training records
 * ({@code real-train.jsonl}) are two families: Hadoop with MapReduce and YARN, which share its code and libraries
 * (held out one project at a time, the other two taught it: 97-100% top-1), and ZooKeeper.
 */
final class Families {
  private Families() {}

  /** The family of records that every fold trains on. */
  static final String CORE = "core";

  /** First segments that are not a library: the JDK, the JVM, the application, text-only and JDK-level formats. */
  private static final Set<String> CORE_SEGMENTS =
      Set.of(
          "jdk",
          "jvm",
          "app",
          "constructed",
          "text",
          "lang",
          "shell",
          "system",
          "path",
          "config",
          "lib",
          "http",
          "rpc",
          "services",
          "xml-json-file-truncated");

  /** Segments of one ecosystem. */
  private static final Map<String, String> MERGED =
      Map.ofEntries(
          Map.entry("jdbc", "h2"),
          Map.entry("db", "h2"),
          Map.entry("spring-security", "spring"),
          Map.entry("jpa", "spring"),
          Map.entry("pool", "hikari"),
          Map.entry("hdfs", "hadoop"),
          Map.entry("remote-fs", "hadoop"),
          Map.entry("lucene", "opensearch-lucene"),
          Map.entry("opensearch", "opensearch-lucene"),
          Map.entry("akka", "typesafe-akka"),
          Map.entry("typesafe", "typesafe-akka"),
          Map.entry("cloud-sdk", "cloud"),
          Map.entry("protobuf", "binary-formats"),
          Map.entry("avro", "binary-formats"),
          Map.entry("compress", "binary-formats"),
          Map.entry("codec", "binary-formats"),
          Map.entry("curator", "zookeeper"),
          Map.entry("zkclient", "zookeeper"),
          Map.entry("jacksonxml", "jackson-formats"),
          Map.entry("jacksonyaml", "jackson-formats"),
          Map.entry("jacksoncsv", "jackson-formats"),
          Map.entry("commonscsv", "csv"),
          Map.entry("opencsv", "csv"),
          Map.entry("nimbus", "jwt"));

  static String of(Example e) {
    String src = e.source() == null ? "" : e.source();
    String group = e.group() == null ? "" : e.group();
    if (group.startsWith("logdx-gen:")) return ofScenario(group.substring("logdx-gen:".length()));
    if (src.startsWith("logdx-gen:")) return ofScenario(src.substring("logdx-gen:".length()));
    String project = project(e.id());
    return "real:" + (project.equals("mapreduce") || project.equals("yarn") ? "hadoop" : project);
  }

  static String ofScenario(String scenario) {
    int dot = scenario.indexOf('.');
    String first = dot < 0 ? scenario : scenario.substring(0, dot);
    if (CORE_SEGMENTS.contains(first)) return CORE;
    return MERGED.getOrDefault(first, first);
  }

  /** The project of a real-train record from its id ({@code lbr-HADOOP-10003-c1} -> {@code hadoop}). */
  static String project(String id) {
    String[] parts = id.split("-");
    return parts.length >= 2 ? parts[1].toLowerCase(java.util.Locale.ROOT) : id;
  }
}
