package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.StatusContract;

/** The contract's {@link StatusContract} on Logback. */
class LogbackStatusContractTest extends StatusContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
