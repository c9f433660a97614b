package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Scenario;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Thread pools, futures and interrupts: timeouts, rejected tasks, interrupted and cancelled work. */
final class ConcurrencyScenarios {
  private ConcurrencyScenarios() {}

  static final class RateQuoteClient {
    String quote(long sleepMs) throws InterruptedException {
      Thread.sleep(sleepMs);
      return "1350.00";
    }
  }

  static ExecutorService daemonPool(int n) {
    return Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "scenario-worker");
      t.setDaemon(true);
      return t;
    });
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- timeout
    l.add(costly("timeout", "jdk.future-get-timeout", 3, c -> {
      ExecutorService pool = daemonPool(1);
      try {
        Future<String> f = pool.submit(() -> new RateQuoteClient().quote(2000));
        return fail(() -> f.get(c.s.between(20, 60), TimeUnit.MILLISECONDS));
      } finally {
        pool.shutdownNow();
      }
    }));
    l.add(costly("timeout", "jdk.completablefuture-timeout", 3, c -> {
      ExecutorService pool = daemonPool(1);
      try {
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
          try {
            return new RateQuoteClient().quote(2000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
          }
        }, pool);
        if (c.s.chance(0.5)) return fail(() -> f.get(c.s.between(20, 60), TimeUnit.MILLISECONDS));
        return fail(() -> f.orTimeout(c.s.between(20, 60), TimeUnit.MILLISECONDS).join());
      } finally {
        pool.shutdownNow();
      }
    }));
    l.add(costly("timeout", "app.latch-timeout", 3, c -> fail(() -> {
      CountDownLatch done = new CountDownLatch(1);
      long waitMs = c.s.between(20, 50);
      if (!done.await(waitMs, TimeUnit.MILLISECONDS)) {
        throw new TimeoutException(c.s.pick("Timed out waiting for settlement lock after " + waitMs * 100 + " ms",
            "Timeout waiting for response from core banking (" + waitMs * 100 + "ms)",
            "응답 대기 시간 초과: " + waitMs * 100 + "ms", "Did not observe any item or terminal signal within "
                + waitMs * 100 + "ms in 'map' (and no fallback has been configured)"));
      }
    })));
    l.add(costly("timeout", "jdk.invokeAny-timeout", 2, c -> {
      ExecutorService pool = daemonPool(2);
      try {
        return fail(() -> pool.invokeAny(List.of(() -> new RateQuoteClient().quote(2000),
            () -> new RateQuoteClient().quote(2000)), c.s.between(20, 50), TimeUnit.MILLISECONDS));
      } finally {
        pool.shutdownNow();
      }
    }));
    // ---- task_rejected
    l.add(costly("task_rejected", "jdk.rejected.saturated", 4, c -> {
      CountDownLatch release = new CountDownLatch(1);
      ThreadPoolExecutor pool = new ThreadPoolExecutor(1, c.s.between(1, 2), 60, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(c.s.between(1, 3)), r -> {
            Thread t = new Thread(r, "scenario-worker");
            t.setDaemon(true);
            return t;
          });
      try {
        return fail(() -> {
          for (int i = 0; i < 10; i++) {
            if (c.s.chance(0.5)) pool.execute(() -> await(release));
            else pool.submit(() -> await(release));
          }
        });
      } finally {
        release.countDown();
        pool.shutdownNow();
      }
    }));
    l.add(cheap("task_rejected", "jdk.rejected.shutdown", c -> {
      switch (c.rnd.nextInt(3)) {
        case 0 -> {
          ExecutorService pool = Executors.newSingleThreadExecutor();
          pool.shutdown();
          return fail(() -> pool.submit(() -> c.s.txId()));
        }
        case 1 -> {
          ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
          pool.shutdown();
          return fail(() -> pool.schedule(() -> { }, 5, TimeUnit.SECONDS));
        }
        default -> {
          ForkJoinPool pool = new ForkJoinPool(1);
          pool.shutdown();
          return fail(() -> pool.submit(() -> c.s.txId()));
        }
      }
    }));
    l.add(costly("task_rejected", "spring.task-rejected", 3, c -> {
      CountDownLatch release = new CountDownLatch(1);
      ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1), r -> {
        Thread t = new Thread(r, "scenario-worker");
        t.setDaemon(true);
        return t;
      });
      org.springframework.core.task.support.TaskExecutorAdapter exec =
          new org.springframework.core.task.support.TaskExecutorAdapter(pool);
      try {
        return fail(() -> {
          for (int i = 0; i < 5; i++) exec.execute(() -> await(release));
        });
      } finally {
        release.countDown();
        pool.shutdownNow();
      }
    }));
    // ---- interrupted
    l.add(cheap("interrupted", "jdk.interrupted.sleep-wait", c -> {
      Thread.currentThread().interrupt();
      try {
        return fail(() -> {
          switch (c.rnd.nextInt(4)) {
            case 0 -> new RateQuoteClient().quote(c.s.between(100, 5000));
            case 1 -> new LinkedBlockingQueue<String>().take();
            case 2 -> new CountDownLatch(1).await();
            default -> new ArrayBlockingQueue<String>(1).poll(5, TimeUnit.SECONDS);
          }
        });
      } finally {
        Thread.interrupted();
      }
    }));
    l.add(cheap("interrupted", "jdk.cancelled", c -> {
      if (c.s.chance(0.5)) {
        CompletableFuture<String> f = new CompletableFuture<>();
        f.cancel(true);
        return fail(() -> f.join());
      }
      ExecutorService pool = daemonPool(1);
      try {
        Future<String> f = pool.submit(() -> new RateQuoteClient().quote(2000));
        f.cancel(true);
        return fail(() -> f.get());
      } finally {
        pool.shutdownNow();
      }
    }));
    l.add(cheap("interrupted", "jdk.closed-by-interrupt", c -> {
      Path p = c.res.tempDir().resolve("interrupt.dat");
      if (!Files.exists(p)) Files.write(p, new byte[64]);
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
        Thread.currentThread().interrupt();
        return fail(() -> ch.read(ByteBuffer.allocate(16)));
      } finally {
        Thread.interrupted();
      }
    }));
    return l;
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
