package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings read the same way by both appenders (CONTRACT16 row 9): list settings and the locale. */
public abstract class SettingsContract extends AppenderContract {

  @Test
  public void listSettingsSplitOnCommasAndWhitespace() {
    AppenderHarness h =
        start(
            Scenario.RULES,
            Map.of(
                "APP_PACKAGES", "com.acme.none  io.logdx.contract.app",
                "EXCLUDES",
                    "java.lang.ArithmeticException java.lang.UnsupportedOperationException,,java.util.NoSuchElementException"));
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "diagnosed");
    h.log(Level.ERROR, LOGGER, new ArithmeticException("/ by zero"), "first item");
    h.log(Level.ERROR, LOGGER, new UnsupportedOperationException("no"), "after a space");
    h.log(Level.ERROR, LOGGER, new java.util.NoSuchElementException("none"), "after a comma");
    h.stop();
    List<WrittenEvent> out = h.events();
    assertThat(messages(out))
        .containsExactly("diagnosed", "first item", "after a space", "after a comma");
    assertThat(out.get(0).diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.LOCATION_CLASS, Failures.class.getName());
    for (WrittenEvent e : out.subList(1, 4)) {
      assertThat(e.status()).as(e.toString()).isEqualTo("skipped");
    }
  }

  @Test
  public void localeTagsAreNormalisedToTheirLanguage() {
    for (Map.Entry<String, String> tag :
        Map.of("en-US", "en", "KO", "ko", "ko-KR", "ko").entrySet()) {
      AppenderHarness h = start(Scenario.RULES, Map.of("LOCALE", tag.getKey()));
      h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected");
      h.stop();
      assertThat(h.problems())
          .as(tag.getKey())
          .noneSatisfy(m -> assertThat(m).containsIgnoringCase("locale"));
      assertThat(h.events().get(0).dx(DiagnosisFields.LOCALE))
          .as(tag.getKey())
          .isEqualTo(tag.getValue());
    }
  }

  /** A locale other than ko or en is a configuration error at start; the appender runs with the default locale. */
  @Test
  public void anUnsupportedLocaleIsReportedAndTheDefaultApplies() {
    AppenderHarness h = start(Scenario.RULES, Map.of("LOCALE", "fr"));
    assertThat(h.problems())
        .as("status messages of %s", h.framework())
        .anySatisfy(m -> assertThat(m).containsIgnoringCase("locale").contains("fr"));
    assertThatCode(
            () -> h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected"))
        .doesNotThrowAnyException();
    h.stop();
    WrittenEvent e = h.events().get(0);
    assertThat(e.status()).isEqualTo("ok");
    assertThat(e.dx(DiagnosisFields.LOCALE)).isIn("en", "ko");
  }
}
