/**
 * logdx's Log4j2 appender: the {@code Diagnosing} plugin ({@code io.logdx.log4j2.DiagnosingAppender}), its pattern
 * converter and its MXBean. Log4j2 finds the plugins through the index its annotation processor writes at build
 * time ({@code META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat}).
 */
// "module": named after its package, io.logdx.log4j2, whose final digit javac would rather not see
// in a module name
@SuppressWarnings("module")
module io.logdx.log4j2 {
  requires transitive io.logdx.core;
  requires transitive java.management;
  requires transitive org.apache.logging.log4j;
  requires transitive org.apache.logging.log4j.core;

  exports io.logdx.log4j2;

  // the plugin builder's attributes are fields that Log4j2 sets by reflection, whatever their
  // access
  opens io.logdx.log4j2 to
      org.apache.logging.log4j.core;
}
