package io.logdx.core;

import java.util.Locale;
import java.util.Objects;

/**
 * Stage 2: writes the cause and the fix, grounded in the failure. Implementations must be thread-safe and
 * must never state a value that the failure does not contain. A different generator (an on-premises
 * language model, say) can be plugged in through {@code Diagnoser.builder().generator(...)}.
 */
public interface Generator {
  /**
   * @param failure the parsed, masked failure
   * @param classification stage 1's answer
   * @param locale language of the text ({@code ko} or {@code en})
   * @return the explanation
   * @throws Exception when it cannot answer; the engine turns it into an error status
   */
  Explanation explain(Failure failure, Classifier.Classification classification, Locale locale)
      throws Exception;

  /**
   * Stage 2's answer: why it failed and how to fix it, in one language.
   *
   * @param cause one or two sentences naming the concrete things of this trace
   * @param fix concrete steps, possibly with a short Java snippet
   * @param locale language of the text
   */
  record Explanation(String cause, String fix, Locale locale) {
    public Explanation {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(fix, "fix");
      Objects.requireNonNull(locale, "locale");
    }
  }
}
