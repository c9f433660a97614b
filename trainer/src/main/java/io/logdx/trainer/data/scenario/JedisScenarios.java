package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Resources;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisPooled;

/**
 * The Jedis Redis client's own failures, with no Redis server: a port nobody listens on, a server that never
 * answers, one that resets or closes the connection, one that answers in another protocol, a pool with every
 * connection taken or already closed, and connection URIs that do not parse. No Redis error reply is invented.
 */
final class JedisScenarios {
  private JedisScenarios() {}

  /** A loopback server that reads the first command and closes the connection cleanly (a proxy or server going away). */
  static final class ClosingServer implements AutoCloseable {
    final ServerSocket socket;

    ClosingServer() {
      try {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket s = socket.accept()) {
            s.setSoTimeout(500);
            s.getInputStream().read(new byte[512]);
          } catch (IOException e) {
            if (socket.isClosed()) return;
          }
        }
      }, "logdx-scenario-closing-server");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static final Map<Resources, ClosingServer> CLOSING = new IdentityHashMap<>();

  static int closingPort(Ctx c) {
    synchronized (CLOSING) {
      ClosingServer s = CLOSING.get(c.res);
      if (s == null) {
        ClosingServer started = new ClosingServer();
        Resources res = c.res;
        res.closeLater(() -> {
          synchronized (CLOSING) {
            CLOSING.remove(res);
          }
          started.close();
        });
        CLOSING.put(res, started);
        s = started;
      }
      return s.socket.getLocalPort();
    }
  }

  /** Shows the loopback address as a Redis service. */
  static void shown(Ctx c, int port) {
    String host = c.s.pick("redis-master.cache", "redis", "redis.internal", "cache-01.prod.local", "session-redis",
        "redis-0.redis-headless", "10.0." + c.s.between(0, 40) + "." + c.s.between(2, 250));
    int shownPort = c.s.pick(6379, 6379, 6379, 6380, 16379, 7000);
    c.text("127.0.0.1:" + port, host + ":" + shownPort);
    c.text("localhost:" + port, host + ":" + shownPort);
  }

  static String key(Ctx c) {
    return c.s.pick("session:", "rate:", "acct:balance:", "idem:", "otp:", "fx:quote:", "lock:transfer:", "user:profile:")
        + c.s.pick(c.s.digits(8), c.s.userId(), c.s.accountNo(), c.s.txId());
  }

  /** One application call on a client: read a cached value, write it with a TTL, bump a counter. */
  static void call(Ctx c, Jedis j) {
    switch (c.rnd.nextInt(4)) {
      case 0 -> c.use(j.get(key(c)));
      case 1 -> c.use(j.setex(key(c), c.s.pick(60, 300, 3600), "{\"amount\":" + c.s.amount() + "}"));
      case 2 -> c.use(j.incr(key(c)));
      default -> c.use(j.hgetAll(key(c)));
    }
  }

  static void call(Ctx c, JedisPooled j) {
    switch (c.rnd.nextInt(3)) {
      case 0 -> c.use(j.get(key(c)));
      case 1 -> c.use(j.setex(key(c), c.s.pick(60, 300, 3600), "{\"amount\":" + c.s.amount() + "}"));
      default -> c.use(j.exists(key(c)));
    }
  }

  /** The three ways applications hold Jedis: a plain connection, a JedisPool, a JedisPooled (UnifiedJedis). */
  static void callThrough(Ctx c, int port, int timeoutMs) {
    switch (c.rnd.nextInt(3)) {
      case 0 -> {
        try (Jedis j = new Jedis("127.0.0.1", port, timeoutMs)) {
          call(c, j);
        }
      }
      case 1 -> {
        JedisPoolConfig pc = new JedisPoolConfig();
        pc.setMaxTotal(c.s.pick(8, 16, 32));
        try (JedisPool pool = new JedisPool(pc, "127.0.0.1", port, timeoutMs); Jedis j = pool.getResource()) {
          call(c, j);
        }
      }
      default -> {
        try (JedisPooled j = new JedisPooled(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().timeoutMillis(timeoutMs).build())) {
          call(c, j);
        }
      }
    }
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(costly("connection_refused", "jedis.refused", 3, c -> {
      int port = c.res.closedPort();
      shown(c, port);
      return fail(() -> callThrough(c, port, 500));
    }));
    l.add(costly("socket_timeout", "jedis.read-timeout", 3, c -> {
      int port = c.res.silentPort();
      shown(c, port);
      return fail(() -> callThrough(c, port, c.s.between(40, 70)));
    }));
    l.add(costly("connection_reset", "jedis.connection-reset", 2, c -> {
      int port = c.res.resetPort();
      shown(c, port);
      return fail(() -> callThrough(c, port, 2000));
    }));
    l.add(costly("connection_reset", "jedis.end-of-stream", 3, c -> {
      int port = closingPort(c);
      shown(c, port);
      return fail(() -> callThrough(c, port, 2000));
    }));
    l.add(Scenario.lessOften(costly("deserialization", "jedis.unknown-reply", 2, c -> {
      // the client points at a port where an HTTP service answers: the first reply byte is no RESP type
      int port = c.res.plainResponderPort();
      shown(c, port);
      return fail(() -> callThrough(c, port, 2000));
    })));
    l.add(costly("db_pool_exhausted", "jedis.pool-exhausted", 3, c -> {
      int port = c.res.silentPort();
      shown(c, port);
      c.rewrite("borrowMaxWaitDuration=PT[0-9.]+S", m -> "borrowMaxWaitDuration=PT" + c.s.pick("2", "3", "5", "0.5", "1") + "S");
      JedisPoolConfig pc = new JedisPoolConfig();
      pc.setMaxTotal(1);
      pc.setMaxWait(Duration.ofMillis(c.s.between(40, 70)));
      DefaultJedisClientConfig cc = DefaultJedisClientConfig.builder().clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
          .socketTimeoutMillis(2000).build();
      try (JedisPool pool = new JedisPool(pc, new HostAndPort("127.0.0.1", port), cc); Jedis held = pool.getResource()) {
        c.use(held);
        return fail(() -> {
          try (Jedis j = pool.getResource()) {
            call(c, j);
          }
        });
      }
    }));
    l.add(cheap("resource_closed", "jedis.pool-closed", c -> {
      // a shutdown hook or a context refresh closed the pool while requests were still coming in
      JedisPool pool = new JedisPool("127.0.0.1", c.res.closedPort());
      pool.close();
      return fail(() -> {
        try (Jedis j = pool.getResource()) {
          call(c, j);
        }
      });
    }));
    l.add(cheap("configuration_error", "jedis.invalid-uri", c -> {
      // spring.redis.url / REDIS_URL with a port that is no number (an unexpanded variable, a typo)
      String host = c.s.pick("redis-master.cache", "cache-01.prod.local", "session-redis", "redis.internal");
      String uri = c.s.pick("redis://", "rediss://") + c.s.pick("", "default:s3@") + host + ":"
          + c.s.pick("63x9", "6379a", "redis", "port", "REDIS_PORT", "6379b") + "/" + c.s.between(0, 15);
      return fail(() -> {
        try (JedisPool pool = new JedisPool(URI.create(uri))) {
          c.use(pool);
        }
      });
    }));
    return l;
  }
}
