package io.logdx.spring.boot;

import io.logdx.core.engine.Diagnoser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.core.env.Environment;

/**
 * {@code /actuator/info}'s {@code logdx}: whether a diagnosing appender runs, its model, and a warning when the
 * rule-based classifier stands in for a model that was asked for ({@code logdx.model}). Info rather than health:
 * nothing of logdx's should enter the health aggregate that load balancers and orchestrators probe, where a
 * diagnosis library could at worst take a serving application out of rotation; a broken model is a warning for
 * people, and the application keeps serving with the rules.
 */
final class LogdxInfoContributor implements InfoContributor {
  private final Environment environment;

  LogdxInfoContributor(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> logdx = new LinkedHashMap<>();
    DiagnosingAppenders.View v = DiagnosingAppenders.current().orElse(null);
    logdx.put("active", v != null);
    if (v != null) {
      String model = v.stats().getModel();
      logdx.put("model", model);
      String asked = environment.getProperty("logdx.model", Diagnoser.Builder.DEFAULT_MODEL);
      logdx.put("modelAsked", asked);
      String warning = warning(model, asked);
      if (warning != null) logdx.put("warning", warning);
      logdx.put("distinctFailures", v.failures().size());
    }
    builder.withDetail("logdx", logdx);
  }

  /** The warning for a model that runs the rules in place of what was asked, or {@code null}. */
  static String warning(String model, String asked) {
    if ("none".equals(model)) {
      return "the diagnosis engine did not start: failures are logged undiagnosed (see the log's status lines)";
    }
    if (!model.startsWith(Diagnoser.Builder.RULES_ID)
        || Diagnoser.Builder.RULES_MODEL.equals(asked)) return null;
    return "the model ["
        + asked
        + "] could not be loaded; the rule-based classifier stands in ("
        + model
        + ")";
  }
}
