package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.StringTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.File;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Apache FreeMarker 2.3 rendering mails, statements and documents: a value the data model lacks, a template that
 * is not there, a template with a syntax error, strings where numbers or dates are expected and values of the wrong
 * type, all thrown by FreeMarker itself while it parses or processes a template.
 */
final class FreemarkerScenarios {
  private FreemarkerScenarios() {}

  static {
    // FreeMarker logs every template exception it rethrows (java.util.logging when nothing else is found)
    if (System.getProperty("org.freemarker.loggerLibrary") == null) System.setProperty("org.freemarker.loggerLibrary", "none");
  }

  private static Configuration config;

  /** One shared configuration, as an application holds it; templates are built per run from their text. */
  static synchronized Configuration cfg() {
    if (config == null) {
      Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
      cfg.setDefaultEncoding("UTF-8");
      cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
      cfg.setLogTemplateExceptions(false);
      cfg.setWrapUncheckedExceptions(true);
      cfg.setFallbackOnNullLoopVariable(false);
      config = cfg;
    }
    return config;
  }

  /** A statement row exposed to templates through the bean wrapper. */
  public static final class StatementLine {
    private final String amount;

    StatementLine(String amount) {
      this.amount = amount;
    }

    public String getAmount() { return amount; }
  }

  static String templateName(Ctx c) {
    return c.s.pick("mail/transfer-receipt", "mail/welcome", "statement/monthly", "notification/limit-alert",
        "pdf/invoice", "mail/password-reset", "sms/otp-notice", "report/settlement-summary", "mail/card-issued")
        + c.s.pick(".ftlh", ".ftl", ".ftlh");
  }

  static void render(Template t, Map<String, Object> model) throws Exception {
    t.process(model, new StringWriter());
  }

  static Template template(Ctx c, String name, String src) throws Exception {
    return new Template(name, new StringReader(src), cfg());
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- null_reference: the data model lacks a value the template reads
    l.add(cheap("null_reference", "freemarker.missing-value", c -> {
      String name = templateName(c);
      String root = c.s.pick("customer", "transfer", "account", "order", "merchant", "payment");
      String field = c.s.pick("name", "amount", "accountNo", "currency", "status", "fee", "email", "displayName");
      Map<String, Object> model = new HashMap<>();
      model.put("requestId", c.s.txId());
      String src;
      switch (c.rnd.nextInt(4)) {
        case 0 -> src = "<p>Dear ${" + root + "." + field + "},</p>\n<p>Reference: ${requestId}</p>\n";
        case 1 -> {
          // the nested object is there, its field is null
          Map<String, Object> inner = new HashMap<>();
          inner.put("id", c.s.id());
          model.put(root, inner);
          src = "<#-- " + name + " -->\n<h1>${" + root + ".id}</h1>\n<td>${" + root + "." + field + "}</td>\n";
        }
        case 2 -> {
          Map<String, Object> inner = new HashMap<>();
          inner.put("id", c.s.id());
          model.put(root, inner);
          src = "<#if " + root + "." + field + " == \"" + c.s.pick("ACTIVE", "KRW", "DONE") + "\">ok</#if>\n";
        }
        default -> src = "<#list " + root + "s as item>\n  <tr><td>${item." + field + "}</td></tr>\n</#list>\n";
      }
      Template t = template(c, name, src);
      return fail(() -> render(t, model));
    }));
    // ---- file_not_found: the template (or one it includes) is not where the loader looks
    l.add(cheap("file_not_found", "freemarker.template-not-found", c -> {
      String name = templateName(c);
      int k = c.rnd.nextInt(4);
      if (k == 3) {
        // an #include of a layout part that was renamed or not deployed
        String part = c.s.pick("layout/footer.ftlh", "common/header.ftl", "mail/_signature.ftlh", "macros/money.ftl");
        StringTemplateLoader loader = new StringTemplateLoader();
        loader.putTemplate(name, "<#include \"/" + part + "\">\n<p>${requestId}</p>\n");
        Configuration cfg = (Configuration) cfg().clone();
        cfg.setTemplateLoader(loader);
        return fail(() -> cfg.getTemplate(name).process(Map.of("requestId", c.s.txId()), new StringWriter()));
      }
      Configuration cfg = (Configuration) cfg().clone();
      return fail(() -> {
        cfg.setTemplateLoader(loader(c, k));
        cfg.getTemplate(name);
      });
    }));
    // ---- configuration_error: a shipped template that does not parse
    l.add(cheap("configuration_error", "freemarker.template-syntax", c -> {
      String name = templateName(c);
      String v = c.s.pick("customer", "transfer", "account", "statement");
      String f = c.s.pick("amount", "name", "currency", "status");
      String src = switch (c.rnd.nextInt(6)) {
        case 0 -> "<#if " + v + "." + f + "??>\n  ${" + v + "." + f + "}\n<#else>\n  -\n</#iff>\n";
        case 1 -> "<table>\n<#list " + v + "s as row>\n  <tr><td>${row." + f + "}</td></tr>\n</table>\n";
        case 2 -> "<p>${" + v + "." + f + "</p>\n";
        case 3 -> "<#assign total = " + v + "." + f + " + >\n${total}\n";
        case 4 -> "<#macro money value>${value?string(\"#,##0\")}</#macro>\n<@money value=" + v + "." + f + ">\n";
        default -> "<p>${" + v + "." + f + "?strng}</p>\n";
      };
      return fail(() -> template(c, name, src));
    }));
    // ---- number_format: text that the template turns into a number
    l.add(cheap("number_format", "freemarker.string-to-number", c -> {
      String name = templateName(c);
      String bad = c.s.pick(c.s.krw() + " KRW", c.s.between(1, 999) + "." + c.s.digits(3) + "," + c.s.digits(2), "N/A",
          c.s.amount() + "원", "USD " + c.s.amount(), "-", c.s.between(1, 99) + "," + c.s.digits(3) + " KRW", "null");
      String field = c.s.pick("amount", "fee", "limit", "balance", "rate");
      Map<String, Object> model = new HashMap<>();
      model.put(field, bad);
      if (c.s.chance(0.7)) {
        Template t = template(c, name, "<td class=\"num\">${" + field + "?number?string(\",##0.00\")}</td>\n");
        return fail(() -> render(t, model));
      }
      // a bean method the template calls, parsing with the JDK (FreeMarker wraps what it throws)
      model.put("line", new StatementLine(bad));
      model.put("fmt", new Formatter());
      Template t = template(c, name, "<td>${fmt.money(line.amount)}</td>\n");
      return fail(() -> render(t, model));
    }));
    // ---- class_cast: a value of another type than the template expects
    l.add(cheap("class_cast", "freemarker.type-mismatch", c -> {
      String name = templateName(c);
      Map<String, Object> model = new HashMap<>();
      String src;
      switch (c.rnd.nextInt(5)) {
        case 0 -> {
          model.put("fee", c.rnd.nextInt(1000));
          model.put("amount", c.s.amount());
          src = "<p>Total: ${fee + amount * " + c.s.pick("1", "2", "rate") + "}</p>\n";
          model.put("rate", 1);
        }
        case 1 -> {
          model.put("items", List.of(c.s.txId(), c.s.txId()));
          src = "<p>Items: ${items}</p>\n";
        }
        case 2 -> {
          model.put("overdue", c.s.pick("true", "Y", "false"));
          src = "<#if overdue>\n  <p class=\"warn\">Payment overdue</p>\n</#if>\n";
        }
        case 3 -> {
          model.put("account", c.s.accountNo());
          src = "<p>${account.holder}</p>\n";
        }
        default -> {
          model.put("entries", c.s.txId());
          src = "<#list entries as e>\n  <li>${e}</li>\n</#list>\n";
        }
      }
      Template t = template(c, name, src);
      return fail(() -> render(t, model));
    }));
    // ---- date_time_parse: a string turned into a date with a pattern it does not match
    l.add(cheap("date_time_parse", "freemarker.string-to-date", c -> {
      String name = templateName(c);
      String field = c.s.pick("transferDate", "dueDate", "valueDate", "createdAt", "birthDate");
      String iso = c.s.isoDate();
      String value = c.s.pick(iso.replace('-', '/'), iso.substring(8) + "." + iso.substring(5, 7) + "." + iso.substring(0, 4),
          "", "N/A", iso.substring(5, 7) + "/" + iso.substring(8) + "/" + iso.substring(2, 4));
      Map<String, Object> model = new HashMap<>();
      model.put(field, value);
      String src = c.s.chance(0.7)
          ? "<td>${" + field + "?date(\"yyyy-MM-dd\")?string(\"dd MMM yyyy\")}</td>\n"
          : "<td>${" + field + "?datetime(\"yyyy-MM-dd HH:mm:ss\")}</td>\n";
      Template t = template(c, name, src);
      return fail(() -> render(t, model));
    }));
    return l;
  }

  /** A formatting helper put into the data model, as templates often get one. */
  public static final class Formatter {
    @Override public String toString() {
      return "Formatter[locale=ko_KR, pattern=#,##0]";
    }

    public String money(String amount) {
      return String.format("%,d", Long.parseLong(amount));
    }
  }

  /** The loader an application configures: a folder on disk, the class path, or both. */
  static TemplateLoader loader(Ctx c, int k) throws Exception {
    Path base = c.res.tempDir().resolve("freemarker-templates");
    Files.createDirectories(base.resolve("mail"));
    Files.writeString(base.resolve("mail/layout.ftlh"), "<html>${body}</html>\n", StandardCharsets.UTF_8);
    String shown = c.s.pick("/opt/app/templates", "/srv/notification-service/templates", "/app/config/templates");
    c.text(base.toRealPath().toString(), shown);
    c.text(base.toString(), shown);
    return switch (k) {
      case 0 -> new FileTemplateLoader(base.toFile());
      case 1 -> new ClassTemplateLoader(FreemarkerScenarios.class, c.s.pick("/templates/", "/mail-templates/"));
      default -> {
        if (c.s.chance(0.5)) {
          // the configured folder itself is missing: FreeMarker's loader refuses it
          String missing = base.resolve(c.s.pick("custom", "override", "tenant-" + c.s.digits(3))).toString();
          yield new FileTemplateLoader(new File(missing));
        }
        yield new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(base.toFile()),
            new ClassTemplateLoader(FreemarkerScenarios.class, "/templates/")});
      }
    };
  }
}
