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
      c.type(VagueException.class, c.s.pick("CommonException", "SystemException", "BizException", "ServiceException",
          "ApplicationException", "GlobalException"));
      String msg = c.s.pick("처리 중 오류가 발생했습니다", "E9999", "Unexpected error", "error", "시스템 오류", "FAIL", "Unknown error occurred",
          "Internal error (code=" + c.s.digits(4) + ")", null, "Something went wrong", "응답코드: 9999");
      if (c.s.chance(0.3)) return fail(() -> {
        throw new RuntimeException(c.s.pick(null, "Unexpected error", "error"));
      });
      return new VagueException(msg);
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
    l.add(cheap("unknown", "jdk.assertion-and-misc", c -> fail(() -> {
      switch (c.rnd.nextInt(3)) {
        case 0 -> throw new AssertionError(c.s.pick("unreachable", "expected:<" + c.s.amount() + "> but was:<" + c.s.amount() + ">",
            "should not happen"));
        case 1 -> throw new Exception(c.s.pick("error code " + c.s.digits(4), "failed", "null"));
        default -> {
          Object o = new Object() {
            @Override
            protected Object clone() throws CloneNotSupportedException {
              return super.clone();
            }
          };
          java.lang.reflect.Method m = Object.class.getDeclaredMethod("clone");
          c.use(m.getName());
          throw new javax.crypto.BadPaddingException("Given final block not properly padded. Such issues can arise if a bad key is used during decryption.");
        }
      }
    })));
    return l;
  }
}
