package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Resources;
import io.logdx.trainer.data.Scenario;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.AuthorizationEntry;
import org.apache.activemq.security.AuthorizationPlugin;
import org.apache.activemq.security.DefaultAuthorizationMap;
import org.apache.activemq.security.SimpleAuthenticationPlugin;

/**
 * Apache ActiveMQ Classic (Jakarta JMS client) against an embedded, non-persistent broker started once per generator
 * on vm:// and on a loopback tcp:// port, with the simple authentication plugin and an authorization map: refused
 * and reset connections, a peer that never negotiates, bad credentials, destinations a user may not use, closed
 * sessions/producers/consumers, the memory limit of a queue with {@code sendFailIfNoSpace}, read-only and write-only
 * messages, typed reads of other types, untrusted ObjectMessage payloads, interrupted receives and request-reply
 * timeouts. Loopback addresses are shown as broker host names.
 */
final class ActiveMqScenarios {
  private ActiveMqScenarios() {}

  static final String APP_USER = "payments-svc";
  static final String READ_USER = "report-svc";
  // synthetic credentials of the embedded broker: short on purpose
  static final String APP_PW = "a1";
  static final String READ_PW = "b2";

  /** One embedded broker per generator's resources, started on first use and stopped with the generator. */
  static final class Mq implements AutoCloseable {
    private static final Map<Resources, Mq> BY_RESOURCES = new IdentityHashMap<>();
    private static final AtomicInteger SEQ = new AtomicInteger();
    final BrokerService broker;
    final String vmUrl;
    final int tcpPort;
    final Connection app;
    final Session appSession;
    private final Resources res;

    private Mq(Resources res) throws Exception {
      this.res = res;
      String name = "logdx-mq-" + SEQ.incrementAndGet();
      broker = new BrokerService();
      broker.setBrokerName(name);
      broker.setPersistent(false);
      broker.setUseJmx(false);
      broker.setAdvisorySupport(false);
      broker.setUseShutdownHook(false);
      broker.setDataDirectoryFile(res.tempDir().resolve(name).toFile());
      broker.setTmpDataDirectory(res.tempDir().resolve(name + "-tmp").toFile());
      broker.getSystemUsage().getMemoryUsage().setLimit(64L * 1024 * 1024);
      broker.getSystemUsage().setSendFailIfNoSpace(true);
      PolicyEntry pe = new PolicyEntry();
      pe.setQueue(">");
      pe.setMemoryLimit(48 * 1024);
      pe.setProducerFlowControl(true);
      PolicyMap pm = new PolicyMap();
      pm.setDefaultEntry(pe);
      broker.setDestinationPolicy(pm);
      SimpleAuthenticationPlugin auth = new SimpleAuthenticationPlugin(List.of(
          new AuthenticationUser(APP_USER, APP_PW, "apps"), new AuthenticationUser(READ_USER, READ_PW, "readers")));
      AuthorizationEntry queues = new AuthorizationEntry();
      queues.setQueue(">");
      queues.setRead("apps");
      queues.setWrite("apps");
      queues.setAdmin("apps,readers");
      AuthorizationEntry topics = new AuthorizationEntry();
      topics.setTopic(">");
      topics.setRead("apps,readers");
      topics.setWrite("apps");
      topics.setAdmin("apps,readers");
      DefaultAuthorizationMap map = new DefaultAuthorizationMap();
      map.setAuthorizationEntries(List.of(queues, topics));
      broker.setPlugins(new BrokerPlugin[] {auth, new AuthorizationPlugin(map)});
      TransportConnector tc = broker.addConnector("tcp://127.0.0.1:0");
      broker.start();
      broker.waitUntilStarted();
      tcpPort = tc.getConnectUri().getPort();
      vmUrl = "vm://" + name + "?create=false";
      app = new ActiveMQConnectionFactory(vmUrl).createConnection(APP_USER, APP_PW);
      app.start();
      appSession = app.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    static Mq of(Ctx c) throws Exception {
      synchronized (BY_RESOURCES) {
        Mq mq = BY_RESOURCES.get(c.res);
        if (mq == null) {
          mq = new Mq(c.res);
          BY_RESOURCES.put(c.res, c.res.closeLater(mq));
        }
        return mq;
      }
    }

    ActiveMQConnectionFactory vm(String options) {
      return new ActiveMQConnectionFactory(vmUrl + options);
    }

    @Override
    public void close() {
      synchronized (BY_RESOURCES) {
        BY_RESOURCES.remove(res);
      }
      closeQuietly(app);
      try {
        broker.stop();
      } catch (Exception ignored) {
        // stopping: best effort, like the other resources
      }
      broker.waitUntilStopped();
    }
  }

  /** Shows a loopback broker address as a broker host. */
  static void host(Ctx c, int port) {
    String host = c.s.pick("activemq-0.mq.svc.cluster.local", "mq-broker.internal", "amq-primary", "broker.payments.svc",
        "activemq.prod.local", "10.0." + c.s.between(0, 40) + "." + c.s.between(2, 250));
    int shown = c.s.pick(61616, 61616, 61617, 61618);
    c.text("127.0.0.1:" + port, host + ":" + shown);
    c.text("localhost:" + port, host + ":" + shown);
    c.text("/127.0.0.1", "/" + (host.matches("[\\d.]+") ? host : "10.0." + c.s.between(0, 40) + "." + c.s.between(2, 250)));
  }

  static String queue(Ctx c) {
    return c.s.pick("payments.outbound", "ledger.postings", "transfer.requests", "card.auth.events", "notify.sms",
        "settlement.batch", "fx.quotes", "audit.trail", "DLQ.payments", "loan.applications") + (c.s.chance(0.3) ? ".v" + c.s.between(1, 3) : "");
  }

  static String topic(Ctx c) {
    return c.s.pick("ledger.events", "account.status", "fx.rates", "payment.completed", "customer.updates");
  }

  /** Waits until the connection has taken note of its transport's failure. */
  static void awaitFailed(Connection con) throws InterruptedException {
    long until = System.nanoTime() + 5_000_000_000L;
    while (!((org.apache.activemq.ActiveMQConnection) con).isTransportFailed() && System.nanoTime() < until) Thread.sleep(2);
  }

  static void closeQuietly(Connection con) {
    try {
      con.close();
    } catch (Exception ignored) {
      // the connection failed already
    }
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- connection_refused: nothing listens on the broker's port
    l.add(costly("connection_refused", "activemq.connect-refused", 4, c -> fail(() -> {
      int port = c.res.closedPort();
      host(c, port);
      ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
      Connection con = c.s.chance(0.5) ? f.createConnection() : f.createConnection(APP_USER, APP_PW);
      closeQuietly(con);
    })));
    l.add(Scenario.lessOften(costly("connection_refused", "activemq.failover-refused", 3, c -> fail(() -> {
      int port = c.res.closedPort();
      host(c, port);
      Connection con = new ActiveMQConnectionFactory("failover:(tcp://127.0.0.1:" + port
          + ")?startupMaxReconnectAttempts=1&maxReconnectAttempts=1&initialReconnectDelay=10").createConnection();
      try {
        // the failover transport gives up on its own thread: the call after that reports it the same way every time
        awaitFailed(con);
        con.start();
      } finally {
        closeQuietly(con);
      }
    }))));
    // ---- socket_timeout: the peer accepts but never sends its wire format
    l.add(costly("socket_timeout", "activemq.wireformat-timeout", 2, c -> fail(() -> {
      int port = c.res.silentPort();
      host(c, port);
      Connection con = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port
          + "?wireFormat.maxInactivityDurationInitalDelay=" + c.s.between(100, 150)).createConnection();
      try {
        con.start();
      } finally {
        closeQuietly(con);
      }
    })));
    // ---- connection_reset: the peer resets the connection; the client notices it on its transport thread
    l.add(costly("connection_reset", "activemq.connection-reset", 2, c -> fail(() -> {
      int port = c.res.resetPort();
      host(c, port);
      Connection con = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port).createConnection();
      try {
        CountDownLatch failed = new CountDownLatch(1);
        con.setExceptionListener(e -> failed.countDown());
        if (!failed.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("no reset");
        awaitFailed(con);
        con.start();
      } finally {
        closeQuietly(con);
      }
    })));
    // ---- authentication_failure: the simple authentication plugin refuses the login
    l.add(costly("authentication_failure", "activemq.bad-credentials", 4, c -> {
      Mq mq = Mq.of(c);
      String user = c.s.pick(APP_USER, READ_USER, "batch-settlement", "svc-" + c.s.alnum(5).toLowerCase(), null);
      String pw = user == null ? null : "x" + c.s.alnum(6);
      boolean vm = c.s.chance(0.5);
      if (!vm) host(c, mq.tcpPort);
      // over TCP the broker's refusal and the transport's "Disposed due to prior exception" race to the client: the
      // choices are drawn once and the connection is repeated (a few times at most) until the refusal itself arrives,
      // so that the same seed gives the same text
      Throwable last = null;
      for (int attempt = 0; attempt < 10; attempt++) {
        ActiveMQConnectionFactory f = vm ? mq.vm("") : new ActiveMQConnectionFactory("tcp://127.0.0.1:" + mq.tcpPort);
        last = fail(() -> {
          Connection con = user == null ? f.createConnection() : f.createConnection(user, pw);
          try {
            con.start();
          } finally {
            closeQuietly(con);
          }
        });
        if (last instanceof jakarta.jms.JMSSecurityException) return last;
      }
      return last;
    }));
    // ---- authorization_denied: the authorization map denies the destination
    l.add(costly("authorization_denied", "activemq.not-authorized", 4, c -> fail(() -> {
      Mq mq = Mq.of(c);
      Connection con = mq.vm("").createConnection(READ_USER, READ_PW);
      try {
        con.start();
        Session s = con.createSession(false, Session.AUTO_ACKNOWLEDGE);
        switch (c.rnd.nextInt(3)) {
          case 0 -> s.createProducer(s.createQueue(queue(c))).send(s.createTextMessage("{\"id\":" + c.s.id() + "}"));
          case 1 -> s.createProducer(null).send(s.createTopic(topic(c)), s.createTextMessage("{\"id\":" + c.s.id() + "}"));
          default -> s.createConsumer(s.createQueue(queue(c))).receive(50);
        }
      } finally {
        closeQuietly(con);
      }
    })));
    // ---- resource_closed: sessions, producers, consumers and connections used after close
    l.add(costly("resource_closed", "activemq.closed", 4, c -> fail(() -> {
      Mq mq = Mq.of(c);
      switch (c.rnd.nextInt(4)) {
        case 0 -> {
          Session s = mq.app.createSession(false, Session.AUTO_ACKNOWLEDGE);
          s.close();
          if (c.s.chance(0.5)) s.createProducer(s.createQueue(queue(c)));
          else s.createTextMessage("{\"amount\":" + c.s.amount() + "}");
        }
        case 1 -> {
          Session s = mq.app.createSession(false, Session.AUTO_ACKNOWLEDGE);
          try {
            MessageProducer p = s.createProducer(s.createQueue(queue(c)));
            p.close();
            p.send(s.createTextMessage("{\"amount\":" + c.s.amount() + "}"));
          } finally {
            s.close();
          }
        }
        case 2 -> {
          Session s = mq.app.createSession(false, Session.AUTO_ACKNOWLEDGE);
          try {
            MessageConsumer mc = s.createConsumer(s.createQueue(queue(c)));
            mc.close();
            mc.receive(c.s.between(100, 1000));
          } finally {
            s.close();
          }
        }
        default -> {
          Connection con = mq.vm("").createConnection(APP_USER, APP_PW);
          con.close();
          con.createSession(false, Session.AUTO_ACKNOWLEDGE);
        }
      }
    })));
    // ---- task_rejected: the queue's memory limit is reached and the broker fails the send (sendFailIfNoSpace)
    l.add(costly("task_rejected", "activemq.memory-limit", 2, c -> fail(() -> {
      Mq mq = Mq.of(c);
      String name = queue(c);
      Connection con = mq.vm("&jms.alwaysSyncSend=true").createConnection(APP_USER, APP_PW);
      try {
        Session s = con.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue(name));
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        char[] body = new char[4096];
        Arrays.fill(body, ' ');
        for (int i = 0; i < 200; i++) p.send(s.createTextMessage(new String(body)));
      } finally {
        closeQuietly(con);
        mq.broker.removeDestination(new ActiveMQQueue(name));
      }
    })));
    // ---- illegal_state: write-only bodies read, received (read-only) messages changed
    l.add(costly("illegal_state", "activemq.message-mode", 3, c -> fail(() -> {
      Mq mq = Mq.of(c);
      Session s = mq.appSession;
      int kind = c.rnd.nextInt(3);
      if (kind == 0) {
        BytesMessage m = s.createBytesMessage();
        m.writeLong(c.s.id());
        c.use(m.readLong());
        return;
      }
      Queue q = s.createQueue(queue(c) + ".replay");
      MessageProducer p = s.createProducer(q);
      try (MessageConsumer mc = s.createConsumer(q)) {
        p.send(s.createTextMessage("{\"txId\":\"" + c.s.txId() + "\"}"));
        Message m = mc.receive(2000);
        if (kind == 1) ((TextMessage) m).setText("{\"txId\":\"" + c.s.txId() + "\",\"retry\":true}");
        else m.setIntProperty(c.s.pick("retryCount", "attempt", "redeliveries"), c.s.between(1, 5));
      } finally {
        p.close();
      }
    })));
    // ---- class_cast: a message or property read as another type than it holds
    l.add(cheap("class_cast", "activemq.message-type", c -> fail(() -> {
      Session s = Mq.of(c).appSession;
      switch (c.rnd.nextInt(3)) {
        case 0 -> s.createTextMessage("{\"amount\":" + c.s.amount() + "}").getBody(c.s.pick(Long.class, byte[].class, Map.class));
        case 1 -> {
          Message m = s.createTextMessage();
          String prop = c.s.pick("retry", "priorityCustomer", "dryRun");
          m.setBooleanProperty(prop, c.s.chance(0.5));
          if (c.s.chance(0.5)) m.getLongProperty(prop);
          else m.getIntProperty(prop);
        }
        default -> {
          StreamMessage m = s.createStreamMessage();
          m.writeLong(c.s.id());
          m.reset();
          c.use(m.readBoolean());
        }
      }
    })));
    // ---- number_format: string properties and map entries read as numbers
    l.add(cheap("number_format", "activemq.property-number", c -> fail(() -> {
      Session s = Mq.of(c).appSession;
      String bad = c.s.pick(c.s.amount() + "x", "1,000", c.s.krw(), "N/A", "", " " + c.s.between(1, 99), "12.5");
      switch (c.rnd.nextInt(3)) {
        case 0 -> {
          Message m = s.createTextMessage();
          String prop = c.s.pick("amount", "retryCount", "partition", "priorityLevel");
          m.setStringProperty(prop, bad);
          if (c.s.chance(0.5)) m.getIntProperty(prop);
          else m.getLongProperty(prop);
        }
        case 1 -> {
          MapMessage m = s.createMapMessage();
          String key = c.s.field();
          m.setString(key, bad);
          c.use(c.s.chance(0.5) ? m.getLong(key) : m.getInt(key));
        }
        default -> {
          StreamMessage m = s.createStreamMessage();
          m.writeString(bad);
          m.reset();
          c.use(m.readInt());
        }
      }
    })));
    // ---- deserialization: an ObjectMessage whose payload class is not trusted
    l.add(costly("deserialization", "activemq.untrusted-object", 3, c -> fail(() -> {
      Mq mq = Mq.of(c);
      Session s = mq.appSession;
      Queue q = s.createQueue(queue(c) + ".objects");
      Serializable payload = switch (c.rnd.nextInt(4)) {
        case 0 -> new HashMap<>(Map.of("amount", c.s.amount()));
        case 1 -> new ArrayList<>(List.of(c.s.txId()));
        case 2 -> new LinkedHashMap<>(Map.of("accountNo", c.s.accountNo()));
        default -> new TreeMap<>(Map.of("currency", c.s.currency()));
      };
      MessageProducer p = s.createProducer(q);
      try (MessageConsumer mc = s.createConsumer(q)) {
        p.send(s.createObjectMessage(payload));
        c.use(((ObjectMessage) mc.receive(2000)).getObject());
      } finally {
        p.close();
      }
    })));
    // ---- illegal_argument: bad acknowledge modes, property values, destination names
    l.add(cheap("illegal_argument", "activemq.bad-argument", c -> fail(() -> {
      Mq mq = Mq.of(c);
      switch (c.rnd.nextInt(3)) {
        case 0 -> mq.app.createSession(false, c.s.pick(6, 7, 42, 99));
        case 1 -> mq.appSession.createTextMessage().setObjectProperty(c.s.pick("valueDate", "requestId", "amount"),
            c.s.pick(java.time.LocalDate.of(2020 + c.s.between(3, 5), c.s.between(1, 12), c.s.between(1, 28)),
                java.util.UUID.fromString(c.s.uuid()), new java.math.BigDecimal(c.s.amount())));
        default -> mq.appSession.createQueue("");
      }
    })));
    l.add(Scenario.lessOften(costly("illegal_argument", "activemq.bad-selector", 3, c -> fail(() -> {
      Session s = Mq.of(c).appSession;
      String sel = c.s.pick("amount > > " + c.s.between(1, 999), "currency = KRW'", "status IN ('OPEN', ", "priority =< 4");
      try (MessageConsumer mc = s.createConsumer(s.createQueue(queue(c)), sel)) {
        c.use(mc);
      }
    }))));
    // ---- timeout: a request-reply call whose reply does not come back in time
    l.add(costly("timeout", "activemq.reply-timeout", 2, c -> fail(() -> {
      Mq mq = Mq.of(c);
      Session s = mq.appSession;
      Queue request = s.createQueue(queue(c) + ".request");
      Queue reply = s.createQueue(queue(c) + ".reply");
      String correlation = c.s.txId();
      int waitMs = c.s.pick(100, 120, 150);
      MessageProducer p = s.createProducer(request);
      try (MessageConsumer mc = s.createConsumer(reply, "JMSCorrelationID = '" + correlation + "'")) {
        TextMessage m = s.createTextMessage("{\"accountNo\":\"" + c.s.accountNo() + "\"}");
        m.setJMSReplyTo(reply);
        m.setJMSCorrelationID(correlation);
        p.send(m);
        if (mc.receive(waitMs) == null) {
          throw new java.util.concurrent.TimeoutException("No reply on " + reply + " within " + waitMs
              + " ms for correlation id " + correlation);
        }
      } finally {
        p.close();
        mq.broker.removeDestination((org.apache.activemq.command.ActiveMQDestination) request);
      }
    })));
    // ---- interrupted: a receive or a synchronous send on an interrupted thread
    l.add(costly("interrupted", "activemq.interrupted", 3, c -> fail(() -> {
      Mq mq = Mq.of(c);
      Session s = mq.appSession;
      Queue q = s.createQueue(queue(c));
      if (c.s.chance(0.5)) {
        try (MessageConsumer mc = s.createConsumer(q)) {
          Thread.currentThread().interrupt();
          try {
            mc.receive(c.s.between(500, 5000));
          } finally {
            Thread.interrupted();
          }
        }
      } else {
        MessageProducer p = s.createProducer(q);
        try {
          p.setDeliveryMode(DeliveryMode.PERSISTENT);
          Thread.currentThread().interrupt();
          try {
            p.send(s.createTextMessage("{\"amount\":" + c.s.amount() + "}"));
          } finally {
            Thread.interrupted();
          }
        } finally {
          p.close();
          mq.broker.removeDestination(new ActiveMQQueue(q.getQueueName()));
        }
      }
    })));
    return l;
  }
}
