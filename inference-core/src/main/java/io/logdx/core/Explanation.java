package io.logdx.core;

import java.util.Locale;
import java.util.Objects;

/** Stage 2's answer: why it failed and how to fix it, in one language. Immutable. */
public final class Explanation {
  private final String cause;
  private final String fix;
  private final Locale locale;

  public Explanation(String cause, String fix, Locale locale) {
    this.cause = Objects.requireNonNull(cause, "cause");
    this.fix = Objects.requireNonNull(fix, "fix");
    this.locale = Objects.requireNonNull(locale, "locale");
  }

  /** One or two sentences naming the concrete things of this trace. */
  public String cause() { return cause; }

  /** Concrete steps, possibly with a short Java snippet. */
  public String fix() { return fix; }

  /** Language of the text. */
  public Locale locale() { return locale; }
}
