package io.logdx.core;

import java.util.Locale;

/**
 * Stage 2: writes the cause and the fix, grounded in the failure. Implementations must be thread-safe and
 * must never state a value that the failure does not contain. A different generator (an on-premises
 * language model, say) can be plugged in through {@link DiagnoserBuilder#generator(Generator)}.
 */
public interface Generator {
  /**
   * @param failure the parsed, masked failure
   * @param classification stage 1's answer
   * @param locale language of the text ({@code ko} or {@code en})
   * @return the explanation
   * @throws Exception when it cannot answer; the engine turns it into an error status
   */
  Explanation explain(Failure failure, Classification classification, Locale locale) throws Exception;
}
