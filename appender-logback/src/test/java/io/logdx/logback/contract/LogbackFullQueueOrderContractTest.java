package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.FullQueueOrderContract;

/** The contract's {@link FullQueueOrderContract} on Logback. */
class LogbackFullQueueOrderContractTest extends FullQueueOrderContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
