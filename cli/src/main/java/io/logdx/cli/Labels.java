package io.logdx.cli;

import java.util.Locale;
import java.util.Map;

/** The words of the reports in Korean and English (cause and fix come localised from the engine). */
final class Labels {
  private static final Map<String, String[]> WORDS =
      Map.ofEntries(
          Map.entry("title", new String[] {"logdx report", "logdx 보고서"}),
          Map.entry("count", new String[] {"occurrences", "발생 횟수"}),
          Map.entry("category", new String[] {"category", "분류"}),
          Map.entry("confidence", new String[] {"confidence", "신뢰도"}),
          Map.entry("root_cause", new String[] {"root cause", "근본 원인"}),
          Map.entry("location", new String[] {"location", "위치"}),
          Map.entry("first_seen", new String[] {"first seen", "처음 발생"}),
          Map.entry("last_seen", new String[] {"last seen", "마지막 발생"}),
          Map.entry("seen", new String[] {"seen", "발생 시각"}),
          Map.entry("first_at", new String[] {"first at", "처음 위치"}),
          Map.entry("cause", new String[] {"cause", "원인"}),
          Map.entry("fix", new String[] {"fix", "해결 방법"}),
          Map.entry("fingerprint", new String[] {"fingerprint", "지문"}),
          Map.entry("sample", new String[] {"sample trace (masked)", "예시 스택 트레이스 (마스킹됨)"}),
          Map.entry("chart", new String[] {"Failures per category over time", "시간대별 분류별 장애 수"}),
          Map.entry("totals", new String[] {"Failures per category", "분류별 장애 수"}),
          Map.entry(
              "no_time",
              new String[] {
                "The log lines carry no time stamps: totals per category.",
                "로그 줄에 시각이 없어 분류별 합계만 표시합니다."
              }),
          Map.entry("distinct", new String[] {"distinct failures", "서로 다른 장애"}),
          Map.entry("blocks", new String[] {"exception blocks", "예외 블록"}),
          Map.entry("lines", new String[] {"lines", "줄"}),
          Map.entry("files", new String[] {"files", "파일"}),
          Map.entry("files.one", new String[] {"file", "파일"}),
          Map.entry("distinct.one", new String[] {"distinct failure", "서로 다른 장애"}),
          Map.entry("blocks.one", new String[] {"exception block", "예외 블록"}),
          Map.entry("lines.one", new String[] {"line", "줄"}),
          Map.entry("model", new String[] {"model", "모델"}),
          Map.entry("bucket", new String[] {"bucket", "구간"}),
          Map.entry("none", new String[] {"none", "없음"}),
          Map.entry("no_failures", new String[] {"No exceptions found.", "예외를 찾지 못했습니다."}),
          Map.entry(
              "overflow",
              new String[] {
                "further blocks of failures beyond the limit of distinct failures (not diagnosed)",
                "서로 다른 장애 수 한도를 넘어 진단하지 않은 블록"
              }),
          Map.entry(
              "unparsed",
              new String[] {
                "blocks named an exception that could not be read", "예외 이름은 있으나 읽을 수 없었던 블록"
              }),
          Map.entry("status", new String[] {"status", "상태"}));

  private final int index;

  Labels(Locale locale) {
    this.index = "ko".equals(locale.getLanguage()) ? 1 : 0;
  }

  /** The word for a count: the {@code .one} form for exactly one, where the language has it. */
  String count(String key, long n) {
    return n == 1 ? get(key + ".one") : get(key);
  }

  String get(String key) {
    String[] w = WORDS.get(key);
    if (w == null) throw new IllegalArgumentException("no label " + key);
    return w[index];
  }
}
