package io.logdx.logback.contract;

import io.logdx.contract.AppenderHarness;
import io.logdx.contract.ProblemReportContract;

/** The contract's {@link ProblemReportContract} on Logback. */
class LogbackProblemReportContractTest extends ProblemReportContract {
  @Override
  protected AppenderHarness newHarness() {
    return new LogbackHarness();
  }
}
