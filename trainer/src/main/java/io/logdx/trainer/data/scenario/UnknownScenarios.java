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

  /** Stacks as jstack prints them for threads that wait, sleep or read: {state, frames...}. */
  private static final String[][] STACKS = {
      {"WAITING (parking)", "jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)",
          "- parking to wait for  <0x00000007%s> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)",
          "java.util.concurrent.locks.LockSupport.park(java.base@17.0.15/LockSupport.java:341)",
          "java.util.concurrent.LinkedBlockingQueue.take(java.base@17.0.15/LinkedBlockingQueue.java:435)",
          "java.util.concurrent.ThreadPoolExecutor.getTask(java.base@17.0.15/ThreadPoolExecutor.java:1062)",
          "java.util.concurrent.ThreadPoolExecutor.runWorker(java.base@17.0.15/ThreadPoolExecutor.java:1122)"},
      {"TIMED_WAITING (sleeping)", "java.lang.Thread.sleep(java.base@17.0.15/Native Method)",
          "org.springframework.scheduling.concurrent.ReschedulingRunnable.run(ReschedulingRunnable.java:96)",
          "java.util.concurrent.Executors$RunnableAdapter.call(java.base@17.0.15/Executors.java:539)"},
      {"RUNNABLE", "sun.nio.ch.Net.poll(java.base@17.0.15/Native Method)",
          "sun.nio.ch.NioSocketImpl.park(java.base@17.0.15/NioSocketImpl.java:186)",
          "sun.nio.ch.NioSocketImpl.timedRead(java.base@17.0.15/NioSocketImpl.java:290)",
          "java.net.Socket$SocketInputStream.read(java.base@17.0.15/Socket.java:1099)"},
      {"WAITING (on object monitor)", "java.lang.Object.wait(java.base@17.0.15/Native Method)",
          "- waiting on <0x00000007%s> (a java.lang.ref.ReferenceQueue$Lock)",
          "java.lang.ref.ReferenceQueue.remove(java.base@17.0.15/ReferenceQueue.java:155)",
          "java.lang.ref.Finalizer$FinalizerThread.run(java.base@17.0.15/Finalizer.java:172)"},
      {"TIMED_WAITING (parking)", "jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)",
          "- parking to wait for  <0x00000007%s> (a java.util.concurrent.SynchronousQueue$TransferStack)",
          "java.util.concurrent.locks.LockSupport.parkNanos(java.base@17.0.15/LockSupport.java:252)",
          "java.util.concurrent.SynchronousQueue$TransferStack.awaitFulfill(java.base@17.0.15/SynchronousQueue.java:462)"},
      {"BLOCKED (on object monitor)", "%s.ledger.LedgerCache.refresh(LedgerCache.java:%d)",
          "- waiting to lock <0x00000007%s> (a %s.ledger.LedgerCache)",
          "%s.ledger.LedgerService.post(LedgerService.java:%d)"}};

  /** A part of a thread dump (jstack, kill -3): no failure, nothing to diagnose. */
  static String threadDump(Ctx c) {
    StringBuilder sb = new StringBuilder();
    if (c.s.chance(0.4)) {
      sb.append(c.s.isoDate()).append(' ').append(c.s.isoTime()).append("\nFull thread dump OpenJDK 64-Bit Server VM (17.0.15+6-LTS mixed mode, sharing):\n\n");
    }
    String pkg = c.s.pick("com.acme.payment", "kr.co.bank.account", "io.fintech");
    int threads = c.s.between(1, 3);
    for (int t = 0; t < threads; t++) {
      String[] st = c.s.pick(STACKS);
      String name = c.s.pick("http-nio-8080-exec-", "pool-1-thread-", "kafka-consumer-", "scheduling-", "HikariPool-1 housekeeper",
          "Finalizer", "ForkJoinPool.commonPool-worker-");
      sb.append('"').append(name).append(name.endsWith("-") ? String.valueOf(c.s.between(1, 40)) : "").append("\" #").append(c.s.between(2, 300))
          .append(c.s.chance(0.7) ? " daemon" : "").append(" prio=").append(c.s.pick(5, 8, 10)).append(" os_prio=0 cpu=")
          .append(c.s.between(1, 9000)).append('.').append(c.s.digits(2)).append("ms elapsed=").append(c.s.between(10, 9000))
          .append('.').append(c.s.digits(2)).append("s tid=0x00007f").append(c.s.hex(10)).append(" nid=0x").append(c.s.hex(4))
          .append(' ').append(c.s.pick("waiting on condition", "runnable", "in Object.wait()", "waiting for monitor entry"))
          .append("  [0x00007f").append(c.s.hex(9)).append("000]\n");
      sb.append("   java.lang.Thread.State: ").append(st[0]).append('\n');
      for (int i = 1; i < st.length; i++) {
        String line = st[i].replace("%s.ledger", pkg + ".ledger").replace("%d", String.valueOf(c.s.between(40, 400)))
            .replace("%s", c.s.hex(9));
        sb.append(line.startsWith("- ") ? "\t" : "\tat ").append(line).append('\n');
      }
      if (c.s.chance(0.5)) sb.append("\n   Locked ownable synchronizers:\n\t- None\n");
      sb.append('\n');
    }
    return sb.toString().stripTrailing();
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
    l.add(Scenario.text("unknown", "text.thread-dump", UnknownScenarios::threadDump));
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
        // CloneNotSupportedException was one of these; it is an operation the object does not support, so it moved to
        // unsupported_operation (CarrierScenarios lang.uoe.clone-and-operators)
        switch (c.rnd.nextInt(5)) {
          case 0 -> throw new AssertionError(c.s.pick("unreachable", "should not happen", null));
          case 1 -> {
            // AES-GCM with the wrong key: the tag does not match (one of several crypto failures, so that this one
            // alone does not weigh on the class)
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
