package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.WrappedAppenderErrorContract;

/** The contract's {@link WrappedAppenderErrorContract} on Logback. */
class LogbackWrappedAppenderErrorContractTest extends WrappedAppenderErrorContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
