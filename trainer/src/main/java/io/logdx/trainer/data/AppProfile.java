package io.logdx.trainer.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The imaginary application one example comes from: its base package and how the scenario code's own classes and
 * methods are named there. Scenario frames are renamed through it, consistently within one example, so that the
 * model sees many application names around the same real library and JDK frames.
 */
final class AppProfile {
  static final List<String> BASES = List.of(
      "com.acme.payment", "kr.co.bank.account", "kr.co.finpay.core", "com.example.order", "io.fintech.ledger",
      "com.globalbank.transfer", "net.shopmall.checkout", "org.company.settlement", "kr.co.securities.trade",
      "com.paygate.api", "jp.co.example.billing", "com.neobank.wallet", "kr.co.card.approval", "com.insure.claim",
      "io.remit.gateway", "com.example.demo", "kr.go.pension.batch", "com.lendco.loan", "de.example.banking",
      "com.mycompany.app", "kr.co.pay.member", "com.fx.exchange", "org.acme.inventory", "com.bankcore.deposit");
  static final List<String> SUBS = List.of(
      "service", "domain", "application", "core", "api", "infra", "web", "batch", "adapter", "biz", "module");

  private static final String[][] ROLES = {
      {"Repository", "Dao", "Mapper", "Client", "Gateway", "Adapter", "Reader", "Parser", "Helper", "Util", "Store"},
      {"Service", "ServiceImpl", "Processor", "Manager", "Handler", "Validator", "Calculator", "Executor"},
      {"Facade", "UseCase", "Orchestrator", "Coordinator", "ApplicationService", "Workflow"},
      {"Controller", "RestController", "Listener", "Job", "Scheduler", "Consumer", "Endpoint", "Api"}};
  private static final String[][] METHODS = {
      {"findById", "save", "insert", "update", "selectForUpdate", "load", "fetch", "call", "send", "read", "parse",
          "execute", "query", "getBalance", "lookup", "post", "exchange", "convert", "decode", "write"},
      {"process", "transfer", "withdraw", "deposit", "approve", "validate", "calculate", "settle", "register",
          "cancel", "refund", "charge", "apply", "handle", "authorize", "reconcile", "issue", "book"},
      {"execute", "run", "perform", "processTransfer", "placeOrder", "completePayment", "openAccount",
          "requestSettlement", "confirm", "doTransfer"},
      {"transfer", "create", "pay", "handle", "onMessage", "runDaily", "consume", "post", "getAccount",
          "submit", "execute", "listen", "receive", "trigger"}};

  final String base;
  final String sub;
  final String domain;
  private final Synth s;
  private final Map<String, Frame> mapped = new HashMap<>();
  private final Map<String, String> classNames = new HashMap<>();
  private int nextRole;

  AppProfile(Synth s) {
    this.s = s;
    this.base = s.pick(BASES);
    this.sub = s.pick(SUBS);
    this.domain = s.domain();
  }

  String exceptionPackage() {
    return base + "." + s.pick("exception", "common.exception", "common.error", "support.error", "domain.exception",
        "global.error", "core.exception");
  }

  /** Maps a frame of scenario code to an application frame; the same scenario frame always maps the same way. */
  Frame map(Frame f) {
    String key = f.cls() + "#" + f.method() + "#" + f.line();
    Frame m = mapped.get(key);
    if (m != null) return m;
    String cls = className(f.cls());
    String method = innerName(f.cls()) != null ? methodName(f.method()) : roleMethod(nextRole());
    m = new Frame(cls, method, Frame.simpleFile(cls), s.between(18, 420), null);
    mapped.put(key, m);
    return m;
  }

  private String className(String scenarioCls) {
    return classNames.computeIfAbsent(scenarioCls, c -> {
      String inner = innerName(c);
      // the scenario code's nested domain classes (AccountService, LedgerDao) keep their simple name in some
      // examples only: a name that always comes with one label would teach the model the name, not the failure
      return inner != null && s.chance(0.4) ? base + "." + sub + "." + inner : roleClass();
    });
  }

  /** The simple name of a named nested class of scenario code, or null for holder classes and lambdas. */
  private static String innerName(String cls) {
    int d = cls.lastIndexOf('$');
    if (d < 0) return null;
    String inner = cls.substring(d + 1);
    if (inner.isEmpty() || !Character.isUpperCase(inner.charAt(0))) return null;
    return inner;
  }

  /** A new application class for the next role up (repository, service, facade, controller). */
  String roleClass() {
    int role = Math.min(nextRole++, ROLES.length - 1);
    String d = nextRole == 1 ? domain : s.chance(0.6) ? domain : s.domain();
    return base + "." + sub + "." + d + s.pick(ROLES[role]);
  }

  String roleMethod(int role) {
    return s.pick(METHODS[Math.min(role, METHODS.length - 1)]);
  }

  int nextRole() { return Math.min(nextRole, ROLES.length - 1); }

  private String methodName(String m) {
    if (m.startsWith("lambda$")) {
      String base = s.pick(METHODS[Math.min(nextRole, METHODS.length - 1)]);
      return s.chance(0.3) ? "lambda$" + base + "$" + s.between(0, 9) : base;
    }
    if (m.equals("run") || m.equals("call") || m.equals("apply") || m.equals("get") || m.equals("accept")
        || m.startsWith("scenario")) {
      return s.pick(METHODS[Math.min(nextRole, METHODS.length - 1)]);
    }
    return m;
  }

  /** A fresh application frame of the next role (for callers above the scenario code). */
  Frame caller() {
    int role = nextRole();
    String cls = roleClass();
    return new Frame(cls, roleMethod(role), Frame.simpleFile(cls), s.between(18, 420), null);
  }
}
