package io.logdx.examples.boot;

import java.lang.management.ManagementFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One timed start of the demo, for {@link StartupCost}: starts the app on a random port, prints how long
 * {@code SpringApplication.run} took, the JVM's uptime and the process's CPU time at that point, and exits.
 */
public final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    ConfigurableApplicationContext ctx = SpringApplication.run(DemoApplication.class, args);
    long runMillis = (System.nanoTime() - start) / 1_000_000;
    long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    // CPU time of the whole process until ready (all threads, the model loader's and the JIT's
    // included): steadier than wall time on a shared machine
    long cpuMillis =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1_000_000;
    System.out.println(
        "STARTUP run=" + runMillis + " uptime=" + uptimeMillis + " cpu=" + cpuMillis);
    ctx.close();
    System.exit(0);
  }
}
