package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.RecursionContract;

/** The contract's {@link RecursionContract} on Logback. */
class LogbackRecursionContractTest extends RecursionContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
