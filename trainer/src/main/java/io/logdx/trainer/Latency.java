package io.logdx.trainer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Single-threaded latency of one stage 1 call, measured with a plain loop (not JMH: the JMH benchmark lives in
 * the benchmarks module): one warm-up pass, then {@code rounds} timed passes over the inputs.
 */
record Latency(int calls, double p50, double p99, double mean) {
  interface Call<T> {
    void run(T input) throws Exception;
  }

  static <T> Latency measure(List<T> inputs, int rounds, Call<T> call) throws Exception {
    for (T in : inputs) call.run(in);
    long[] ns = new long[inputs.size() * rounds];
    int k = 0;
    for (int r = 0; r < rounds; r++) {
      for (T in : inputs) {
        long t0 = System.nanoTime();
        call.run(in);
        ns[k++] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(ns);
    double sum = 0;
    for (long v : ns) sum += v;
    return new Latency(
        ns.length,
        ns[(int) (ns.length * 0.50)] / 1e6,
        ns[Math.min(ns.length - 1, (int) (ns.length * 0.99))] / 1e6,
        sum / ns.length / 1e6);
  }

  String format() {
    return String.format(
        Locale.ROOT, "p50 %.3f ms, p99 %.3f ms, mean %.3f ms (%d calls)", p50, p99, mean, calls);
  }
}
