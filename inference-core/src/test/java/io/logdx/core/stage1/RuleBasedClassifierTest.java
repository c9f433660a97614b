package io.logdx.core.stage1;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.internal.FailureParser;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RuleBasedClassifierTest {
  private final FailureParser parser = new FailureParser();
  private final RuleBasedClassifier rules = new RuleBasedClassifier();

  private String classify(String text) {
    return rules.classify(parser.parse(text)).best().label();
  }

  @Test
  void statusCodesCountOnlyAsStatusCodes() {
    assertThat(
            classify(
                "java.io.IOException: Server returned HTTP response code: 429 for URL: http://127.0.0.1:8080/x"))
        .isEqualTo("rate_limited");
    assertThat(classify("java.io.IOException: status 403 Forbidden"))
        .isEqualTo("authorization_denied");
    // numbers inside lambda names, hashes and ports are no status codes
    assertThat(
            classify(
                "java.util.concurrent.RejectedExecutionException: Task com.acme.Job$$Lambda$429/0x0000000801"
                    + "0a4c48@5e9f23b4 rejected from java.util.concurrent.ThreadPoolExecutor@6d06d69c[Running, pool size = 1]"))
        .isEqualTo("task_rejected");
    assertThat(classify("java.net.ConnectException: Connection refused: 127.0.0.1:403"))
        .isEqualTo("connection_refused");
  }

  @Test
  void aRealRejectedTaskIsTaskRejected() throws Exception {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
    try {
      Runnable sleeper =
          () -> {
            try {
              Thread.sleep(200);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      pool.execute(sleeper);
      pool.execute(sleeper);
      RejectedExecutionException rejected = null;
      for (int i = 0; i < 500 && rejected == null; i++) {
        try {
          pool.execute(() -> {});
        } catch (RejectedExecutionException e) {
          rejected = e;
        }
      }
      assertThat(rejected).isNotNull();
      assertThat(rules.classify(parser.parse(rejected)).best().label()).isEqualTo("task_rejected");
    } finally {
      pool.shutdownNow();
    }
  }
}
