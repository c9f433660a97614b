package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.JmxContract;

/** The contract's {@link JmxContract} on Logback. */
class LogbackJmxContractTest extends JmxContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
