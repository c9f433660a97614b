package io.logdx.log4j2.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.WrappedAppenderErrorContract;
import io.logdx.log4j2.Log4j2Harness;

/** The contract's {@link WrappedAppenderErrorContract} on Log4j2. */
class Log4j2WrappedAppenderErrorContractTest extends WrappedAppenderErrorContract {
  @Override
  protected AppenderHarness newHarness() {
    return new Log4j2Harness();
  }
}
