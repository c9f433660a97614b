package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.login.LoginContext;

/**
 * Settings of server and data systems read from real configuration files at start-up: OpenSearch node and index
 * settings validated by OpenSearch's own code ("unknown setting [...] did you mean ...", values that do not parse),
 * analysis components and codecs named in an index configuration and looked up by Lucene's SPI loaders, HOCON files
 * read by Typesafe Config (Akka, Play, the DataStax driver), JDK look-ups fed from a property (file-system providers
 * for a URI scheme, URL protocols, charsets, time zones, JAAS login entries), and settings checks whose messages are
 * those of Kafka, Hadoop, ZooKeeper, Flink, Spark and Cassandra, run over the file's values and shown under those
 * systems' exception types (T). Rule 5: the bad value comes from configuration, so the label is
 * {@code configuration_error} although most types are {@code IllegalArgumentException} or {@code IOException}.
 */
final class ServerConfigScenarios {
  private ServerConfigScenarios() {}

  static {
    // OpenSearch logs through the Log4j API: without a provider it prints an error line at first use
    if (System.getProperty("log4j2.loggerContextFactory") == null) {
      System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }
  }

  /** A start-up failure wrapper; the message is the cause's {@code toString()} as in OpenSearch's StartupException. */
  static final class StartupFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StartupFailure(String message, Throwable cause) {
      super(message == null ? cause.toString() : message, cause);
    }
  }

  /** A system's own configuration exception type (shown under Kafka's, ZooKeeper's, Cassandra's... names). */
  static final class ConfigFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigFailure(String message) {
      super(message);
    }

    ConfigFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Same, for systems whose configuration exception is checked. */
  static final class CheckedConfigFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CheckedConfigFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Loads and validates node settings the way a search node does at start-up. */
  static final class NodeSettingsLoader {
    private static org.opensearch.common.settings.ClusterSettings cluster;

    static synchronized org.opensearch.common.settings.ClusterSettings cluster() {
      if (cluster == null) {
        cluster = new org.opensearch.common.settings.ClusterSettings(org.opensearch.common.settings.Settings.EMPTY,
            org.opensearch.common.settings.ClusterSettings.BUILT_IN_CLUSTER_SETTINGS);
      }
      return cluster;
    }

    static org.opensearch.common.settings.Settings load(Path file) throws IOException {
      return org.opensearch.common.settings.Settings.builder().loadFromPath(file).build();
    }

    static void validateNode(org.opensearch.common.settings.Settings s) {
      cluster().validate(s, true);
    }

    static void validateIndex(org.opensearch.common.settings.Settings s) {
      org.opensearch.common.settings.IndexScopedSettings.DEFAULT_SCOPED_SETTINGS.validate(s, true);
    }
  }

  /** Builds the analyzers and codec named in an index definition with Lucene's named-component loaders. */
  static final class IndexSchemaLoader {
    static Object analyzer(String tokenizer, List<String> filters, Map<String, String> params) throws IOException {
      var b = org.apache.lucene.analysis.custom.CustomAnalyzer.builder().withTokenizer(tokenizer);
      for (String f : filters) {
        if (f.equals(filters.get(filters.size() - 1)) && !params.isEmpty()) b.addTokenFilter(f, new LinkedHashMap<>(params));
        else b.addTokenFilter(f);
      }
      return b.build();
    }

    static Object codec(String kind, String name) {
      return switch (kind) {
        case "postings" -> org.apache.lucene.codecs.PostingsFormat.forName(name);
        case "docvalues" -> org.apache.lucene.codecs.DocValuesFormat.forName(name);
        default -> org.apache.lucene.codecs.Codec.forName(name);
      };
    }
  }

  /** Looks up a file system, endpoint, charset, time zone or login entry named by a property. */
  static final class ResourceBinder {
    final Properties props;

    ResourceBinder(Properties props) {
      this.props = props;
    }

    Object bind(String key) throws Exception {
      String v = props.getProperty(key).trim();
      if (key.endsWith(".uri") || key.endsWith(".path") || key.endsWith(".root")) {
        URI uri = URI.create(v);
        if (v.hashCode() % 2 == 0) return FileSystems.newFileSystem(uri, Map.of());
        return Path.of(uri);
      }
      if (key.endsWith(".url") || key.endsWith(".endpoint")) return URI.create(v).toURL();
      if (key.endsWith("charset") || key.endsWith("encoding")) return Charset.forName(v);
      if (key.endsWith("zone") || key.endsWith("timezone")) return ZoneId.of(v);
      throw new IllegalStateException("no binder for " + key);
    }
  }

  /** Reads a JAAS file and logs in with the entry that a client is configured to use. */
  static final class JaasLogin {
    @SuppressWarnings("removal")
    static void login(Path jaasFile, String entry) throws Exception {
      javax.security.auth.login.Configuration conf = new com.sun.security.auth.login.ConfigFile(jaasFile.toUri());
      new LoginContext(entry, new javax.security.auth.Subject(), callbacks -> { }, conf).login();
    }
  }

  /** Checks of the kind data systems run over their settings, with those systems' messages. */
  static final class SystemSettingsCheck {
    final Map<String, String> values;
    final Ctx c;

    SystemSettingsCheck(Map<String, String> values, Ctx c) {
      this.values = values;
      this.c = c;
    }

    void kafkaClient(String key, String type) {
      String v = values.get(key);
      if (v == null) throw new ConfigFailure("Missing required configuration \"" + key + "\" which has no default value.");
      switch (type) {
        case "INT", "LONG" -> {
          try {
            Long.parseLong(v.trim());
          } catch (NumberFormatException e) {
            throw new ConfigFailure("Invalid value " + v + " for configuration " + key + ": Not a number of type " + type);
          }
          if (Long.parseLong(v.trim()) < 0) {
            throw new ConfigFailure("Invalid value " + v + " for configuration " + key + ": Value must be at least 0");
          }
        }
        case "ACKS" -> {
          if (!List.of("all", "-1", "0", "1").contains(v)) {
            throw new ConfigFailure("Invalid value " + v + " for configuration " + key + ": String must be one of: all, -1, 0, 1");
          }
        }
        case "CLASS" -> {
          try {
            Class.forName(v, false, getClass().getClassLoader());
          } catch (ClassNotFoundException e) {
            throw new ConfigFailure("Invalid value " + v + " for configuration " + key + ": Class " + v + " could not be found.");
          }
        }
        case "URLS" -> {
          for (String url : v.split(",")) {
            int colon = url.lastIndexOf(':');
            if (colon < 0) throw new ConfigFailure("Invalid url in bootstrap.servers: " + url.trim());
            try {
              Integer.parseInt(url.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
              throw new ConfigFailure("Invalid url in bootstrap.servers: " + url.trim());
            }
          }
          throw new ConfigFailure("No resolvable bootstrap urls given in bootstrap.servers");
        }
        default -> throw new IllegalStateException(type);
      }
    }

    /** Hadoop's NetUtils.createSocketAddr over a host:port value of a property. */
    void hadoopAuthority(String key) {
      String target = values.get(key);
      URI uri;
      try {
        uri = new URI("dummyscheme://" + target);
      } catch (java.net.URISyntaxException e) {
        uri = null;
      }
      if (uri == null || uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException("Does not contain a valid host:port authority: " + target
            + " (configuration property '" + key + "')");
      }
    }

    void hadoopFileSystem(String key) throws IOException {
      String scheme = URI.create(values.get(key)).getScheme();
      if (!Set.of("hdfs", "file", "viewfs").contains(scheme)) throw new IOException("No FileSystem for scheme: " + scheme);
    }

    void hadoopNameNode() throws IOException {
      if (!values.containsKey("dfs.namenode.rpc-address") && !values.containsKey("dfs.namenode.servicerpc-address")) {
        throw new IOException("Incorrect configuration: namenode address dfs.namenode.servicerpc-address or "
            + "dfs.namenode.rpc-address is not configured.");
      }
    }

    void kafkaBroker() {
      String adv = values.getOrDefault("advertised.listeners", "");
      scala.Predef.require(!adv.contains("0.0.0.0"), () ->
          "advertised.listeners cannot use the nonroutable meta-address 0.0.0.0. Use a routable IP address.");
      String listener = values.getOrDefault("inter.broker.listener.name", "PLAINTEXT");
      scala.Predef.require(adv.startsWith(listener + "://"), () ->
          "inter.broker.listener.name must be a listener name defined in advertised.listeners. The valid options based on "
              + "currently configured listeners are " + adv.replaceAll("://[^,]*", ""));
    }

    void zookeeper(String shownFile) throws CheckedConfigFailure {
      try {
        if (!values.containsKey("dataDir")) throw new IllegalArgumentException("dataDir is not set");
        String tick = values.get("tickTime");
        if (tick != null) Integer.parseInt(tick.trim());
        for (Map.Entry<String, String> e : values.entrySet()) {
          if (e.getKey().startsWith("server.") && !e.getValue().matches("[\\w.-]+:\\d+:\\d+(:\\w+)?(;\\d+)?")) {
            throw new CheckedConfigFailure(e.getValue() + " does not have the form host:port or host:port:port  or "
                + "host:port:port:type", null);
          }
        }
      } catch (IllegalArgumentException e) {
        throw new CheckedConfigFailure("Error processing " + shownFile, e);
      }
    }

    void flink(String key) {
      String v = values.get(key);
      if (key.startsWith("taskmanager.memory")) {
        throw new ConfigFailure("Either required fine-grained memory (taskmanager.memory.task.heap.size and "
            + "taskmanager.memory.managed.size), or Total Flink Memory size (Key: 'taskmanager.memory.flink.size' , "
            + "default: null (fallback keys: [])), or Total Process Memory size (Key: 'taskmanager.memory.process.size' , "
            + "default: null (fallback keys: [])) need to be configured explicitly.");
      }
      try {
        Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(String.format("Could not parse value '%s' for key '%s'.", v, key),
            c.s.chance(0.3) ? e : null);
      }
    }

    void spark() {
      String master = values.get("spark.master");
      if (master == null) throw new ConfigFailure("A master URL must be set in your configuration");
      if (!values.containsKey("spark.app.name")) throw new ConfigFailure("An application name must be set in your configuration");
      if (!master.matches("(local(\\[[\\d*]+\\])?|yarn|spark://.+|k8s://.+|mesos://.+)")) {
        throw new ConfigFailure("Could not parse Master URL: '" + master + "'");
      }
    }

    void cassandra(Path yaml, Set<String> known) throws IOException {
      try (Reader r = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
        Map<String, Object> doc = new org.yaml.snakeyaml.Yaml().load(r);
        Set<String> unknown = new TreeSet<>(doc.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
          throw new ConfigFailure("Invalid yaml. Please remove properties " + unknown + " from your cassandra.yaml");
        }
      }
    }
  }

  private static String shownDir(Ctx c, String... dirs) {
    String dir = c.s.pick(dirs);
    c.text(c.res.tempDir().toString(), dir);
    return dir;
  }

  private static Path tempFile(Ctx c, String shownName, String body) throws IOException {
    int dot = shownName.lastIndexOf('.');
    String real = (dot > 0 ? shownName.substring(0, dot) : shownName) + "-" + c.s.digits(8) + (dot > 0 ? shownName.substring(dot) : "");
    Path file = c.res.tempDir().resolve(real);
    c.text(real, shownName);
    Files.writeString(file, body, StandardCharsets.UTF_8);
    return file;
  }

  /** Wraps a start-up failure the way servers' launchers do, or leaves it as thrown. */
  private static Throwable startup(Ctx c, Throwable t, double p, String... types) {
    if (!c.s.chance(p)) return t;
    c.type(StartupFailure.class, c.s.pick(types));
    String msg = switch (c.rnd.nextInt(4)) {
      case 0 -> null;
      case 1 -> c.s.pick("Error starting node", "Failed to start server", "Application startup failed",
          "Fatal error during startup", "Exception encountered during startup", "Failed to initialize component");
      case 2 -> "Invalid configuration: " + t.getMessage();
      default -> c.s.pick("Error starting ", "Failed to load configuration for ", "Cannot start ")
          + c.s.pick("search node", "indexer", "ingest worker", "stream processor", "broker", "gateway");
    };
    return new StartupFailure(msg, t);
  }

  private static final String[] NODE_UNKNOWN = {
      "cluster.routing.allocaton.enable", "cluster.routing.allocation.disk.watermark.hgih", "xpack.security.enabled",
      "xpack.monitoring.enabled", "discovery.zen.minimum_master_nodes",
      "node.max_local_storage_node", "bootstrap.mlockall", "script.inline", "http.cors.enable",
      "indices.breaker.total.limt", "action.destructive_requires_nam", "search.max_bucket", "plugins.security.ssl.http.enabled",
      "thread_pool.search.queue", "cluster.routing.allocation.same_shard.hosts", "gateway.recover_after_node"};
  // Integer settings that do not parse carry OpenSearch's NumberFormatException as the cause, which rule 4 gives to
  // number_format: few of those here, mostly values that parse but are out of range, units and enums
  private static final String[][] NODE_BAD = {
      {"cluster.routing.allocation.enable", "bogus"}, {"cluster.routing.allocation.enable", "yes"},
      {"cluster.routing.rebalance.enable", "everything"}, {"cluster.info.update.interval", "30"},
      {"cluster.routing.allocation.node_concurrent_recoveries", "two"}, {"search.default_search_timeout", "10"},
      {"cluster.routing.allocation.cluster_concurrent_rebalance", "-2"}, {"indices.recovery.max_bytes_per_sec", "40mbps"},
      {"cluster.max_shards_per_node", "0"}, {"cluster.routing.allocation.allow_rebalance", "sometimes"}};
  private static final String[][] INDEX_BAD = {
      {"index.number_of_shards", "abc"}, {"index.number_of_shards", "0"}, {"index.refresh_interval", "5"},
      {"index.number_of_replica", "1"}, {"index.max_result_window", "0"}, {"index.translog.durability", "sometimes"},
      {"index.refresh_intervall", "30s"}, {"index.mapping.total_fields.limit", "-1"}, {"index.number_of_routing_shard", "8"},
      {"index.blocks.read_only_allow_delete", "maybe"}, {"index.max_ngram_diff", "-3"}, {"index.gc_deletes", "60"}};

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("configuration_error", "opensearch.settings-file", c -> {
      String dir = shownDir(c, "/etc/opensearch", "/usr/share/opensearch/config", "/etc/elasticsearch",
          "/usr/share/elasticsearch/config", "/opt/search/config");
      // a file that does not parse at all is left to config.parse-failure-wrapped: here the settings are wrong
      int k = c.rnd.nextInt(5);
      boolean index = k == 4;
      StringBuilder yml = new StringBuilder();
      yml.append("cluster.name: ").append(c.s.pick("search-prod", "logs", "catalog", "es-cluster")).append('\n');
      String bad;
      if (k == 0 || k == 1) {
        String key = c.s.pick(NODE_UNKNOWN);
        bad = key + ": " + c.s.pick("true", "false", "2", "\"*\"", "[\"10.0.0.1\", \"10.0.0.2\"]", "90%");
      } else if (index) {
        String[] kv = c.s.pick(INDEX_BAD);
        bad = kv[0] + ": " + kv[1];
      } else if (k == 5) {
        bad = c.s.pick("network.host: 0.0.0.0\n  http.port: 9200", "discovery.seed_hosts: [\"node-1\", \"node-2\"",
            "path.data: /var/lib/search\n\tpath.logs: /var/log/search", "node.roles: [ data, ingest\nhttp.port: 9200");
      } else {
        String[] kv = c.s.pick(NODE_BAD);
        bad = kv[0] + ": " + kv[1];
      }
      yml.append(bad).append('\n');
      Path file = tempFile(c, index ? c.s.pick("index-settings.yml", "template.yml") : c.s.pick("opensearch.yml",
          "elasticsearch.yml"), yml.toString());
      c.use(dir);
      Throwable t = fail(() -> {
        var settings = NodeSettingsLoader.load(file);
        if (index) NodeSettingsLoader.validateIndex(settings.filter(s -> s.startsWith("index.")));
        else NodeSettingsLoader.validateNode(settings.filter(s -> !s.equals("cluster.name")));
      });
      Files.deleteIfExists(file);
      return startup(c, t, 0.45, "org.opensearch.bootstrap.StartupException", "org.opensearch.bootstrap.StartupException",
          "NodeStartupException", "org.opensearch.common.settings.SettingsException");
    }));
    l.add(cheap("configuration_error", "lucene.named-component", c -> {
      // the loaders list the names they know in hash order, which differs between JVM runs: shown sorted
      c.rewrite("supports the following names: \\[([^\\]]*)\\]", m -> "supports the following names: ["
          + String.join(", ", new TreeSet<>(List.of(m.group(1).split(", ")))) + "]");
      int k = c.rnd.nextInt(4);
      String field = c.s.pick("title", "body", "name_ko", "address", "description", "merchant_name", "memo");
      Throwable t = fail(() -> {
        switch (k) {
          case 0 -> IndexSchemaLoader.analyzer(c.s.pick("whitespce", "standardTokenizer", "icu", "nori", "kuromoji",
              "smartcn", "standard_tokenizer", "ngram_tokenizer", "path_hierarchy"), List.of("lowercase"), Map.of());
          case 1 -> IndexSchemaLoader.analyzer("standard", List.of("lowercase", c.s.pick("asciifold", "standardFilter",
              "nori_part_of_speech", "icu_folding", "word_delimiter_graph", "snowball", "stopFilter", "synonym_graph",
              "edge_ngram", "kstemmer")), Map.of());
          case 2 -> IndexSchemaLoader.analyzer("whitespace", List.of(c.s.pick("lowercase", "stop", "length")),
              Map.of(c.s.pick("ignore_case", "min_gram", "max", "stopwords_path", "language"), c.s.pick("true", "2", "ko")));
          default -> {
            // older format names still resolve for postings and doc values (backward codecs): codecs only
            String kind = c.s.pick("codec", "codec", "postings", "docvalues");
            IndexSchemaLoader.codec(kind, kind.equals("codec") ? c.s.pick("Lucene40", "Lucene50", "Lucene54", "Lucene62",
                "Lucene101", "Lucene103", "best_compression", "zstd") : c.s.pick("BloomFilter", "Direct", "Memory", "Lucene101",
                "Lucene40", "FST50"));
          }
        }
      });
      if (c.s.chance(0.35)) {
        c.type(ConfigFailure.class, c.s.pick("org.apache.solr.common.SolrException", "IndexConfigurationException",
            "SchemaException"));
        String type = k == 3 ? "codec" : k == 0 ? "tokenizer" : "filter";
        t = new ConfigFailure(c.s.pick("Plugin init failure for [schema.xml] fieldType \"text_" + field + "\": Plugin init "
                + "failure for [schema.xml] analyzer/" + type + ": " + t.getMessage(),
            "Could not load conf for core " + c.s.pick("products", "merchants", "logs", "ledger") + ": Can't load schema "
                + c.s.pick("managed-schema", "schema.xml") + ": " + t.getMessage(),
            "Failed to build analyzer for field [" + field + "] from index configuration", "Invalid index schema: field ["
                + field + "]"), t);
      }
      return startup(c, t, 0.15, "IndexerStartupException", "org.opensearch.bootstrap.StartupException");
    }));
    l.add(cheap("configuration_error", "typesafe.config-file", c -> {
      String dir = shownDir(c, "/etc/app", "/opt/app/conf", "/app/conf", "/etc/akka", "/opt/play/conf");
      String name = c.s.pick("application.conf", "application.conf", "reference.conf", "production.conf", "datastax.conf");
      int k = c.s.pick(0, 1, 2, 3, 3, 5, 6);
      String system = c.s.pick("akka", "payments", "ledger", "play", "datastax-java-driver", "kamon", "pekko");
      String section = c.s.pick("remote.artery.canonical", "http.server", "cluster", "basic.request", "kafka.consumer",
          "db.default", "gateway.client");
      String leaf = c.s.pick("port", "timeout", "max-connections", "parallelism", "idle-timeout", "max-frame-size");
      String value = switch (k) {
        case 0 -> c.s.pick("\"abc\"", "\"eight\"", "\"${PORT}\"", "true", "\"\"");
        case 1 -> c.s.pick("5 parsecs", "30 seg", "1.5x", "ten seconds", "PT", "5 minuts");
        case 2 -> c.s.pick("128 MiBs", "2 gigs", "10 kbits", "lots");
        case 4 -> c.s.pick("[1, 2", "{ a = 1 ", "\"unterminated", "1 }}", "= 5");
        case 5 -> "${?" + c.s.pick("APP_SECRET", "DB_URL") + "} ${" + system + ".missing." + leaf + "}";
        default -> "1";
      };
      String body = "# " + name + "\n" + system + " {\n  " + section + " {\n    " + leaf + " = " + value + "\n  }\n}\n";
      Path file = tempFile(c, name, body);
      c.use(dir);
      String path = system + "." + section + "." + leaf;
      String missing = system + "." + c.s.pick("gateway.base-url", "cluster.seed-nodes", "basic.contact-points",
          "basic.load-balancing-policy.local-datacenter", "http.server.interface", "kafka.bootstrap-servers",
          "actor.provider", "secret.key", "db.default.url");
      Throwable t = fail(() -> {
        com.typesafe.config.Config cfg = com.typesafe.config.ConfigFactory.parseFile(file.toFile(),
            com.typesafe.config.ConfigParseOptions.defaults().setAllowMissing(false));
        cfg = cfg.resolve();
        switch (k) {
          case 0 -> c.use(cfg.getInt(path));
          case 1 -> c.use(cfg.getDuration(path));
          case 2 -> c.use(cfg.getBytes(path));
          case 3 -> c.use(c.s.chance(0.5) ? cfg.getString(missing) : cfg.getConfig(missing));
          case 6 -> c.use(c.s.chance(0.5) ? cfg.getStringList(path) : cfg.getBoolean(path));
          default -> c.use(cfg.getString(path));
        }
      });
      Files.deleteIfExists(file);
      if (c.s.chance(0.25)) {
        c.type(ConfigFailure.class, c.s.pick("akka.ConfigurationException", "org.apache.pekko.ConfigurationException",
            "com.datastax.oss.driver.api.core.config.DriverConfigException", "ConfigurationException"));
        t = new ConfigFailure(c.s.pick("Could not load configuration from " + dir + "/" + name,
            "Invalid configuration for [" + system + "]: " + t.getMessage(), "Failed to start actor system: " + t.getMessage()),
            c.s.chance(0.7) ? t : null);
      }
      return t;
    }));
    l.add(cheap("configuration_error", "pool.config-validation", c -> {
      String dir = shownDir(c, "/etc/app", "/opt/app/config", "/app/config", "/etc/ledger", "/opt/batch/conf");
      int k = c.rnd.nextInt(6);
      Properties p = new Properties();
      p.setProperty("jdbcUrl", "jdbc:h2:mem:pool_" + c.s.digits(4));
      Throwable t;
      switch (k) {
        case 0 -> {
          // a property name the pool does not have (typo, Spring's kebab case, another pool's name)
          p.setProperty(c.s.pick("maxPoolSize", "maximumPoolsize", "poolSize", "jdbc-url", "idleTimout", "maxLifeTime",
              "connectionTimeoutMs", "maxActive", "initialSize", "testOnBorrow", "validationQuery"), c.s.pick("10", "30000", "true"));
          t = fail(() -> new com.zaxxer.hikari.HikariConfig(p));
        }
        case 1 -> {
          // HikariCP 6 reads "30s" as a duration; values that do not parse at all would make a NumberFormatException root
          String[][] bad = {{"maximumPoolSize", "0"}, {"maximumPoolSize", "-5"}, {"maximumPoolSize", "-1"},
              {"minimumIdle", "-1"}, {"connectionTimeout", "100"}, {"connectionTimeout", "-1"}, {"idleTimeout", "-5"},
              {"idleTimeout", "-1"}, {"validationTimeout", "100"}, {"validationTimeout", "50"}};
          String[] kv = c.s.pick(bad);
          p.setProperty(kv[0], kv[1]);
          t = fail(() -> {
            com.zaxxer.hikari.HikariConfig cfg = new com.zaxxer.hikari.HikariConfig(p);
            cfg.setMaximumPoolSize(cfg.getMaximumPoolSize() > 0 ? cfg.getMaximumPoolSize() : 0);
            cfg.validate();
          });
        }
        case 2 -> {
          Path missing = c.res.tempDir().resolve(c.s.pick("hikari.properties", "datasource.properties", "db-pool.properties"));
          t = fail(() -> new com.zaxxer.hikari.HikariConfig(missing.toString()));
        }
        case 3 -> {
          p.remove("jdbcUrl");
          if (c.s.chance(0.5)) p.setProperty("driverClassName", "org.h2.Driver");
          t = fail(() -> new com.zaxxer.hikari.HikariConfig(p).validate());
        }
        case 4 -> {
          // Spring Boot's prefixed, kebab-case keys handed to the pool as they are (a driver class that is not on the
          // class path would be class_loading, so none here)
          p.setProperty("spring.datasource.hikari." + c.s.pick("maximum-pool-size", "connection-timeout", "minimum-idle",
              "pool-name", "max-lifetime"), c.s.pick("20", "30000", "ledger-pool"));
          t = fail(() -> new com.zaxxer.hikari.HikariConfig(p));
        }
        default -> {
          // a JdbcTemplate / TransactionTemplate bean defined without the property it needs
          org.springframework.beans.factory.support.DefaultListableBeanFactory bf =
              new org.springframework.beans.factory.support.DefaultListableBeanFactory();
          int b = c.rnd.nextInt(3);
          Class<?> type = b == 0 ? org.springframework.jdbc.core.JdbcTemplate.class : b == 1
              ? org.springframework.transaction.support.TransactionTemplate.class
              : org.springframework.jdbc.datasource.DataSourceTransactionManager.class;
          String name = b == 0 ? c.s.pick("jdbcTemplate", "ledgerJdbcTemplate", "batchJdbcTemplate")
              : b == 1 ? c.s.pick("transactionTemplate", "requiresNewTemplate") : c.s.pick("transactionManager", "txManager",
                  "batchTransactionManager");
          bf.registerBeanDefinition(name, new org.springframework.beans.factory.support.RootBeanDefinition(type));
          t = fail(() -> bf.getBean(name));
        }
      }
      if (k < 5 && c.s.chance(0.3)) {
        c.type(ConfigFailure.class, c.s.pick("DataSourceConfigurationException", "ConfigurationException"));
        t = new ConfigFailure(c.s.pick("Failed to create datasource from " + dir + "/application.properties",
            "Invalid connection pool configuration (spring.datasource.hikari)", "Cannot initialise pool '" + c.s.pick("ledger",
                "core", "batch") + "-pool' from configuration"), t);
      }
      return startup(c, t, 0.2, "ApplicationStartupException", "DataSourceInitializationException");
    }));
    l.add(cheap("configuration_error", "akka.not-configured", c -> {
      String id = c.s.pick("blocking-io-dispatcher", "my-dispatcher", "akka.actor.ledger-dispatcher", "db-dispatcher",
          "bounded-mailbox", "priority-mailbox", "kafka-consumer-dispatcher");
      com.typesafe.config.Config cfg = com.typesafe.config.ConfigFactory.parseString("akka.actor.default-dispatcher.throughput = 5");
      c.type(ConfigFailure.class, c.s.pick("akka.ConfigurationException", "org.apache.pekko.ConfigurationException"));
      return fail(() -> {
        if (!cfg.hasPath(id)) {
          throw new ConfigFailure(id.contains("mailbox") ? "Mailbox Type [" + id + "] not configured"
              : "Dispatcher [" + id + "] not configured");
        }
      });
    }));
    l.add(cheap("configuration_error", "jdk.config-bound-resource", c -> {
      String dir = shownDir(c, "/etc/app", "/opt/app/config", "/app/config", "/etc/ingest", "/opt/etl/conf");
      String name = c.s.pick("application.properties", "ingest.properties", "connector.properties", "app.properties");
      int k = c.rnd.nextInt(5);
      String key;
      String value;
      switch (k) {
        case 0 -> {
          key = c.s.pick("storage.archive.uri", "export.target.path", "warehouse.root", "checkpoint.uri", "spool.path");
          value = c.s.pick("s3://", "s3a://", "gs://", "hdfs://namenode:8020/", "abfs://lake@acct.dfs.core.windows.net/",
              "wasbs://", "oss://", "ftp://files.internal/") + c.s.pick("ledger-archive/", "raw/", "checkpoints/") + c.s.dateCompact();
        }
        case 1 -> {
          key = c.s.pick("search.endpoint", "partner.api.url", "webhook.url", "metrics.push.url", "registry.url");
          value = c.s.pick("s3://bucket/data", "es-node-1:9200", "hdfs://nn:8020/x", "kafka://broker:9092",
              "tcp://mq.internal:61616", "redis://cache:6379", "localhost:8080/api");
        }
        case 2 -> {
          key = c.s.pick("file.encoding", "export.charset", "csv.charset", "mail.encoding");
          value = c.s.pick("utf8mb4", "UTF-8-BOM", "KSC5601-87", "x-windows-99", "ms949x", "EUC_KRX", "UTF 8");
        }
        case 3 -> {
          key = c.s.pick("app.timezone", "batch.zone", "report.timezone", "scheduler.zone");
          value = c.s.pick("Asia/Soeul", "KST", "Korea/Seoul", "Europe/Frankfurt", "America/Bogata", "EST5", "UTC+25");
        }
        default -> {
          key = c.s.pick("KafkaClient", "Client", "KafkaServer", "com.sun.security.jgss.initiate", "Server", "HiveClient");
          value = "";
        }
      }
      if (k == 4) {
        String jaas = c.s.pick("KafkaServer", "Client", "RegistryClient") + " {\n  io.confluent.kafka.server.plugins.auth.FileBasedLoginModule required\n"
            + "  username=\"svc\";\n};\n";
        if (c.s.chance(0.3)) jaas = jaas.replace(" required\n", "\n");
        Path file = tempFile(c, c.s.pick("kafka_client_jaas.conf", "jaas.conf", "zookeeper_jaas.conf"), jaas);
        c.use(dir);
        String entry = key;
        Throwable t = fail(() -> JaasLogin.login(file, entry));
        Files.deleteIfExists(file);
        return startup(c, t, 0.3, "org.apache.kafka.common.KafkaException", "LoginConfigurationException");
      }
      Path file = tempFile(c, name, "# " + name + "\n" + key + "=" + value + "\n");
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(r);
      }
      Files.deleteIfExists(file);
      Throwable t = fail(() -> new ResourceBinder(props).bind(key));
      if (c.s.chance(0.5)) {
        c.type(ConfigFailure.class, c.s.pick("ConfigurationException", "InvalidConfigurationException",
            "org.apache.commons.configuration2.ex.ConversionException", "SettingsException"));
        t = new ConfigFailure(c.s.pick("Invalid value for property '" + key + "' in " + dir + "/" + name + ": " + value,
            "Invalid configuration: " + key + " must be a supported " + (k == 0 ? "file system URI" : k == 1 ? "URL"
                : k == 2 ? "charset" : "time-zone ID") + " (was '" + value + "')",
            "Failed to bind property " + key + "=" + value, "Configuration " + key + " is not valid: " + t.getMessage()), t);
      }
      return startup(c, t, 0.15, "ApplicationStartupException", "ConnectorStartupException");
    }));
    l.add(cheap("configuration_error", "system.settings-check", c -> {
      int k = c.rnd.nextInt(9);
      Map<String, String> v = new LinkedHashMap<>();
      String dir = shownDir(c, "/etc/kafka", "/opt/kafka/config", "/etc/hadoop/conf", "/opt/zookeeper/conf", "/opt/flink/conf",
          "/opt/spark/conf", "/etc/cassandra", "/conf");
      SystemSettingsCheck check = new SystemSettingsCheck(v, c);
      Throwable t;
      switch (k) {
        case 0, 1 -> {
          String[][] keys = {{"bootstrap.servers", "URLS"}, {"session.timeout.ms", "INT"}, {"max.poll.records", "INT"},
              {"acks", "ACKS"}, {"key.serializer", "CLASS"}, {"value.deserializer", "CLASS"}, {"fetch.max.bytes", "INT"},
              {"linger.ms", "LONG"}, {"group.id", "MISSING"}, {"sasl.jaas.config", "MISSING"}};
          String[] kt = c.s.pick(keys);
          String val = switch (kt[1]) {
            case "URLS" -> c.s.pick("kafka-1", "kafka-1:9092x", "broker.internal:", "PLAINTEXT://kafka-0:9092", "10.0.0.5:9092,kafka-2:90 92");
            case "INT", "LONG" -> c.s.pick("30s", "ten", "500ms", "-1", "1,000", "${POLL}");
            case "ACKS" -> c.s.pick("true", "2", "ALL", "none", "leader");
            case "CLASS" -> c.s.pick("com.acme.events.AvroSerializer", "io.confluent.kafka.serializers.KafkaAvroDeserializer",
                "org.apache.kafka.common.serialization.StringSerialiser", "JsonSerializer");
            default -> null;
          };
          if (val != null) v.put(kt[0], val);
          c.type(ConfigFailure.class, "org.apache.kafka.common.config.ConfigException");
          t = fail(() -> check.kafkaClient(kt[0], kt[1].equals("MISSING") ? "INT" : kt[1]));
          if (c.s.chance(0.4)) {
            c.type(StartupFailure.class, "org.apache.kafka.common.KafkaException");
            t = new StartupFailure("Failed to construct kafka " + c.s.pick("consumer", "producer", "admin client"), t);
          }
        }
        case 2 -> {
          v.put("advertised.listeners", c.s.pick("PLAINTEXT://0.0.0.0:9092", "SSL://kafka-0.internal:9093",
              "INTERNAL://kafka-1:19092,EXTERNAL://0.0.0.0:9092"));
          v.put("inter.broker.listener.name", c.s.pick("PLAINTEXT", "INTERNAL", "REPLICATION"));
          t = fail(check::kafkaBroker);
        }
        case 3 -> {
          String key = c.s.pick("yarn.resourcemanager.address", "fs.defaultFS", "dfs.namenode.rpc-address",
              "mapreduce.jobhistory.address", "yarn.resourcemanager.scheduler.address", "dfs.datanode.address");
          v.put(key, c.s.pick("rm-host", "0.0.0.0:0:8032", "namenode:port", "http://nn:9870", "${RM_HOST}:8032", "nn-1:"));
          t = fail(() -> check.hadoopAuthority(key));
        }
        case 4 -> {
          String key = c.s.pick("fs.defaultFS", "fs.default.name");
          v.put(key, c.s.pick("s3", "s3n", "gs", "wasb", "adl", "alluxio", "cos") + "://" + c.s.pick("data-lake", "warehouse") + "/");
          t = fail(() -> {
            if (c.s.chance(0.7)) check.hadoopFileSystem(key);
            else check.hadoopNameNode();
          });
        }
        case 5 -> {
          String shown = dir + "/" + c.s.pick("zoo.cfg", "zookeeper.properties");
          boolean dataDir = c.s.chance(0.5);
          if (dataDir) v.put("dataDir", "/var/lib/zookeeper");
          v.put("tickTime", "2000");
          v.put("server.1", dataDir ? c.s.pick("zk-1:2888", "zk-1", "zk-1:2888:3888:observer:x", "zk-1 2888 3888")
              : c.s.pick("zk-1:2888:3888", "zk-1:2888:3888:participant;2181"));
          c.type(CheckedConfigFailure.class, "org.apache.zookeeper.server.quorum.QuorumPeerConfig$ConfigException");
          t = fail(() -> check.zookeeper(shown));
        }
        case 6 -> {
          String key = c.s.pick("taskmanager.numberOfTaskSlots", "parallelism.default", "taskmanager.memory.process.size",
              "rest.port", "jobmanager.rpc.port");
          v.put(key, c.s.pick("four", "8 ", "auto", "", "-"));
          c.type(ConfigFailure.class, "org.apache.flink.configuration.IllegalConfigurationException");
          t = fail(() -> check.flink(key));
        }
        case 7 -> {
          if (c.s.chance(0.6)) v.put("spark.master", c.s.pick("yarn-cluster", "spark//master:7077", "local[*", "mesos", "local-cluster"));
          if (c.s.chance(0.7)) v.put("spark.app.name", "settlement-etl");
          c.type(ConfigFailure.class, "org.apache.spark.SparkException");
          t = fail(() -> {
            check.spark();
            throw new ConfigFailure("Could not parse Master URL: '" + v.get("spark.master") + "'");
          });
        }
        default -> {
          String yaml = "cluster_name: 'Ledger Cluster'\nnum_tokens: 16\n" + c.s.pick("commitlog_sync_period_in_ms: 10000\n",
              "start_rpc: true\n", "rpc_port: 9160\n", "thrift_framed_transport_size_in_mb: 15\n",
              "index_interval: 128\n", "memtable_allocation_type: heap_buffers\nrequest_scheduler: none\n");
          Path file = tempFile(c, "cassandra.yaml", yaml);
          c.type(ConfigFailure.class, "org.apache.cassandra.exceptions.ConfigurationException");
          t = fail(() -> check.cassandra(file, Set.of("cluster_name", "num_tokens", "commitlog_sync_period",
              "memtable_allocation_type")));
          Files.deleteIfExists(file);
        }
      }
      return t;
    }));
    return l;
  }
}
