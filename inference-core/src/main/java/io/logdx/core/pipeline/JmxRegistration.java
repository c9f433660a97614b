package io.logdx.core.pipeline;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers an appender's counters as {@code io.logdx:type=DiagnosingAppender,name=<name>}. A reconfiguration
 * starts the new appender before (Log4j2) or after (Logback) it stops the old one of the same name: the newer
 * registration replaces an older one, and a stopping appender unregisters only its own.
 */
final class JmxRegistration {
  static final String DOMAIN = "io.logdx";
  private static final Object LOCK = new Object();
  private static final Map<ObjectName, JmxRegistration> OWNERS = new HashMap<>();

  private final ObjectName name;

  private JmxRegistration(ObjectName name) {
    this.name = name;
  }

  /** {@code io.logdx:type=DiagnosingAppender,name=<name>}, the name quoted only when JMX requires it. */
  static ObjectName objectName(String appenderName) throws JMException {
    String n = appenderName == null || appenderName.isEmpty() ? "unnamed" : appenderName;
    boolean plain = n.chars().noneMatch(c -> ",=:\"*?\n".indexOf(c) >= 0);
    return new ObjectName(
        DOMAIN + ":type=DiagnosingAppender,name=" + (plain ? n : ObjectName.quote(n)));
  }

  /**
   * Registers, replacing an older registration of the same name.
   *
   * @throws JMException when JMX refuses (the caller reports it; the appender runs on)
   */
  static JmxRegistration register(String appenderName, DiagnosingAppenderMXBean counters)
      throws JMException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName on = objectName(appenderName);
    synchronized (LOCK) {
      if (server.isRegistered(on)) server.unregisterMBean(on);
      server.registerMBean(counters, on);
      JmxRegistration r = new JmxRegistration(on);
      OWNERS.put(on, r);
      return r;
    }
  }

  /** Unregisters, unless a newer appender of the same name has taken the name over. */
  void unregister() throws JMException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    synchronized (LOCK) {
      if (OWNERS.remove(name, this) && server.isRegistered(name)) server.unregisterMBean(name);
    }
  }

  ObjectName name() {
    return name;
  }
}
