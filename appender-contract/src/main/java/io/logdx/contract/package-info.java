/**
 * The one contract suite that both appender modules run: each behaviour of the unified appender contract
 * (CONTRACT16, issue 16) asserted once, for both frameworks, against a real LoggerContext started from XML and the
 * output of real encoders.
 *
 * <p>How a framework module runs it: implement {@link io.logdx.contract.AppenderHarness} (start a context from
 * the scenario's XML file, log through the framework's API, read back what the JSON encoder and the pattern layout
 * wrote and what the status channel reported), write one XML file per {@link io.logdx.contract.Scenario} in the
 * test resources, and subclass each contract class ({@link io.logdx.contract.FieldsContract},
 * {@link io.logdx.contract.StatusContract}, {@link io.logdx.contract.PendingContract},
 * {@link io.logdx.contract.QueueContract}, {@link io.logdx.contract.RecursionContract},
 * {@link io.logdx.contract.JmxContract}, {@link io.logdx.contract.PatternContract},
 * {@link io.logdx.contract.ProblemReportContract},
 * {@link io.logdx.contract.SettingsContract}, {@link io.logdx.contract.WrappedAppenderErrorContract},
 * {@link io.logdx.contract.DeepCauseChainContract}, {@link io.logdx.contract.FullQueueOrderContract}) with a class
 * that only names the harness.
 *
 * <p>Test code only: this module is a test dependency of the appender modules and is not published for users.
 */
package io.logdx.contract;
