package io.logdx.cli;

import io.logdx.core.engine.Diagnoser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that set up the engine, shared by {@code diagnose} and {@code batch}. */
final class EngineOptions {
  @Option(
      names = "--locale",
      paramLabel = "ko|en",
      converter = LocaleConverter.class,
      description =
          "Language of cause and fix: ko or en (default: the JVM's locale; ko when it is Korean, else en).")
  Locale locale;

  @Option(
      names = "--model",
      paramLabel = "rules|default|PATH",
      defaultValue = Diagnoser.Builder.DEFAULT_MODEL,
      description =
          "Stage 1: 'default' (the shipped model, the rules when it cannot load), 'rules', "
              + "or the folder of a model exported by the trainer (default: ${DEFAULT-VALUE}).")
  String model;

  /** Checks the options that picocli cannot check by type; throws a usage error. */
  void validate(CommandLine cl) {
    if (!"rules".equals(model)
        && !Diagnoser.Builder.DEFAULT_MODEL.equals(model)
        && !model.startsWith("classpath:")
        && !Files.exists(Path.of(model))) {
      throw new CommandLine.ParameterException(
          cl,
          "--model: no model at '"
              + model
              + "' (use rules, default, classpath:RESOURCE or an existing folder)");
    }
  }

  /** The language of cause and fix for this run. */
  Locale effectiveLocale() {
    Locale l = locale != null ? locale : Locale.getDefault();
    return "ko".equals(l.getLanguage()) ? Locale.KOREAN : Locale.ENGLISH;
  }

  /** A builder with model and locale set; a command-line run owns its machine, so model time is not limited. */
  Diagnoser.Builder builder() {
    return Diagnoser.builder()
        .model(model)
        .locale(effectiveLocale())
        .modelTimeShare(Double.POSITIVE_INFINITY);
  }

  /** Warns on stderr when the requested model could not load and the engine fell back to the rules. */
  static void warnOnFallback(Diagnoser dx, String requested, java.io.PrintWriter err) {
    String id = dx.modelId();
    if (id.contains("fallback")) {
      err.println("logdx: warning: model '" + requested + "' could not load; using " + id);
    }
  }

  /** Splits comma-separated package lists, dropping blanks. */
  static List<String> packages(List<String> raw) {
    List<String> out = new ArrayList<>();
    if (raw == null) return out;
    for (String r : raw) {
      for (String p : r.split(",")) {
        if (!p.isBlank()) out.add(p.strip());
      }
    }
    return out;
  }

  /** Accepts ko or en (and tags such as ko-KR or en_US); anything else is a usage error. */
  static final class LocaleConverter implements CommandLine.ITypeConverter<Locale> {
    @Override
    public Locale convert(String value) {
      Locale l = Locale.forLanguageTag(value.strip().replace('_', '-'));
      String lang = l.getLanguage();
      if ("ko".equals(lang)) return Locale.KOREAN;
      if ("en".equals(lang)) return Locale.ENGLISH;
      throw new CommandLine.TypeConversionException(
          "unsupported locale '" + value + "': use ko or en");
    }
  }
}
