package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.DeepCauseChainContract;

/** The contract's {@link DeepCauseChainContract} on Logback. */
class LogbackDeepCauseChainContractTest extends DeepCauseChainContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
