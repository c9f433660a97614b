package io.logdx.spring.boot;

import io.logdx.core.Diagnosis;
import io.logdx.core.pipeline.SeenFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;

/**
 * logdx's meters (Micrometer, bound by Boot to every registry):
 *
 * <ul>
 *   <li>{@code logdx.diagnoses} (counter), tags {@code category} and {@code status}: every event handed on with a
 *       {@code diagnosis.status}, once, with that status ({@code unknown} category unless complete); and every
 *       follow-up, with status {@code ok} and its category, so that {@code status="ok"} counts every failure
 *       diagnosed, late or not.
 *   <li>{@code logdx.model.time} (function timer): model runs of the engine (count) and their wall time.
 *   <li>{@code logdx.queue.depth} (gauge): events queued or waiting for their diagnosis (the MBean's Queued).
 *   <li>{@code logdx.cache.size} (gauge): diagnoses the engine has cached.
 *   <li>{@code logdx.failures.distinct} (gauge): distinct failures the endpoint can show.
 * </ul>
 *
 * The gauges and the timer read the diagnosing appender on the root logger at each scrape (0 when there is none);
 * the counter listens to the one there when the registry is bound, and stops listening when the context closes.
 */
final class LogdxMetrics implements MeterBinder, DisposableBean {
  static final String DIAGNOSES = "logdx.diagnoses";

  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  private record Subscription(SeenFailures failures, SeenFailures.Listener listener) {}

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("logdx.queue.depth", this, m -> view(v -> v.stats().getQueued()))
        .description("Events queued or waiting for their diagnosis")
        .baseUnit("events")
        .register(registry);
    Gauge.builder("logdx.cache.size", this, m -> view(DiagnosingAppenders.View::cachedDiagnoses))
        .description("Diagnoses cached by the engine")
        .register(registry);
    Gauge.builder("logdx.failures.distinct", this, m -> view(v -> v.failures().size()))
        .description("Distinct failures seen (bounded)")
        .register(registry);
    FunctionTimer.builder(
            "logdx.model.time",
            this,
            m -> (long) view(DiagnosingAppenders.View::modelRuns),
            m -> view(DiagnosingAppenders.View::modelTimeNanos),
            TimeUnit.NANOSECONDS)
        .description("Diagnoses computed by the engine (stage 1 and 2) and their wall time")
        .register(registry);
    DiagnosingAppenders.current()
        .ifPresent(
            v -> {
              SeenFailures.Listener l = new Counting(registry);
              v.failures().addListener(l);
              subscriptions.add(new Subscription(v.failures(), l));
            });
  }

  private static double view(java.util.function.ToDoubleFunction<DiagnosingAppenders.View> f) {
    return DiagnosingAppenders.current().map(f::applyAsDouble).orElse(0.0);
  }

  @Override
  public void destroy() {
    for (Subscription s : subscriptions) s.failures().removeListener(s.listener());
    subscriptions.clear();
  }

  /** Counts on the dispatcher: a map lookup per diagnosis once its counter exists. */
  private static final class Counting implements SeenFailures.Listener {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    Counting(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void diagnosed(Diagnosis d, boolean followUp) {
      String category = d.category();
      String status = d.status().value();
      counters
          .computeIfAbsent(
              status + '\u0000' + category,
              k ->
                  Counter.builder(DIAGNOSES)
                      .description("Failures handed on with a diagnosis, by category and status")
                      .tag("category", category)
                      .tag("status", status)
                      .register(registry))
          .increment();
    }
  }
}
