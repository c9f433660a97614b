package io.logdx.log4j2;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Registers an appender's counters as {@code io.logdx:type=DiagnosingAppender,name=<name>}. On reconfiguration
 * Log4j starts the new appender before it stops the old one of the same name: the newer registration replaces
 * the older, and the older's unregistration then leaves the newer in place.
 */
final class JmxRegistration {
  private static final Object LOCK = new Object();
  private static final Map<ObjectName, JmxRegistration> OWNERS = new HashMap<>();

  private final ObjectName name;

  private JmxRegistration(ObjectName name) {
    this.name = name;
  }

  /** The object name of an appender's counters. */
  static ObjectName objectName(String appenderName) throws JMException {
    String n = appenderName.matches("[A-Za-z0-9._-]+") ? appenderName : ObjectName.quote(appenderName);
    return new ObjectName("io.logdx:type=DiagnosingAppender,name=" + n);
  }

  /** Registers, replacing an older registration of the same name; {@code null} when JMX is unavailable. */
  static JmxRegistration register(String appenderName, DiagnosingAppenderMXBean counters) {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName on = objectName(appenderName);
      synchronized (LOCK) {
        if (server.isRegistered(on)) server.unregisterMBean(on);
        server.registerMBean(counters, on);
        JmxRegistration r = new JmxRegistration(on);
        OWNERS.put(on, r);
        return r;
      }
    } catch (JMException | RuntimeException | LinkageError e) {
      StatusLogger.getLogger().warn("Diagnosing appender {}: counters not registered with JMX", appenderName, e);
      return null;
    }
  }

  /** Unregisters, unless a newer appender of the same name has taken the name over. */
  void unregister() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      synchronized (LOCK) {
        if (OWNERS.remove(name, this) && server.isRegistered(name)) server.unregisterMBean(name);
      }
    } catch (JMException | RuntimeException | LinkageError e) {
      StatusLogger.getLogger().warn("Diagnosing appender: could not unregister {}", name, e);
    }
  }
}
