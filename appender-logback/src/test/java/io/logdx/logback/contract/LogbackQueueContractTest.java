package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.QueueContract;

/** The contract's {@link QueueContract} on Logback. */
class LogbackQueueContractTest extends QueueContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
