/**
 * logdx's Logback appender: {@code io.logdx.logback.DiagnosingAppender}, its {@code %diagnosis} and {@code %dx}
 * converters and its MXBean. Logback (Joran) creates the appender and the converters by reflection on their
 * public constructors and setters, which the exported package allows.
 */
module io.logdx.logback {
  requires transitive ch.qos.logback.classic;
  requires transitive ch.qos.logback.core;
  requires transitive io.logdx.core;
  requires transitive java.management;
  requires org.slf4j;

  exports io.logdx.logback;
}
