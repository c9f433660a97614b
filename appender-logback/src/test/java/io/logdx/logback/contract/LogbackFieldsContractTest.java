package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.FieldsContract;

/** The contract's {@link FieldsContract} on Logback. */
class LogbackFieldsContractTest extends FieldsContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
