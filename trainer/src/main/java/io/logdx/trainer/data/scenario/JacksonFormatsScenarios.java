package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Jackson's text data formats on the trainer's jackson-databind: XML through Woodstox (jackson-dataformat-xml), YAML
 * through SnakeYAML (jackson-dataformat-yaml) and CSV (jackson-dataformat-csv), reading partner payloads, batch files
 * and configuration: malformed documents, unknown elements, values of the wrong shape, rows with too many columns.
 */
final class JacksonFormatsScenarios {
  private JacksonFormatsScenarios() {}

  private static final XmlMapper XML = new XmlMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CsvMapper CSV = new CsvMapper();

  /** A payment instruction from a partner (XML) or a batch file (CSV). */
  public static final class PaymentInstruction {
    public String requestId;
    public String debtorAccount;
    public String creditorAccount;
    public BigDecimal amount;
    public String currency;
    public int priority;
  }

  /** Settings bound from a YAML file. */
  public static final class GatewaySettings {
    public String baseUrl;
    public int connectTimeoutMs;
    public int maxRetries;
    public List<String> allowedCurrencies;
  }

  static String xmlHead(Ctx c) {
    return c.s.chance(0.5) ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "";
  }

  static String root(Ctx c) {
    return c.s.pick("PaymentInstruction", "Transfer", "Pmt", "Instruction");
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- jackson-dataformat-xml
    l.add(cheap("deserialization", "jacksonxml.malformed", c -> {
      String r = root(c);
      String id = c.s.txId();
      String amount = c.s.amount();
      String xml = switch (c.rnd.nextInt(5)) {
        case 0 -> xmlHead(c) + "<" + r + "><requestId>" + id + "</requestId><amount>" + amount + "<amount><currency>KRW</currency></" + r + ">";
        case 1 -> xmlHead(c) + "<" + r + ">\n  <requestId>" + id + "</requestId>\n  <amount>" + amount;
        case 2 -> c.s.pick("{\"requestId\":\"" + id + "\"}", "OK", "\uFEFF\uFEFF<" + r + "/>", "--boundary\r\n<" + r + "/>");
        case 3 -> xmlHead(c) + "<" + r + "><requestId>" + id + "</requestId><memo>R&D " + c.s.pick("fees", "refund") + "</memo></" + r + ">";
        default -> "";
      };
      return fail(() -> XML.readValue(xml, PaymentInstruction.class));
    }));
    l.add(cheap("deserialization", "jacksonxml.unknown-element", c -> {
      String r = root(c);
      String el = c.s.pick("amt", "Amount", "creditor", "chargeBearer", "valueDate", "purposeCode");
      String xml = xmlHead(c) + "<" + r + ">\n  <requestId>" + c.s.txId() + "</requestId>\n  <" + el + ">" + c.s.amount() + "</" + el
          + ">\n</" + r + ">\n";
      return fail(() -> XML.readValue(xml, PaymentInstruction.class));
    }));
    l.add(cheap("deserialization", "jacksonxml.invalid-value", c -> {
      String r = root(c);
      String xml = c.s.chance(0.5)
          ? xmlHead(c) + "<" + r + "><amount>" + c.s.pick(c.s.krw(), c.s.amount() + " KRW", "N/A", c.s.between(1, 999) + "," + c.s.digits(3) + ".00") + "</amount></" + r + ">"
          : xmlHead(c) + "<" + r + "><priority>" + c.s.pick("HIGH", "normal", "P1", "urgent") + "</priority></" + r + ">";
      return fail(() -> XML.readValue(xml, PaymentInstruction.class));
    }));
    // ---- jackson-dataformat-yaml
    l.add(cheap("deserialization", "jacksonyaml.malformed", c -> {
      String id = c.s.txId();
      String yaml = switch (c.rnd.nextInt(3)) {
        case 0 -> "requestId: " + id + "\namount: " + c.s.amount() + "\n\tcurrency: KRW\n";
        case 1 -> "requestId: \"" + id + "\namount: " + c.s.amount() + "\n";
        default -> "requestId: " + id + "\n  amount: " + c.s.amount() + "\ncurrency: KRW\n";
      };
      return fail(() -> YAML.readValue(yaml, PaymentInstruction.class));
    }));
    l.add(cheap("deserialization", "jacksonyaml.mismatch", c -> {
      String id = c.s.txId();
      String yaml = switch (c.rnd.nextInt(3)) {
        case 0 -> "requestId: " + id + "\namount: [" + c.s.amount() + "]\n";
        case 1 -> "requestId: " + id + "\namount:\n  value: " + c.s.amount() + "\n  currency: KRW\n";
        default -> "- requestId: " + id + "\n  amount: " + c.s.amount() + "\n";
      };
      return fail(() -> YAML.readValue(yaml, PaymentInstruction.class));
    }));
    l.add(cheap("configuration_error", "jacksonyaml.config-file", c -> {
      String host = c.s.pick("partner.api.test", "fx-rates.internal", "settlement-gw");
      String yaml = switch (c.rnd.nextInt(4)) {
        case 0 -> "baseUrl: https://" + host + "\nconnectTimeoutMs: " + c.s.pick("5s", "3000ms", "default") + "\n";
        case 1 -> "baseUrl: https://" + host + "\n" + c.s.pick("connectTimeout", "max-retries", "currencies", "readTimeoutMs") + ": "
            + c.s.between(1, 5000) + "\n";
        case 2 -> "baseUrl: https://" + host + "\nallowedCurrencies: KRW, USD\n\tmaxRetries: 3\n";
        default -> "baseUrl: https://" + host + "\nallowedCurrencies:\n  KRW: true\n";
      };
      Path dir = c.res.tempDir().resolve("gw-" + c.s.digits(6));
      String name = c.s.pick("gateway.yml", "partner-client.yaml", "application.yml", "fx-client.yml");
      Path f = dir.resolve(name);
      Files.createDirectories(dir);
      Files.writeString(f, yaml, StandardCharsets.UTF_8);
      c.text(dir.toString(), c.s.pick("/etc/app", "/opt/app/config", "/app/config"));
      return fail(() -> YAML.readValue(f.toFile(), GatewaySettings.class));
    }));
    // ---- jackson-dataformat-csv
    l.add(cheap("deserialization", "jacksoncsv.too-many-entries", c -> {
      CsvSchema schema = CsvSchema.builder().addColumn("requestId").addColumn("debtorAccount").addColumn("creditorAccount")
          .addColumn("amount").addColumn("currency").build();
      StringBuilder sb = new StringBuilder();
      int rows = c.s.between(1, 4);
      for (int i = 0; i < rows; i++) {
        sb.append(c.s.txId()).append(',').append(c.s.accountNo()).append(',').append(c.s.accountNo()).append(',')
            .append(c.s.amount()).append(",KRW\n");
      }
      // an unquoted amount with a thousands separator, or a trailing column added by the sender
      sb.append(c.s.txId()).append(',').append(c.s.accountNo()).append(',').append(c.s.accountNo()).append(',')
          .append(c.s.chance(0.5) ? c.s.krw() + ",KRW" : c.s.amount() + ",KRW," + c.s.pick("Y", "URGENT", c.s.isoDate())).append('\n');
      return fail(() -> CSV.readerFor(PaymentInstruction.class).with(schema).readValues(sb.toString()).readAll());
    }));
    l.add(cheap("deserialization", "jacksoncsv.bad-row", c -> {
      CsvSchema schema = CSV.schemaFor(PaymentInstruction.class).withHeader();
      String head = "amount,creditorAccount,currency,debtorAccount,priority,requestId\n";
      String row = switch (c.rnd.nextInt(4)) {
        case 0 -> "\"" + c.s.krw() + "," + c.s.accountNo() + ",KRW," + c.s.accountNo() + ",1," + c.s.txId() + "\n";
        case 1 -> c.s.amount() + "," + c.s.accountNo() + ",KRW," + c.s.accountNo() + "," + c.s.pick("HIGH", "x", "P2") + "," + c.s.txId() + "\n";
        case 2 -> "\"" + c.s.krw() + "\"," + c.s.accountNo() + ",KRW," + c.s.accountNo() + ",1," + c.s.txId() + "\n";
        default -> c.s.amount() + " KRW," + c.s.accountNo() + ",KRW," + c.s.accountNo() + ",1," + c.s.txId() + "\n";
      };
      return fail(() -> CSV.readerFor(PaymentInstruction.class).with(schema).readValues(head + row).readAll());
    }));
    l.add(cheap("deserialization", "jacksoncsv.unknown-column", c -> {
      String col = c.s.pick("amt", "memo", "fee", "valueDate", "beneficiaryName");
      String csv = "requestId,amount," + col + "\n" + c.s.txId() + "," + c.s.amount() + "," + c.s.between(1, 999) + "\n";
      return fail(() -> CSV.readerFor(PaymentInstruction.class).with(CsvSchema.emptySchema().withHeader()).readValues(csv).readAll());
    }));
    return l;
  }

  static {
    YAML.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
