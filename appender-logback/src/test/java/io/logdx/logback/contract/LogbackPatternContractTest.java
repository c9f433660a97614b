package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.PatternContract;

/** The contract's {@link PatternContract} on Logback. */
class LogbackPatternContractTest extends PatternContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
