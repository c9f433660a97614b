/**
 * logdx for Log4j2: the {@code <Diagnosing>} appender ({@link io.logdx.log4j2.DiagnosingAppender}), the
 * {@code %diagnosis} / {@code %dx{field}} pattern converter ({@link io.logdx.log4j2.DiagnosisPatternConverter}),
 * the JsonTemplateLayout event template {@code classpath:LogdxEcsLayout.json}, and the JMX view of the counters
 * ({@link io.logdx.core.pipeline.DiagnosingAppenderMXBean}).
 *
 * <p>Log4j finds the plugins through the index that log4j-core's annotation processor wrote into this jar
 * ({@code META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat}); no {@code packages}
 * attribute is needed. Log4j2 itself is a {@code provided} dependency: the application brings its own.
 */
package io.logdx.log4j2;
