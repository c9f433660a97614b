package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.PendingContract;

/** The contract's {@link PendingContract} on Logback. */
class LogbackPendingContractTest extends PendingContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
