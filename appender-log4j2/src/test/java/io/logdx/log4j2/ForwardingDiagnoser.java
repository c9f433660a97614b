package io.logdx.log4j2;

import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A diagnoser that forwards to another; tests override the step they break. */
class ForwardingDiagnoser implements Diagnoser {
  private final Diagnoser delegate;

  ForwardingDiagnoser(Diagnoser delegate) {
    this.delegate = delegate;
  }

  @Override
  public Failure parse(Throwable throwable) {
    return delegate.parse(throwable);
  }

  @Override
  public Failure parse(String logText) {
    return delegate.parse(logText);
  }

  @Override
  public CompletableFuture<Diagnosis> diagnose(Failure failure) {
    return delegate.diagnose(failure);
  }

  @Override
  public Diagnosis diagnoseNow(Failure failure) {
    return delegate.diagnoseNow(failure);
  }

  @Override
  public Optional<Diagnosis> cached(String fingerprint) {
    return delegate.cached(fingerprint);
  }

  @Override
  public Diagnoser.Stats stats() {
    return delegate.stats();
  }

  @Override
  public String modelId() {
    return delegate.modelId();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
