package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Settings read from real configuration files (properties, Hadoop-style XML, resource bundles) written to a temp
 * directory, from {@code -D} system properties and from an environment map, that are missing or hold bad values.
 * The messages name the setting or the file, which is what makes them {@code configuration_error} (rule 5) although
 * the exception types are the general ones.
 */
final class ConfigScenarios {
  private ConfigScenarios() {}

  enum Mode { LIVE, SANDBOX, BATCH }

  /** A settings holder as applications write them: typed getters over a Properties file. */
  static final class AppConfig {
    final Properties props = new Properties();
    final String source;
    final boolean chain;

    AppConfig(Path file, String shown, boolean chain) throws IOException {
      this.source = shown;
      this.chain = chain;
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(r);
      }
    }

    String required(String key) {
      String v = props.getProperty(key);
      if (v == null || v.isBlank()) {
        throw new IllegalStateException(pick(key.length(), "Missing required configuration '" + key + "' in " + source,
            "Required property '" + key + "' is not set (" + source + ")",
            "Configuration property " + key + " must be set", "설정 값이 없습니다: " + key));
      }
      return v.trim();
    }

    int intValue(String key) {
      String v = props.getProperty(key);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(pick(key.length(), "Invalid value for configuration '" + key + "': " + v,
            "Invalid value '" + v + "' for configuration " + key + " in " + source + ": expected an integer",
            "Cannot convert configuration property [" + key + "] value [" + v + "] to int"), chain ? e : null);
      }
    }

    Duration duration(String key) {
      String v = required(key);
      try {
        return Duration.parse(v);
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("Invalid duration for property '" + key + "' in " + source + ": " + v, chain ? e : null);
      }
    }

    boolean bool(String key) {
      String v = required(key);
      if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException("Invalid boolean value for configuration " + key + ": '" + v
            + "' (expected true or false)");
      }
      return Boolean.parseBoolean(v);
    }

    Mode mode(String key) {
      String v = required(key);
      try {
        return Mode.valueOf(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("Invalid configuration " + key + "=" + v + " in " + source
            + "; allowed values: LIVE, SANDBOX, BATCH", chain ? e : null);
      }
    }

    private static String pick(int h, String... options) {
      return options[h % options.length];
    }
  }

  /** Loads a Hadoop-style {@code <configuration><property><name/><value/>} file. */
  static final class XmlConfiguration {
    final Map<String, String> values = new HashMap<>();
    final String shown;
    final boolean chain;

    XmlConfiguration(Path file, String shown, boolean chain) {
      this.shown = shown;
      this.chain = chain;
      try {
        DocumentBuilder db = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        db.setErrorHandler(null);
        Element root = db.parse(file.toFile()).getDocumentElement();
        NodeList props = root.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
          Element p = (Element) props.item(i);
          values.put(p.getElementsByTagName("name").item(0).getTextContent().trim(),
              p.getElementsByTagName("value").item(0).getTextContent().trim());
        }
      } catch (Exception e) {
        throw new RuntimeException("Failed to parse configuration file " + shown + ": " + e, e);
      }
    }

    int getInt(String name) {
      String v = values.get(name);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid value for configuration property " + name + " in " + shown
            + ": \"" + v + "\"", chain ? e : null);
      }
    }

    String fileSystem(String name) throws IOException {
      String uri = values.get(name);
      String scheme = java.net.URI.create(uri).getScheme();
      if (!List.of("file", "hdfs").contains(scheme)) throw new UnsupportedFileSystem("No FileSystem for scheme \"" + scheme + "\"");
      return scheme;
    }
  }

  static final class UnsupportedFileSystem extends IOException {
    private static final long serialVersionUID = 1L;

    UnsupportedFileSystem(String m) {
      super(m);
    }
  }

  /** Start-up flags and environment read by the launcher. */
  static final class StartupSettings {
    static String env(Map<String, String> env, String name) {
      String v = env.get(name);
      if (v == null) {
        throw new IllegalStateException("Environment variable " + name + " is not set; it is required to start "
            + "the application");
      }
      return v;
    }

    static int flag(String name, boolean chain) {
      String v = System.getProperty(name);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid value for system property -D" + name + "=" + v, chain ? e : null);
      }
    }
  }

  private static String shownDir(Ctx c) {
    String dir = c.s.pick("/etc/app", "/opt/app/config", "/app/config", "/etc/hadoop/conf", "/home/app/conf",
        "/opt/payment-gateway/conf", "C:\\apps\\ledger\\config");
    c.text(c.res.tempDir().toString(), dir);
    return dir;
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("configuration_error", "config.properties-file", c -> {
      String dir = shownDir(c);
      String name = c.s.pick("application.properties", "application-prod.properties", "gateway.properties",
          "batch.properties", "config.properties", "kafka-consumer.properties");
      Path file = c.res.tempDir().resolve(name.replace(".properties", "-" + c.s.digits(6) + ".properties"));
      c.text(file.getFileName().toString(), name);
      String intKey = c.s.pick("server.port", "app.pool.max-size", "app.retry.max-attempts", "batch.chunk-size",
          "max.poll.records", "hikari.maximum-pool-size", "app.worker.threads");
      String intVal = c.s.pick("ten", "8080 ", "", "${POOL_SIZE}", "1,000", "20s", "0x1F", "null", "3.5");
      String durKey = c.s.pick("app.http.read-timeout", "app.cache.ttl", "session.idle-timeout");
      String durVal = c.s.pick("30s", "5 minutes", "PT", "1h30");
      String boolKey = c.s.pick("app.tls.enabled", "feature.fx.enabled", "app.audit.enabled");
      String modeKey = c.s.pick("app.mode", "payment.gateway.mode", "ledger.run-mode");
      String missing = c.s.pick("payment.gateway.url", "app.partner.base-url", "kafka.bootstrap.servers",
          "spring.datasource.url", "ledger.settlement.cron", "app.signing.key-alias");
      StringBuilder body = new StringBuilder("# " + name + "\n");
      int k = c.rnd.nextInt(5);
      body.append(intKey).append('=').append(intVal).append('\n');
      body.append(durKey).append('=').append(durVal).append('\n');
      body.append(boolKey).append('=').append(c.s.pick("yes", "on", "1", "enable")).append('\n');
      body.append(modeKey).append('=').append(c.s.pick("live", "PROD", "Sandbox", "test")).append('\n');
      if (c.s.chance(0.5)) body.append(missing).append("=\n");
      Files.writeString(file, body.toString(), StandardCharsets.UTF_8);
      try {
        AppConfig cfg = new AppConfig(file, dir + "/" + name, c.s.chance(0.3));
        return fail(() -> {
          switch (k) {
            case 0 -> cfg.intValue(intKey);
            case 1 -> cfg.duration(durKey);
            case 2 -> cfg.bool(boolKey);
            case 3 -> cfg.mode(modeKey);
            default -> cfg.required(missing);
          }
        });
      } finally {
        Files.deleteIfExists(file);
      }
    }));
    l.add(cheap("configuration_error", "config.xml-file", c -> {
      String dir = shownDir(c);
      String name = c.s.pick("core-site.xml", "hdfs-site.xml", "yarn-site.xml", "hbase-site.xml", "app-config.xml",
          "settlement-config.xml");
      Path file = c.res.tempDir().resolve(name.replace(".xml", "-" + c.s.digits(6) + ".xml"));
      c.text(file.getFileName().toString(), name);
      String intName = c.s.pick("dfs.replication", "io.file.buffer.size", "yarn.nodemanager.resource.memory-mb",
          "hbase.regionserver.handler.count", "app.settlement.batch-size", "ipc.client.connect.max.retries");
      String fsName = c.s.pick("fs.defaultFS", "fs.default.name", "app.archive.uri");
      int k = c.rnd.nextInt(3);
      StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
      xml.append("  <property><name>").append(intName).append("</name><value>")
          .append(c.s.pick("3x", "64k", "", "4096MB", "ten", "2.5")).append("</value></property>\n");
      xml.append("  <property><name>").append(fsName).append("</name><value>")
          .append(c.s.pick("s3a://", "gs://", "abfs://", "wasb://", "oss://")).append(c.s.pick("ledger-archive", "data-lake", "backup"))
          .append("/").append(c.s.pick("raw", "2024", "events")).append("</value></property>\n");
      if (k == 2) {
        xml.append(c.s.pick("  <property><name>dfs.blocksize</name><value>128m</value>\n",
            "  <property><name>a</name><value>1</value></property>\n</configuratoin>\n", "  <property>\n<name>x</name>&<value/>",
            "  <property><name>b</name><value>2</value></propery>\n"));
      } else {
        xml.append("</configuration>\n");
      }
      Files.writeString(file, xml.toString(), StandardCharsets.UTF_8);
      try {
        if (k != 1) c.type(UnsupportedFileSystem.class, "org.apache.hadoop.fs.UnsupportedFileSystemException");
        return fail(() -> {
          XmlConfiguration conf = new XmlConfiguration(file, dir + "/" + name, c.s.chance(0.3));
          if (k == 0) conf.fileSystem(fsName);
          else conf.getInt(intName);
        });
      } finally {
        Files.deleteIfExists(file);
      }
    }));
    l.add(cheap("configuration_error", "config.resource-bundle-file", c -> {
      Path dir = c.res.tempDir().resolve("bundles-" + c.s.digits(8));
      c.text(dir.toString(), c.s.pick("/opt/app/i18n", "/app/resources"));
      Files.createDirectories(dir);
      String base = c.s.pick("messages", "errors", "ValidationMessages", "labels");
      Files.writeString(dir.resolve(base + ".properties"), "error.generic=Error\nlabel.amount=Amount\n", StandardCharsets.ISO_8859_1);
      try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
        return fail(() -> {
          if (c.s.chance(0.6)) {
            ResourceBundle rb = ResourceBundle.getBundle(base, Locale.ROOT, cl);
            rb.getString(c.s.pick("error.transfer.limit", "msg.account.frozen", "label.fee", "error.otp.expired"));
          } else {
            ResourceBundle.getBundle(c.s.pick("i18n/" + base, base + "_app", "config/" + base), c.s.pick(Locale.KOREA, Locale.US), cl);
          }
        });
      } finally {
        try (var files = Files.list(dir)) {
          for (Path p : files.toList()) Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
      }
    }));
    l.add(cheap("configuration_error", "config.env-and-flags", c -> {
      int k = c.rnd.nextInt(3);
      if (k == 0) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", "/home/app");
        return fail(() -> StartupSettings.env(env, c.s.pick("DATABASE_URL", "KAFKA_BROKERS", "PAYMENT_GATEWAY_URL",
            "APP_SIGNING_KEY_PATH", "SPRING_PROFILES_ACTIVE", "REDIS_HOST")));
      }
      String flag = c.s.pick("app.worker.count", "ledger.shard.count", "zookeeper.session.timeout", "es.shards",
          "app.http.max-connections");
      String value = c.s.pick("auto", "", "four", "1_000", "-", "10ms");
      synchronized (System.class) {
        String old = System.getProperty(flag);
        System.setProperty(flag, value);
        try {
          return fail(() -> StartupSettings.flag(flag, c.s.chance(0.3)));
        } finally {
          if (old == null) System.clearProperty(flag);
          else System.setProperty(flag, old);
        }
      }
    }));
    l.add(cheap("configuration_error", "config.spring-properties-file", c -> {
      String dir = shownDir(c);
      Path file = c.res.tempDir().resolve("application-" + c.s.digits(6) + ".properties");
      String shown = c.s.pick("application.properties", "application-prod.properties", "application-local.properties");
      c.text(file.getFileName().toString(), shown);
      String key = c.s.pick("app.transfer.daily-limit", "app.http.timeout", "app.retry.enabled", "server.port", "app.pool.size");
      Files.writeString(file, key + "=" + c.s.pick("10 billion", "5 seconds", "yes please", "80a", "unlimited") + "\n", StandardCharsets.UTF_8);
      try {
        Properties p = org.springframework.core.io.support.PropertiesLoaderUtils.loadProperties(
            new org.springframework.core.io.FileSystemResource(file));
        var env = new org.springframework.core.env.StandardEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.PropertiesPropertySource(
            "Config resource 'file [" + dir + "/" + shown + "]' via location 'optional:file:" + dir + "/'", p));
        Class<?> type = key.endsWith("enabled") ? Boolean.class : key.endsWith("limit") ? Long.class : Integer.class;
        return fail(() -> c.use(env.getProperty(key, type)));
      } finally {
        Files.deleteIfExists(file);
      }
    }));
    l.add(cheap("configuration_error", "config.parse-failure-wrapped", c -> {
      String shown = c.s.pick("/etc/app/application.yml", "/opt/app/config/logback.xml", "/etc/kafka/server.properties",
          "/opt/zookeeper/conf/zoo.cfg", "/etc/elasticsearch/elasticsearch.yml");
      byte[] bad = c.s.pick("<configuration><appender name=\"X\"></configuration>", "<beans><bean id=\"a\"", "tickTime=2000\n<<",
          "<?xml version=\"1.0\"?><settings><value>1</settings>").getBytes(StandardCharsets.UTF_8);
      return fail(() -> {
        try {
          DocumentBuilder db = DocumentBuilderFactory.newInstance().newDocumentBuilder();
          db.setErrorHandler(null);
          db.parse(new ByteArrayInputStream(bad));
        } catch (org.xml.sax.SAXException e) {
          throw new IllegalStateException(c.s.pick("Failed to load configuration from " + shown,
              "Could not parse configuration file " + shown, "Invalid configuration file: " + shown,
              "Unable to read config " + shown + " at startup"), e);
        }
      });
    }));
    return l;
  }
}
