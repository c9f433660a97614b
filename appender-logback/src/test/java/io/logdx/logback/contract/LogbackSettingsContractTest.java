package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.SettingsContract;

/** The contract's {@link SettingsContract} on Logback. */
class LogbackSettingsContractTest extends SettingsContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
