package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Material for {@code unknown}: log lines without an exception, exceptions that carry too little to tell (a bare
 * RuntimeException, an error code only) and real failures of kinds the taxonomy does not name (a wrong decryption
 * key, an assertion).
 */
final class UnknownScenarios {
  private UnknownScenarios() {}

  static final class VagueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VagueException(String m) {
      super(m);
    }
  }

  static final class TestAssertion extends AssertionError {
    private static final long serialVersionUID = 1L;

    TestAssertion(String m) {
      super(m);
    }
  }

  /** Copies itself with Object.clone but is not Cloneable. */
  static final class Snapshot {
    Object copy() throws CloneNotSupportedException {
      return clone();
    }
  }

  /** A management bean registered under a name another bean already holds. */
  public interface ProbeMBean {
    int getCount();
  }

  public static final class Probe implements ProbeMBean {
    @Override
    public int getCount() {
      return 0;
    }
  }

  /** One key pair for the signature check, made once (key generation is slow). */
  static final class Keys {
    static final java.security.KeyPair RSA;

    static {
      try {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        RSA = g.generateKeyPair();
      } catch (java.security.GeneralSecurityException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  static String prefix(Ctx c, String level) {
    return c.s.isoDate() + " " + String.format("%02d:%02d:%02d.%03d", c.rnd.nextInt(24), c.rnd.nextInt(60), c.rnd.nextInt(60),
        c.rnd.nextInt(1000)) + " " + level + " " + c.s.between(1, 60000) + " --- [" + c.s.pick("main", "http-nio-8080-exec-"
        + c.s.between(1, 50), "scheduling-1") + "] " + c.s.pick("c.a.p.TransferService", "k.c.b.a.AccountController",
        "o.s.b.w.e.tomcat.TomcatWebServer", "c.e.o.OrderJob", "i.f.l.LedgerConsumer") + " : ";
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(Scenario.text("unknown", "text.log-line-no-exception", c -> prefix(c, c.s.pick("INFO", "WARN", "ERROR", "DEBUG"))
        + c.s.pick("Started Application in " + c.s.between(2, 40) + "." + c.s.digits(3) + " seconds (process running for "
            + c.s.between(3, 50) + ".1)", "Slow query detected: " + c.s.between(1000, 9000) + "ms",
            "Transfer " + c.s.txId() + " completed", "Payment failed with result code " + c.s.pick("9999", "E999", "-1"),
            "HikariPool-1 - Start completed.", "Retrying request (attempt " + c.s.between(2, 5) + "/5)",
            "Job settlement-daily finished with status FAILED", "처리 결과: 실패 (code=" + c.s.digits(4) + ")",
            "Response time exceeded SLA: " + c.s.between(3, 30) + "s", "Unexpected response from partner, see previous log",
            "GC pause (G1 Evacuation Pause) " + c.s.between(50, 900) + "ms", "Shutting down ExecutorService 'applicationTaskExecutor'")));
    l.add(Scenario.text("unknown", "text.thread-dump", c -> "\"" + c.s.pick("http-nio-8080-exec-", "pool-1-thread-", "kafka-consumer-")
        + c.s.between(1, 40) + "\" #" + c.s.between(20, 300) + " daemon prio=5 os_prio=0 cpu=" + c.s.between(1, 9000) + ".12ms elapsed="
        + c.s.between(10, 9000) + ".45s tid=0x00007f" + c.s.hex(10) + " nid=0x" + c.s.hex(4) + " waiting on condition\n"
        + "   java.lang.Thread.State: " + c.s.pick("WAITING (parking)", "TIMED_WAITING (sleeping)", "RUNNABLE") + "\n"
        + "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)\n"
        + "\tat java.util.concurrent.locks.LockSupport.park(java.base@17.0.15/LockSupport.java:341)"));
    l.add(cheap("unknown", "app.vague-exception", c -> {
      // mostly the JDK's generic types: an application type is no sign of "unknown", an empty message is
      String msg = c.s.pick("처리 중 오류가 발생했습니다", "E9999", "Unexpected error", "error", "시스템 오류", "FAIL", "Unknown error occurred",
          "Internal error (code=" + c.s.digits(4) + ")", null, "Something went wrong", "응답코드: 9999", "ERR-" + c.s.digits(3),
          "rc=" + c.s.pick("-1", "99", "8"), "null", "failed", "오류", "NG");
      if (c.s.chance(0.35)) {
        c.type(VagueException.class, c.s.pick("CommonException", "SystemException", "BizException", "ServiceException",
            "ApplicationException", "GlobalException", "BaseException", "CustomException", "AppRuntimeException"));
        return new VagueException(msg);
      }
      return fail(() -> {
        switch (c.rnd.nextInt(5)) {
          case 0 -> throw new RuntimeException(msg);
          case 1 -> throw new Exception(msg);
          case 2 -> throw new java.lang.reflect.UndeclaredThrowableException(null);
          case 3 -> throw new java.lang.reflect.InvocationTargetException(null);
          default -> throw new Error(msg);
        }
      });
    }));
    l.add(Scenario.text("unknown", "text.trace-fragment", c -> {
      // a trace whose exception line was cut off (log rotation, a size limit, a grep): frames say where, not what
      StringBuilder sb = new StringBuilder();
      String pkg = c.s.pick("com.acme.payment", "kr.co.bank.account", "com.example.order", "io.fintech.ledger", "net.shop.checkout");
      String[] roles = {"Service", "Controller", "Facade", "Handler", "Processor", "Job", "Listener"};
      String[] domains = {"Transfer", "Account", "Order", "Settlement", "Payment", "Customer", "Ledger"};
      int n = c.s.between(2, 7);
      for (int i = 0; i < n; i++) {
        String cls = c.s.pick(domains) + c.s.pick(roles);
        sb.append("\tat ").append(pkg).append('.').append(cls.toLowerCase(java.util.Locale.ROOT).replace("service", "service"))
            .append('.').append(cls).append('.').append(c.s.pick("execute", "process", "handle", "run", "apply", "doFilter"))
            .append('(').append(cls).append(".java:").append(c.s.between(20, 900)).append(")\n");
      }
      if (c.s.chance(0.5)) {
        sb.append("\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)\n");
      }
      sb.append("\t... ").append(c.s.between(5, 120)).append(" more");
      return (c.s.chance(0.5) ? prefix(c, "ERROR") + c.s.pick("Request processing failed", "Unhandled exception", "Error", "") + "\n" : "")
          + sb;
    }));
    l.add(cheap("unknown", "jdk.crypto.bad-tag", c -> fail(() -> {
      byte[] key = new byte[16];
      c.rnd.nextBytes(key);
      byte[] iv = new byte[12];
      Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
      enc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      byte[] ct = enc.doFinal(c.s.accountNo().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      key[0] ^= 1;
      Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
      dec.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      dec.doFinal(ct);
    })));
    l.add(cheap("unknown", "jdk.assertion-and-misc", c -> {
      String a = c.s.amount();
      String b = c.s.amount();
      if (c.s.chance(0.4)) {
        c.type(TestAssertion.class, c.s.pick("org.opentest4j.AssertionFailedError", "org.junit.ComparisonFailure",
            "junit.framework.AssertionFailedError", "java.lang.AssertionError"));
        return new TestAssertion(c.s.pick("expected: <" + a + "> but was: <" + b + ">", "expected:<" + a + "> but was:<" + b + ">",
            "\nExpecting actual:\n  " + a + "\nto be equal to:\n  " + b + "\nwhen comparing values using 'BigDecimalComparator'",
            "Condition not satisfied", "expected: not <null>"));
      }
      return fail(() -> {
        switch (c.rnd.nextInt(5)) {
          case 0 -> throw new AssertionError(c.s.pick("unreachable", "should not happen", null));
          case 1 -> {
            // a class that calls Object.clone without being Cloneable
            c.use(new Snapshot().copy());
          }
          case 2 -> {
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, new SecretKeySpec(new byte[16], "AES"),
                new javax.crypto.spec.IvParameterSpec(new byte[16]));
            c.use(cipher.doFinal(new byte[c.s.between(1, 15) + 16 * c.s.between(0, 3)]));
          }
          case 3 -> {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName name = new javax.management.ObjectName(c.s.pick("com.acme.pay", "kr.co.bank", "com.zaxxer.hikari")
                + ":type=" + c.s.pick("Pool", "Cache", "Metrics") + ",name=" + c.s.pick("main", "ledger", "HikariPool-1"));
            Probe probe = new Probe();
            server.registerMBean(probe, name);
            try {
              server.registerMBean(new Probe(), name);
            } finally {
              server.unregisterMBean(name);
            }
          }
          default -> {
            java.security.Signature sig = java.security.Signature.getInstance("SHA256withRSA");
            sig.initVerify(Keys.RSA.getPublic());
            sig.update(c.s.txId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            c.use(sig.verify(new byte[c.s.pick(64, 128, 255)]));
          }
        }
      });
    }));
    return l;
  }
}
