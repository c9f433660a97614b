package io.logdx.log4j2;

import java.io.Serializable;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.ErrorHandler;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.filter.Filterable;

/**
 * A referenced appender as the diagnosing appender calls it: itself in every respect, except that what its
 * {@code append} throws is noted for the calling thread before it goes on to Log4j's {@code AppenderControl}.
 *
 * <p>Why: {@code AppenderControl} catches any {@code Throwable} of an appender and, with
 * {@code ignoreExceptions="true"} (the default), only tells the appender's error handler, so an event a layout
 * overflowed on, or an appender threw an {@code AssertionError} for, would count as delivered. Noted here, the
 * diagnosing appender counts it as a failed hand-on and reports it. The appender itself is not changed (its
 * handler cannot be replaced once it is started, and it may be referenced elsewhere too).
 */
final class ObservedAppender implements Appender, Filterable {
  private final Appender appender;
  private final ThreadLocal<Throwable> failure;

  /**
   * @param appender the referenced appender
   * @param failure where a failure is noted for the calling thread (read and cleared by the diagnosing appender)
   */
  ObservedAppender(Appender appender, ThreadLocal<Throwable> failure) {
    this.appender = appender;
    this.failure = failure;
  }

  Appender appender() {
    return appender;
  }

  @Override
  public void append(LogEvent event) {
    try {
      appender.append(event);
    } catch (Throwable t) {
      if (failure.get() == null) failure.set(t);
      throw t;
    }
  }

  @Override
  public String getName() {
    return appender.getName();
  }

  @Override
  public Layout<? extends Serializable> getLayout() {
    return appender.getLayout();
  }

  @Override
  public boolean ignoreExceptions() {
    return appender.ignoreExceptions();
  }

  @Override
  public ErrorHandler getHandler() {
    return appender.getHandler();
  }

  @Override
  public void setHandler(ErrorHandler handler) {
    appender.setHandler(handler);
  }

  @Override
  public State getState() {
    return appender.getState();
  }

  @Override
  public void initialize() {
    appender.initialize();
  }

  @Override
  public void start() {
    appender.start();
  }

  @Override
  public void stop() {
    appender.stop();
  }

  @Override
  public boolean isStarted() {
    return appender.isStarted();
  }

  @Override
  public boolean isStopped() {
    return appender.isStopped();
  }

  // The appender's own filter, as AppenderControl would apply it to the appender itself.

  @Override
  public void addFilter(Filter filter) {
    if (appender instanceof Filterable f) f.addFilter(filter);
  }

  @Override
  public void removeFilter(Filter filter) {
    if (appender instanceof Filterable f) f.removeFilter(filter);
  }

  @Override
  public Filter getFilter() {
    return appender instanceof Filterable f ? f.getFilter() : null;
  }

  @Override
  public boolean hasFilter() {
    return appender instanceof Filterable f && f.hasFilter();
  }

  @Override
  public boolean isFiltered(LogEvent event) {
    return appender instanceof Filterable f && f.isFiltered(event);
  }

  @Override
  public String toString() {
    return appender.toString();
  }
}
