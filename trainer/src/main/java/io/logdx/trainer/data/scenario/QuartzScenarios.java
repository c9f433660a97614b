package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.net.HttpURLConnection;
import java.net.URL;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Quartz 2.5 schedulers failing as services that run jobs with them fail: a RAMJobStore scheduler (jobs and triggers
 * registered twice, triggers that will never fire, jobs whose trigger names no stored job, jobs failing inside with
 * their causes, a job that cannot be interrupted), schedulers used after shutdown, cron expressions and settings
 * from the configuration that Quartz rejects, and JobStoreTX over an H2 database without the Quartz tables or behind a
 * port where nobody listens. Every scheduler runs daemon threads and is shut down with the generator.
 */
final class QuartzScenarios {
  private QuartzScenarios() {}

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static Scheduler ram;
  private static Scheduler jdbc;
  private static final Map<String, CompletableFuture<JobExecutionException>> RESULTS = new ConcurrentHashMap<>();

  static Properties props(String name, int threads) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", name);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    return p;
  }

  /** The service's shared in-memory scheduler, started, with a listener that hands out what its jobs threw. */
  static synchronized Scheduler ram(Ctx c) throws SchedulerException {
    if (ram == null) {
      Scheduler s = new StdSchedulerFactory(props("logdxRamScheduler" + NAMES.incrementAndGet(), 3)).getScheduler();
      s.getListenerManager().addJobListener(new JobListenerSupport() {
        @Override
        public String getName() {
          return "failures";
        }

        @Override
        public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
          CompletableFuture<JobExecutionException> f = RESULTS.remove(context.getJobDetail().getKey().toString());
          if (f != null) f.complete(e);
        }
      });
      s.start();
      ram = s;
      c.res.closeLater(() -> {
        synchronized (QuartzScenarios.class) {
          s.shutdown(false);
          if (ram == s) ram = null;
        }
      });
    }
    return ram;
  }

  /** A scheduler over JobStoreTX whose database has no Quartz tables (the DDL script was never run). */
  static synchronized Scheduler jdbc(Ctx c) throws SchedulerException {
    if (jdbc == null) {
      Properties p = props("settlementScheduler", 1);
      p.setProperty("org.quartz.scheduler.instanceName", "settlementScheduler");
      p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
      p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
      p.setProperty("org.quartz.jobStore.dataSource", "quartzDS");
      p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
      p.setProperty("org.quartz.jobStore.lockHandler.class", "org.quartz.impl.jdbcjobstore.StdRowLockSemaphore");
      p.setProperty("org.quartz.jobStore.lockHandler.maxRetry", "1");
      p.setProperty("org.quartz.jobStore.lockHandler.retryPeriod", "10");
      p.setProperty("org.quartz.dataSource.quartzDS.provider", "hikaricp");
      p.setProperty("org.quartz.dataSource.quartzDS.driver", "org.h2.Driver");
      p.setProperty("org.quartz.dataSource.quartzDS.URL", "jdbc:h2:mem:logdx_quartz;DB_CLOSE_DELAY=-1");
      p.setProperty("org.quartz.dataSource.quartzDS.user", "sa");
      p.setProperty("org.quartz.dataSource.quartzDS.password", "");
      p.setProperty("org.quartz.dataSource.quartzDS.maxConnections", "2");
      Scheduler s = new StdSchedulerFactory(p).getScheduler();
      jdbc = s;
      c.res.closeLater(() -> {
        synchronized (QuartzScenarios.class) {
          s.shutdown(false);
          if (jdbc == s) jdbc = null;
        }
      });
    }
    return jdbc;
  }

  private static String group(Ctx c) {
    return c.s.pick("settlement", "reports", "batch", "DEFAULT", "notifications", "reconciliation", "ledger");
  }

  private static String jobName(Ctx c) {
    return c.s.pick("nightly-settlement", "interestAccrualJob", "statement-export", "fxRateRefresh", "dormantAccountSweep",
        "cardAuthPurge", "reconcile-partner-" + c.s.digits(2), "sendDueReminders", "ledgerSnapshotJob") + c.s.pick("", "", "-" + c.s.digits(3));
  }

  private static JobDetail job(Ctx c, Class<? extends Job> cls) {
    return JobBuilder.newJob(cls).withIdentity(jobName(c), group(c)).storeDurably(c.s.chance(0.3)).build();
  }

  private static Trigger later(Ctx c, JobKey forJob) {
    return TriggerBuilder.newTrigger().withIdentity(jobName(c) + "Trigger", forJob.getGroup()).forJob(forJob)
        .startAt(new Date(4102444800000L + c.rnd.nextInt(1_000_000) * 1000L)).build();
  }

  /** A job of the application that does nothing (its runs are not what these scenarios are about). */
  public static final class NoopJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      // registered, never run
    }
  }

  /** Calls a partner API; the partner does not listen. Wraps its failure as Quartz jobs must. */
  public static final class PartnerSyncJob implements Job {
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      try {
        HttpURLConnection con = (HttpURLConnection) new URL(context.getMergedJobDataMap().getString("url")).openConnection();
        con.setConnectTimeout(2000);
        con.getResponseCode();
      } catch (java.io.IOException e) {
        if (context.getMergedJobDataMap().getBoolean("wrap")) {
          throw new JobExecutionException("Partner sync failed for " + context.getJobDetail().getKey(), e, false);
        }
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Records a settlement whose request id was already recorded. */
  public static final class SettlementJob implements Job {
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      DataSource ds = (DataSource) context.getMergedJobDataMap().get("dataSource");
      try {
        new JdbcTemplate(ds).update("INSERT INTO transfers (request_id, from_account_id, to_account_no, amount, currency) "
            + "VALUES (?, ?, ?, ?, ?)", "REQ-0001", 1, context.getMergedJobDataMap().getString("to"), 100, "KRW");
      } catch (org.springframework.dao.DataAccessException e) {
        if (context.getMergedJobDataMap().getBoolean("wrap")) throw new JobExecutionException(e, false);
        throw e;
      }
    }
  }

  /** Reads a setting from its job data that the trigger was registered without. */
  public static final class StatementJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      String accountNo = context.getMergedJobDataMap().getString("accountNo");
      context.setResult(accountNo.trim());
    }
  }

  /** Runs until released; not interruptible. */
  public static final class LongExportJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      ((CountDownLatch) context.getMergedJobDataMap().get("started")).countDown();
      try {
        ((CountDownLatch) context.getMergedJobDataMap().get("release")).await(3, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs {@code job} once now on the shared scheduler and returns what the listener got. */
  private static Throwable runJob(Ctx c, Class<? extends Job> cls, Map<String, Object> data) throws Exception {
    Scheduler s = ram(c);
    JobDetail job = JobBuilder.newJob(cls).withIdentity(jobName(c) + "-" + NAMES.incrementAndGet(), group(c))
        .usingJobData(new org.quartz.JobDataMap(data)).build();
    // the run-unique suffix of the job's name is not shown
    c.rewrite("(" + java.util.regex.Pattern.quote(job.getKey().getName()) + ")", m -> m.group(1).replaceAll("-\\d+$", ""));
    CompletableFuture<JobExecutionException> f = new CompletableFuture<>();
    RESULTS.put(job.getKey().toString(), f);
    s.scheduleJob(job, TriggerBuilder.newTrigger().startNow().build());
    JobExecutionException e = f.get(10, TimeUnit.SECONDS);
    if (e == null) throw new IllegalStateException("job did not fail");
    return e;
  }

  /**
   * JobStoreTX hands out its connections through a JDK proxy whose handler calls by reflection: the proxy's number
   * depends on the proxies made before it in the JVM, and the JDK's reflection switches from its native accessor to a
   * generated one after some calls. Both are shown in their first form, so that a run does not depend on what ran
   * before it.
   */
  static Throwable stableReflection(Throwable t) {
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable x = t; x != null && seen.add(x); x = x.getCause()) {
      List<StackTraceElement> out = new ArrayList<>();
      for (StackTraceElement e : x.getStackTrace()) {
        if (e.getClassName().matches("jdk\\.internal\\.reflect\\.GeneratedMethodAccessor\\d+")) {
          out.add(new StackTraceElement(null, "java.base", null, "jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0",
              "NativeMethodAccessorImpl.java", -2));
          out.add(new StackTraceElement(null, "java.base", null, "jdk.internal.reflect.NativeMethodAccessorImpl", "invoke",
              "NativeMethodAccessorImpl.java", 77));
        } else if (e.getClassName().matches("(jdk\\.proxy\\d+\\.|com\\.sun\\.proxy\\.)?\\$Proxy\\d+")) {
          out.add(new StackTraceElement(null, "jdk.proxy2", null, "jdk.proxy2.$Proxy10", e.getMethodName(), null, -1));
        } else {
          out.add(e);
        }
      }
      x.setStackTrace(out.toArray(new StackTraceElement[0]));
    }
    return t;
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- illegal_state: a job or trigger registered twice (a second node, a restart without replace=true)
    l.add(cheap("illegal_state", "quartz.already-exists", c -> {
      Scheduler s = ram(c);
      JobDetail job = job(c, NoopJob.class);
      Trigger t = later(c, job.getKey());
      s.scheduleJob(job, t);
      try {
        return fail(() -> {
          if (c.s.chance(0.6)) s.scheduleJob(JobBuilder.newJob(NoopJob.class).withIdentity(job.getKey()).build(), later(c, job.getKey()));
          else s.scheduleJob(TriggerBuilder.newTrigger().withIdentity(t.getKey()).forJob(job.getKey())
              .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(c.s.between(0, 23), c.s.pick(0, 15, 30, 45))).build());
        });
      } finally {
        s.deleteJob(job.getKey());
      }
    }));
    // ---- illegal_state: a scheduler used after it was shut down (a job registered from a shutdown hook, a test)
    l.add(costly("illegal_state", "quartz.scheduler-shutdown", 2, c -> {
      Scheduler s = new StdSchedulerFactory(props("logdxShortLived" + NAMES.incrementAndGet(), 1)).getScheduler();
      s.start();
      s.shutdown(c.s.chance(0.5));
      JobDetail job = job(c, NoopJob.class);
      return fail(() -> {
        switch (c.rnd.nextInt(3)) {
          case 0 -> s.scheduleJob(job, later(c, job.getKey()));
          case 1 -> s.triggerJob(job.getKey());
          default -> s.start();
        }
      });
    }));
    // ---- illegal_argument: a trigger whose schedule ends before it could fire
    l.add(cheap("illegal_argument", "quartz.trigger-never-fires", c -> {
      Scheduler s = ram(c);
      JobDetail job = job(c, NoopJob.class);
      // a start on the hour, 2024; the window closes before the daily fire time, or the cron names a past year
      Date start = new Date(1704067200000L + c.rnd.nextInt(300 * 24) * 3_600_000L);
      TriggerBuilder<Trigger> tb = TriggerBuilder.newTrigger().withIdentity(jobName(c) + "Trigger", job.getKey().getGroup());
      int startHour = (int) ((start.getTime() / 3_600_000L) % 24);
      int k = c.rnd.nextInt(3);
      java.util.function.Supplier<Trigger> t = () -> switch (k) {
        case 0 -> tb.startAt(start).endAt(new Date(start.getTime() + c.s.between(1, 50) * 60_000L))
            .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute((startHour + c.s.between(2, 20)) % 24, 0)
                .inTimeZone(java.util.TimeZone.getTimeZone("UTC"))).build();
        case 1 -> tb.withSchedule(CronScheduleBuilder.cronSchedule("0 " + c.s.pick("0", "30") + " " + c.s.between(0, 23) + " "
            + c.s.between(1, 28) + " " + c.s.between(1, 12) + " ? " + c.s.between(2019, 2023))).build();
        default -> tb.startAt(start).endAt(new Date(start.getTime() - c.s.between(1, 48) * 3_600_000L))
            .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever(c.s.pick(5, 10, 15, 60))).build();
      };
      try {
        return fail(() -> s.scheduleJob(job, t.get()));
      } finally {
        s.deleteJob(job.getKey());
      }
    }));
    // ---- entity_not_found: a trigger registered for a job that was never stored (or was deleted)
    l.add(cheap("entity_not_found", "quartz.trigger-job-missing", c -> fail(() ->
        ram(c).scheduleJob(later(c, JobKey.jobKey(jobName(c), group(c)))))));
    // ---- configuration_error: a cron expression from the configuration that Quartz cannot parse
    l.add(cheap("configuration_error", "quartz.cron-invalid", c -> fail(() -> {
      String property = c.s.pick("jobs.settlement.cron", "scheduler.statement-export.cron", "app.batch.interest.schedule",
          "quartz.jobs.reconcile.cronExpression");
      String cron = c.s.pick("0 0 25 * * ?", "0 */15 * * * *", "0 0 2 * * MON-FRY", "*/5 * * * *", "0 0 0 * * MON",
          "0 60 * * * ?", "0 0/5 * * *", "0 30 9 ? * 8", "0 0 3 L-32 * ?", "0 0 12 ? * MON-FRI 2026-2024",
          "0 15 10 ? * 6#6", "@daily", "0 0 " + c.s.between(24, 30) + " * * ?", "0 " + c.s.between(60, 99) + " 8 * * ?");
      try {
        if (c.s.chance(0.5)) {
          c.use(TriggerBuilder.newTrigger().withSchedule(CronScheduleBuilder.cronSchedule(cron)).build());
        } else {
          c.use(new CronExpression(cron));
        }
      } catch (RuntimeException | ParseException e) {
        if (c.s.chance(0.3)) throw e;
        throw new IllegalStateException("Invalid cron expression '" + cron + "' in property '" + property + "'", e);
      }
    })));
    // ---- configuration_error: quartz.properties that StdSchedulerFactory rejects
    l.add(costly("configuration_error", "quartz.properties-invalid", 4, c -> fail(() -> {
      Properties p = props("logdxMisconfigured" + NAMES.incrementAndGet(), 1);
      switch (c.rnd.nextInt(4)) {
        case 0 -> p.setProperty("org.quartz.threadPool.threadCount", c.s.pick("-1", "0"));
        case 1 -> {
          p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
          p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        }
        case 2 -> {
          p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
          p.setProperty("org.quartz.jobStore.dataSource", "quartzDS");
          p.setProperty("org.quartz.dataSource.quartzDS.URL", "jdbc:h2:mem:logdx_quartz_cfg");
        }
        default -> p.setProperty("org.quartz.threadPool.threadPriority", c.s.pick("11", "0", "15"));
      }
      new StdSchedulerFactory(p).getScheduler();
    })));
    // ---- db_sql_syntax: JobStoreTX over a database where the Quartz tables were never created
    l.add(cheap("db_sql_syntax", "quartz.jdbc-tables-missing", c -> stableReflection(fail(() -> {
      Scheduler s = jdbc(c);
      JobDetail job = job(c, NoopJob.class);
      switch (c.rnd.nextInt(5)) {
        case 0, 1 -> s.scheduleJob(job, later(c, job.getKey()));
        case 2 -> s.getJobDetail(job.getKey());
        case 3 -> s.checkExists(TriggerKey.triggerKey(jobName(c) + "Trigger", group(c)));
        default -> s.getTriggersOfJob(job.getKey());
      }
    }))));
    // ---- jobs failing inside: Quartz hands the listener a JobExecutionException around the job's cause
    l.add(costly("connection_refused", "quartz.job-failed-refused", 3, c -> {
      String u = NetScenarios.url(c, "http", c.res.closedPort(), c.s.path());
      return runJob(c, PartnerSyncJob.class, Map.of("url", u, "wrap", c.s.chance(0.5)));
    }));
    l.add(costly("db_constraint_violation", "quartz.job-failed-duplicate", 3, c ->
        runJob(c, SettlementJob.class, Map.of("dataSource", c.res.h2(), "to", c.s.accountNo(), "wrap", c.s.chance(0.5)))));
    l.add(costly("null_reference", "quartz.job-failed-npe", 3, c -> runJob(c, StatementJob.class, Map.of("region", "KR"))));
    // ---- unsupported_operation: interrupting a running job that is not an InterruptableJob
    l.add(costly("unsupported_operation", "quartz.unable-to-interrupt", 2, c -> {
      Scheduler s = ram(c);
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      JobDetail job = JobBuilder.newJob(LongExportJob.class).withIdentity(jobName(c), group(c))
          .usingJobData(new org.quartz.JobDataMap(Map.of("started", started, "release", release))).build();
      s.scheduleJob(job, TriggerBuilder.newTrigger().startNow().build());
      try {
        if (!started.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("job did not start");
        return fail(() -> s.interrupt(job.getKey()));
      } finally {
        release.countDown();
        for (int i = 0; i < 200 && s.checkExists(job.getKey()); i++) Thread.sleep(5);
      }
    }));
    return l;
  }
}
