package io.logdx.core.stage2;

import io.logdx.core.Classification;
import io.logdx.core.Explanation;
import io.logdx.core.Failure;
import io.logdx.core.Generator;
import java.util.Locale;

/**
 * Stage 2 from a knowledge base of per-label variants in Korean and English. (Placeholder text until the
 * knowledge base lands with issue 4: it only restates the root cause and location.)
 */
public final class KnowledgeBaseGenerator implements Generator {
  private static final KnowledgeBaseGenerator SHARED = new KnowledgeBaseGenerator();

  public static KnowledgeBaseGenerator shared() {
    return SHARED;
  }

  @Override
  public Explanation explain(Failure failure, Classification classification, Locale locale) {
    String root = failure.rootCause().map(n -> n.header()).orElse("no exception");
    String at = failure.location().map(l -> l.printed()).orElse("?");
    boolean ko = "ko".equals(locale.getLanguage());
    String cause = ko ? root + " 예외가 " + at + "에서 발생했습니다." : root + " was thrown at " + at + ".";
    return new Explanation(cause, "", ko ? Locale.KOREAN : Locale.ENGLISH);
  }
}
