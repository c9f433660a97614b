package io.logdx.examples.bank;

/**
 * One way the service fails, provoked through its real code path.
 *
 * @param id short name, also written to the MDC as {@code scenario}
 * @param failure what goes wrong, for the summary table
 * @param expected the taxonomy category a correct diagnosis gives
 * @param times how often the failure is provoked (repeats share one fingerprint)
 * @param action provokes it once; must make the service log exactly one error
 */
public record Scenario(String id, String failure, String expected, int times, Action action) {

  /** Provokes the failure once against a running bank. */
  @FunctionalInterface
  public interface Action {
    void provoke(Bank bank) throws Exception;
  }
}
