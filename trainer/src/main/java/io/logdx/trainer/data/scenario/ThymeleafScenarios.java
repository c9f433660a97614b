package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Thymeleaf 3.1 with its standard dialect (OGNL expressions) rendering HTML views and mails from templates in a
 * folder: a template or fragment that does not exist, expressions that do not parse, and OGNL evaluation failing
 * on a null object, an empty list, a division by zero or a value it cannot convert.
 */
final class ThymeleafScenarios {
  private ThymeleafScenarios() {}

  private static TemplateEngine checking;
  private static TemplateEngine plain;
  private static Path base;
  private static Object owner;

  /** The template folder and two engines: one that checks existence first (as Spring Boot's), one that does not. */
  static synchronized TemplateEngine engine(Ctx c, boolean checkExistence) throws Exception {
    if (owner != c.res) {
      owner = c.res;
      base = c.res.tempDir().resolve("thymeleaf-templates");
      Files.createDirectories(base);
      checking = engine(true);
      plain = engine(false);
    }
    return checkExistence ? checking : plain;
  }

  private static TemplateEngine engine(boolean checkExistence) {
    FileTemplateResolver r = new FileTemplateResolver();
    r.setPrefix(base.toString() + "/");
    r.setSuffix(".html");
    r.setTemplateMode(TemplateMode.HTML);
    r.setCharacterEncoding("UTF-8");
    // each run writes its own text under a name that runs share
    r.setCacheable(false);
    r.setCheckExistence(checkExistence);
    TemplateEngine e = new TemplateEngine();
    e.setTemplateResolver(r);
    return e;
  }

  static String view(Ctx c) {
    return c.s.pick("transfer/confirm", "account/detail", "mail/transfer-receipt", "statement/monthly", "admin/merchant-list",
        "payment/result", "mail/welcome", "card/limit-change", "error/5xx", "settlement/summary");
  }

  /** Writes the view's template and renders it with the model: what a view resolver and its engine do. */
  static Throwable render(Ctx c, String view, String body, Map<String, Object> model) throws Exception {
    TemplateEngine e = engine(c, c.s.chance(0.5));
    Path f = base.resolve(view + ".html");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "<!DOCTYPE html>\n<html xmlns:th=\"http://www.thymeleaf.org\">\n<body>\n" + body
        + "\n</body>\n</html>\n", StandardCharsets.UTF_8);
    alias(c);
    Context ctx = new Context();
    model.forEach(ctx::setVariable);
    return fail(() -> e.process(view, ctx));
  }

  static void alias(Ctx c) {
    String shown = c.s.pick("/opt/app/templates", "/app/BOOT-INF/classes/templates", "/srv/web/templates");
    c.text(base.toString(), shown);
  }

  /** A view model object, exposed to OGNL through its getters. */
  public static final class TransferView {
    private final String requestId;
    private final Object beneficiary;

    TransferView(String requestId, Object beneficiary) {
      this.requestId = requestId;
      this.beneficiary = beneficiary;
    }

    public String getRequestId() { return requestId; }

    public Object getBeneficiary() { return beneficiary; }

    public Object getAccount() { return null; }
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- file_not_found: the view name or a fragment names no template file
    l.add(cheap("file_not_found", "thymeleaf.template-not-found", c -> {
      TemplateEngine e = engine(c, c.s.chance(0.5));
      alias(c);
      String missing = c.s.pick("transfer/confirm-v2", "mail/transfer_receipt", "account/details", "statement/Monthly",
          "payment/result-" + c.s.pick("ko", "en"), "error/504", "admin/merchants");
      if (c.s.chance(0.3)) {
        String fragment = c.s.pick("fragments/footer :: copy", "layout/base :: head", "fragments/money :: amount(value=${amount})",
            "common/nav :: menu");
        return render(c, view(c), "<div th:replace=\"~{" + fragment + "}\"></div>", Map.of("amount", c.s.amount()));
      }
      return fail(() -> e.process(missing, new Context()));
    }));
    // ---- configuration_error: a template whose expressions do not parse
    l.add(cheap("configuration_error", "thymeleaf.expression-syntax", c -> {
      String v = c.s.pick("transfer", "account", "customer", "payment");
      String f = c.s.pick("amount", "status", "requestId", "currency");
      String body = switch (c.rnd.nextInt(5)) {
        case 0 -> "<p th:text=\"${" + v + "." + f + "\">-</p>";
        case 1 -> "<tr th:each=\"row : \"><td th:text=\"${row." + f + "}\"></td></tr>";
        case 2 -> "<p th:if=\"${" + v + "." + f + " > }\">over</p>";
        case 3 -> "<a th:href=\"@{/" + v + "s/{id}(id=${" + v + ".id)}\">open</a>";
        default -> "<span th:text=\"*{" + f + "\">-</span>";
      };
      return render(c, view(c), body, Map.of(v, Map.of(f, c.s.amount())));
    }));
    // ---- null_reference: OGNL navigates through a null object
    l.add(cheap("null_reference", "thymeleaf.ognl-null-navigation", c -> {
      String f = c.s.pick("name", "accountNo", "bankCode", "email", "displayName");
      TransferView t = new TransferView(c.s.txId(), null);
      String body = switch (c.rnd.nextInt(3)) {
        case 0 -> "<p th:text=\"${transfer.beneficiary." + f + "}\">-</p>";
        case 1 -> "<p th:text=\"${transfer.account." + f + "}\">-</p>";
        default -> "<p th:text=\"${" + c.s.pick("customer", "merchant", "summary") + "." + f + "}\">-</p>";
      };
      return render(c, view(c), "<h1 th:text=\"${transfer.requestId}\">-</h1>\n" + body, Map.of("transfer", t));
    }));
    // ---- index_out_of_bounds: an index into a list that is shorter
    l.add(cheap("index_out_of_bounds", "thymeleaf.ognl-index", c -> {
      List<String> items = new ArrayList<>();
      for (int i = c.s.between(0, 2); i > 0; i--) items.add(c.s.txId());
      int idx = items.size() + c.s.between(0, 2);
      String var = c.s.pick("entries", "transfers", "lines", "cards", "accounts");
      return render(c, view(c), "<p>Latest: <span th:text=\"${" + var + "[" + idx + "]}\">-</span></p>", Map.of(var, items));
    }));
    // ---- arithmetic: a division in a template by a zero count
    l.add(cheap("arithmetic", "thymeleaf.ognl-division", c -> {
      String count = c.s.pick("count", "txCount", "days", "installments");
      String total = c.s.pick("total", "sum", "amount", "fees");
      Object value = c.s.chance(0.5) ? (Object) c.s.between(1000, 900_000) : (Object) Long.valueOf(c.s.between(1, 90_000));
      Object zero = value instanceof Integer ? (Object) 0 : (Object) 0L;
      return render(c, view(c), "<td th:text=\"${" + total + " / " + count + "}\">-</td>", Map.of(total, value, count, zero));
    }));
    // ---- illegal_argument: a utility object handed a value it cannot convert
    l.add(cheap("illegal_argument", "thymeleaf.ognl-conversion", c -> {
      String f = c.s.pick("amount", "fee", "balance", "rate");
      String value = c.s.pick("N/A", "-", "pending", c.s.currency() + " " + c.s.amount());
      String body = c.s.chance(0.6)
          ? "<td th:text=\"${#numbers.formatDecimal(" + f + ", 1, 'COMMA', 2, 'POINT')}\">-</td>"
          : "<td th:text=\"${#numbers.formatInteger(" + f + ", 3)}\">-</td>";
      return render(c, view(c), body, Map.of(f, value, "unused", BigDecimal.ONE));
    }));
    return l;
  }
}
