package io.logdx.log4j2.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.DeepCauseChainContract;
import io.logdx.log4j2.Log4j2Harness;

/** The contract's {@link DeepCauseChainContract} on Log4j2. */
class Log4j2DeepCauseChainContractTest extends DeepCauseChainContract {
  @Override
  protected AppenderHarness newHarness() {
    return new Log4j2Harness();
  }
}
