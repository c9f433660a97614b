/**
 * logdx for Logback: {@link io.logdx.logback.DiagnosingAppender} wraps the application's appenders (like
 * Logback's {@code AsyncAppender}) and hands every event on, in logging order, with the {@code diagnosis.*}
 * fields of {@link io.logdx.core.DiagnosisFields} in its MDC view; {@link io.logdx.logback.DiagnosisConverter}
 * ({@code %diagnosis}) and {@link io.logdx.logback.DiagnosisFieldConverter} ({@code %dx{field}}) print them in
 * patterns; {@link io.logdx.core.pipeline.DiagnosingAppenderMXBean} exposes the counters through JMX.
 *
 * <pre>{@code
 * <conversionRule conversionWord="diagnosis" class="io.logdx.logback.DiagnosisConverter"/>
 * <appender name="DIAGNOSE" class="io.logdx.logback.DiagnosingAppender">
 *   <appPackages>com.acme</appPackages>
 *   <appender-ref ref="CONSOLE"/>
 *   <appender-ref ref="JSON"/>
 * </appender>
 * <root level="INFO"><appender-ref ref="DIAGNOSE"/></root>
 * }</pre>
 *
 * <p>Logback itself is a {@code provided} dependency: the application brings its own (1.5.x).
 */
package io.logdx.logback;
