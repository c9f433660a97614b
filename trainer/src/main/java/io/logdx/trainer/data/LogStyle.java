package io.logdx.trainer.data;

/**
 * The log line in front of a trace, in the default patterns of Logback, Spring Boot 2 and 3, Log4j2, Log4j 1 style
 * (Hadoop-like), java.util.logging and Tomcat. Timestamps, threads and process ids are synthetic.
 */
final class LogStyle {
  private LogStyle() {}

  static final String[] MESSAGES_EN = {
      "Unexpected error", "Unhandled exception", "Request processing failed", "Error while processing request",
      "Operation failed", "Failed to process message", "Job execution failed", "Exception in scheduled task",
      "Transaction failed", "Call failed", "Error handling event", "Processing error", "Internal server error",
      "Task failed", "Uncaught exception in thread", "Failed to complete step", "Service call failed"};
  static final String[] MESSAGES_KO = {
      "처리 중 오류가 발생했습니다", "요청 처리 실패", "예상치 못한 오류", "배치 작업 실패", "시스템 오류가 발생했습니다",
      "거래 처리 중 예외 발생", "외부 연동 실패", "이체 처리 실패"};

  static String message(Synth s, String domain) {
    int k = s.rnd().nextInt(10);
    if (k < 5) return s.pick(MESSAGES_EN);
    if (k < 7) return s.pick(MESSAGES_KO);
    if (k < 8) return "[" + s.txId() + "] " + s.pick(MESSAGES_EN);
    if (k < 9) return domain + " " + s.pick("request", "processing", "job", "event", "call") + " failed: id=" + s.id();
    return s.pick("POST", "GET", "PUT") + " " + s.path() + " failed";
  }

  static String time(Synth s) {
    return String.format("%02d:%02d:%02d.%03d", s.rnd().nextInt(24), s.rnd().nextInt(60), s.rnd().nextInt(60),
        s.rnd().nextInt(1000));
  }

  static String date(Synth s) {
    return s.isoDate();
  }

  /** Logback's and Log4j2's %logger{36}: abbreviates packages to first letters until it fits. */
  static String abbreviate(String logger, int len) {
    if (logger.length() <= len) return logger;
    String[] parts = logger.split("\\.");
    StringBuilder sb = new StringBuilder();
    int remaining = logger.length();
    for (int i = 0; i < parts.length - 1; i++) {
      if (remaining > len) {
        remaining -= parts[i].length() - 1;
        sb.append(parts[i].charAt(0)).append('.');
      } else {
        sb.append(parts[i]).append('.');
      }
    }
    return sb.append(parts[parts.length - 1]).toString();
  }

  /**
   * A log line (possibly two lines for JUL) ending with {@code msg}, or {@code null} for "no prefix".
   *
   * @return the prefix line(s) without a trailing newline
   */
  static String line(Synth s, String style, String level, String thread, String logger, String msg) {
    String t15 = thread.length() > 15 ? thread.substring(thread.length() - 15) : thread;
    return switch (style) {
      case "logback" -> time(s) + " [" + thread + "] " + String.format("%-5s", level) + " " + abbreviate(logger, 36)
          + " - " + msg;
      case "boot3" -> date(s) + "T" + time(s) + s.pick("+09:00", "Z", "+00:00", "+01:00") + " "
          + String.format("%5s", level) + " " + s.between(1, 65000) + " --- [" + s.pick("payment-api", "ledger",
              "transfer-service", "core-banking", "batch", "gateway") + "] [" + String.format("%15s", t15) + "] "
          + String.format("%-40s", abbreviate(logger, 39)) + " : " + msg;
      case "boot2" -> date(s) + " " + time(s) + " " + String.format("%5s", level) + " " + s.between(1, 65000)
          + " --- [" + String.format("%15s", t15) + "] " + String.format("%-40s", abbreviate(logger, 39)) + " : " + msg;
      case "log4j2" -> time(s) + " [" + thread + "] " + String.format("%-5s", level) + " " + abbreviate(logger, 36)
          + " - " + msg;
      case "log4j1" -> date(s) + " " + time(s).replace('.', ',') + " " + level + " [" + thread + "] "
          + logger.substring(logger.lastIndexOf('.') + 1) + " - " + msg;
      case "jul" -> s.pick("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec") + " "
          + String.format("%02d", s.between(1, 28)) + ", " + s.between(2023, 2025) + " " + s.between(1, 12) + ":"
          + String.format("%02d:%02d", s.between(0, 59), s.between(0, 59)) + " " + s.pick("AM", "PM") + " " + logger
          + " " + s.pick("process", "run", "handle", "execute") + "\n" + ("ERROR".equals(level) ? "SEVERE" : "WARNING")
          + ": " + msg;
      case "iso" -> "[" + date(s) + " " + time(s) + "] [" + thread + "] " + level + " " + logger + " - " + msg;
      default -> null;
    };
  }
}
