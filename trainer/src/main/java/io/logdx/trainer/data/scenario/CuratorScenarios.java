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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreMutex;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * Apache Curator ({@code curator.*}) and the plain ZooKeeper client ({@code zkclient.*}) against a real ZooKeeper
 * 3.9 server started in-process on loopback (data in the generator's temp directory): missing and existing znodes,
 * version checks, ACLs, an authentication scheme the server does not know, a connection string with no server
 * behind it, invalid paths and clients used before start or after close.
 */
final class CuratorScenarios {
  private CuratorScenarios() {}

  /** Znodes under these roots exist (the scenarios create them); those under the missing roots never do. */
  static final String[] PRESENT = {"/locks", "/services", "/leader", "/config", "/workers"};

  static final String[] MISSING = {"/brokers/ids", "/consumers", "/registry", "/jobs", "/election", "/hbase/table",
      "/solr/collections", "/dubbo/providers", "/schedulers", "/rmstore"};

  static final String[] SECURED = {"ledger-master", "settlement-lock", "fx-config", "partition-owner", "card-router"};

  /** The server and the application's clients, one set per generator (its {@link Resources}). */
  static final class Zk {
    final ZooKeeperServer server;
    final ServerCnxnFactory factory;
    final String connect;
    final CuratorFramework app;
    final CuratorFramework owner;
    final ZooKeeper plain;

    Zk(Resources res) {
      // no SASL attempt (and no reverse look-up of the server address) from the clients
      if (System.getProperty("zookeeper.sasl.client") == null) System.setProperty("zookeeper.sasl.client", "false");
      // ZooKeeper's server ends the whole JVM (System.exit, with nothing printed: its logging goes to slf4j-nop) when
      // one of its critical threads fails; inside the generator that is only logged, and the scenario fails instead
      org.apache.zookeeper.util.ServiceUtils.setSystemExitProcedure(org.apache.zookeeper.util.ServiceUtils.LOG_ONLY);
      try {
        Path dir = Files.createDirectories(res.tempDir().resolve("zookeeper"));
        server = new ZooKeeperServer(dir.toFile(), dir.toFile(), 500);
        factory = ServerCnxnFactory.createFactory(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        factory.startup(server);
        connect = "127.0.0.1:" + factory.getLocalPort();
        app = client(connect, 5000);
        app.start();
        // the service that owns the secured znodes authenticates with a digest identity
        owner = CuratorFrameworkFactory.builder().connectString(connect).retryPolicy(new RetryNTimes(0, 0))
            .sessionTimeoutMs(10_000).connectionTimeoutMs(5000).authorization("digest", "ledger-svc:s3".getBytes(StandardCharsets.UTF_8))
            .build();
        owner.start();
        if (!app.blockUntilConnected(20, TimeUnit.SECONDS) || !owner.blockUntilConnected(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the loopback ZooKeeper server did not accept the clients");
        }
        for (String root : PRESENT) app.create().creatingParentsIfNeeded().forPath(root + "/.ready");
        for (String name : SECURED) {
          owner.create().creatingParentsIfNeeded().withACL(ZooDefs.Ids.CREATOR_ALL_ACL).forPath("/secure/" + name, new byte[] {1});
          owner.create().creatingParentsIfNeeded().withACL(ZooDefs.Ids.READ_ACL_UNSAFE).forPath("/readonly/" + name, new byte[] {1});
        }
        plain = new ZooKeeper(connect, 10_000, e -> { });
        plain.exists("/locks", false); // waits for the session
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (Exception e) {
        throw new IllegalStateException("could not start the loopback ZooKeeper server", e);
      }
    }

    void close() {
      try {
        plain.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      owner.close();
      app.close();
      factory.shutdown();
      server.shutdown();
    }
  }

  private static final Map<Resources, Zk> SERVERS = new IdentityHashMap<>();

  static Zk zk(Ctx c) {
    synchronized (SERVERS) {
      Zk z = SERVERS.get(c.res);
      if (z == null) {
        Zk started = new Zk(c.res);
        Resources res = c.res;
        res.closeLater(() -> {
          synchronized (SERVERS) {
            SERVERS.remove(res);
          }
          started.close();
        });
        SERVERS.put(res, started);
        z = started;
      }
      return z;
    }
  }

  static CuratorFramework client(String connect, int connectionTimeoutMs) {
    return CuratorFrameworkFactory.builder().connectString(connect).retryPolicy(new RetryNTimes(0, 0))
        .sessionTimeoutMs(Math.max(1000, connectionTimeoutMs * 2)).connectionTimeoutMs(connectionTimeoutMs).build();
  }

  static String word(Ctx c) {
    return c.s.pick("settlement", "ledger", "payments", "fx-rates", "card-auth", "statement-export", "interest-accrual",
        "kyc-review", "payout", "reconciliation");
  }

  static String missing(Ctx c) {
    String root = c.s.pick(MISSING);
    return switch (c.rnd.nextInt(4)) {
      case 0 -> root + "/" + c.s.between(0, 12);
      case 1 -> root + "/" + word(c) + "/" + c.s.pick("state", "leader", "offsets", "config", "instances");
      case 2 -> root + "/" + word(c) + "-" + c.s.dateCompact();
      default -> root + "/" + word(c);
    };
  }

  static String present(Ctx c) {
    String root = c.s.pick(PRESENT);
    return root + "/" + word(c) + c.s.pick("", "-" + c.s.between(1, 9), "-" + c.s.dateCompact(), "/node-" + c.s.digits(4));
  }

  /** Makes sure a znode (and its parents) exists in the shared tree. */
  static void ensure(CuratorFramework cf, String path) throws Exception {
    try {
      cf.create().creatingParentsIfNeeded().forPath(path, new byte[] {1});
    } catch (KeeperException.NodeExistsException e) {
      // already there from an earlier run
    }
  }

  static byte[] payload(Ctx c) {
    return ("{\"owner\":\"" + word(c) + "-" + c.s.between(1, 9) + "\",\"epoch\":" + c.s.between(1, 500) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- curator.*: the Curator framework and recipes
    l.add(cheap("no_such_element", "curator.no-node", c -> {
      CuratorFramework cf = zk(c).app;
      String path = missing(c);
      return fail(() -> {
        switch (c.rnd.nextInt(5)) {
          case 0, 1 -> c.use(cf.getData().forPath(path));
          case 2 -> cf.setData().forPath(path, payload(c));
          case 3 -> cf.delete().forPath(path);
          default -> c.use(cf.getChildren().forPath(path));
        }
      });
    }));
    l.add(cheap("optimistic_lock", "curator.bad-version", c -> {
      CuratorFramework cf = zk(c).app;
      String path = present(c);
      ensure(cf, path);
      int stale = c.s.between(1, 40);
      return fail(() -> {
        switch (c.rnd.nextInt(4)) {
          case 0, 1 -> cf.setData().withVersion(stale).forPath(path, payload(c));
          case 2 -> cf.delete().withVersion(stale).forPath(path);
          default -> cf.transaction().forOperations(cf.transactionOp().check().withVersion(stale).forPath(path),
              cf.transactionOp().setData().forPath(path, payload(c)));
        }
      });
    }));
    l.add(cheap("illegal_state", "curator.node-exists", c -> {
      CuratorFramework cf = zk(c).app;
      String path = present(c);
      ensure(cf, path);
      return fail(() -> {
        if (c.s.chance(0.5)) cf.create().withMode(c.s.pick(CreateMode.EPHEMERAL, CreateMode.PERSISTENT)).forPath(path, payload(c));
        else cf.create().creatingParentsIfNeeded().forPath(path, payload(c));
      });
    }));
    l.add(Scenario.lessOften(cheap("illegal_state", "curator.tree-state", c -> {
      CuratorFramework cf = zk(c).app;
      String path = present(c);
      if (c.s.chance(0.6)) {
        ensure(cf, path + "/member-" + c.s.between(0, 3));
        return fail(() -> cf.delete().forPath(path));
      }
      // ephemeral znodes may not have children
      String eph = "/workers/" + word(c) + "-session-" + c.s.between(1, 6);
      try {
        cf.create().withMode(CreateMode.EPHEMERAL).forPath(eph);
      } catch (KeeperException.NodeExistsException e) {
        // created by an earlier run of this session
      }
      return fail(() -> cf.create().forPath(eph + "/" + c.s.pick("task", "lease", "heartbeat") + "-" + c.s.digits(3), payload(c)));
    })));
    l.add(cheap("authorization_denied", "curator.no-auth", c -> {
      CuratorFramework cf = zk(c).app;
      String name = c.s.pick(SECURED);
      return fail(() -> {
        switch (c.rnd.nextInt(5)) {
          case 0 -> c.use(cf.getData().forPath("/secure/" + name));
          case 1 -> cf.setData().forPath("/secure/" + name, payload(c));
          case 2 -> cf.setData().forPath("/readonly/" + name, payload(c));
          case 3 -> cf.create().forPath("/readonly/" + name + "/" + c.s.pick("lock-", "member-", "task-") + c.s.digits(6));
          default -> cf.delete().forPath("/readonly/" + name + "/member-" + c.s.digits(4));
        }
      });
    }));
    l.add(costly("authentication_failure", "curator.auth-failed", 2, c -> {
      // a scheme the server has no provider for: it answers AuthFailed and the session is unusable. Whether the
      // call sees AuthFailed or the session's ConnectionLoss first is a race: the choices are drawn once, and the
      // call is repeated (a few times at most) until it ends with AuthFailed, so the same seed gives the same text
      String scheme = c.s.pick("kerberos", "ldap", "token", "x509");
      String path = c.s.pick("/secure/", "/readonly/") + c.s.pick(SECURED);
      Throwable last = null;
      for (int attempt = 0; attempt < 10; attempt++) {
        CuratorFramework cf = CuratorFrameworkFactory.builder().connectString(zk(c).connect).retryPolicy(new RetryNTimes(0, 0))
            .sessionTimeoutMs(4000).connectionTimeoutMs(2000)
            .authorization(scheme, "svc-ledger".getBytes(StandardCharsets.UTF_8)).build();
        try {
          cf.start();
          last = fail(() -> c.use(cf.getData().forPath(path)));
        } finally {
          cf.close();
        }
        if (last instanceof KeeperException.AuthFailedException) return last;
      }
      return last;
    }));
    l.add(costly("connection_refused", "curator.connection-loss", 2, c -> {
      CuratorFramework cf = client("127.0.0.1:" + c.res.closedPort(), 100);
      try {
        cf.start();
        String path = c.s.chance(0.5) ? present(c) : missing(c);
        return fail(() -> {
          if (c.s.chance(0.5)) c.use(cf.getData().forPath(path));
          else cf.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, payload(c));
        });
      } finally {
        cf.close();
      }
    }));
    l.add(cheap("illegal_state", "curator.not-started", c -> {
      // the application forgot start(), or a recipe is used out of its life cycle
      CuratorFramework latent = client("127.0.0.1:" + c.res.closedPort(), 1000);
      String path = present(c);
      return fail(() -> {
        switch (c.rnd.nextInt(4)) {
          case 0 -> c.use(latent.getData().forPath(path));
          case 1 -> latent.create().creatingParentsIfNeeded().forPath(path, payload(c));
          case 2 -> new LeaderLatch(latent, "/leader/" + word(c)).close();
          default -> c.use(latent.checkExists().forPath(path));
        }
      });
    }));
    l.add(cheap("illegal_state", "curator.lock-not-held", c -> {
      CuratorFramework cf = zk(c).app;
      String path = "/locks/" + word(c) + c.s.pick("", "-" + c.s.dateCompact(), "/" + c.s.accountNo());
      return fail(() -> {
        if (c.s.chance(0.7)) new InterProcessMutex(cf, path).release();
        else new InterProcessSemaphoreMutex(cf, path).release();
      });
    }));
    l.add(costly("resource_closed", "curator.closed-client", 2, c -> {
      CuratorFramework cf = client(zk(c).connect, 2000);
      cf.start();
      cf.close();
      String path = present(c);
      return fail(() -> {
        if (c.s.chance(0.5)) c.use(cf.getData().forPath(path));
        else cf.setData().forPath(path, payload(c));
      });
    }));
    l.add(cheap("illegal_argument", "curator.invalid-path", c -> {
      CuratorFramework cf = zk(c).app;
      String w = word(c);
      String path = switch (c.rnd.nextInt(5)) {
        case 0 -> w + "/" + c.s.between(1, 9);
        case 1 -> "/locks/" + w + "/";
        case 2 -> "/services//" + w;
        case 3 -> "/config/" + w + "/./" + c.s.pick("limits", "rates");
        default -> "/jobs/" + w + "/../" + c.s.pick("leader", "state");
      };
      return fail(() -> {
        if (c.s.chance(0.5)) c.use(cf.getData().forPath(path));
        else cf.create().creatingParentsIfNeeded().forPath(path, payload(c));
      });
    }));
    // ---- zkclient.*: the plain org.apache.zookeeper.ZooKeeper client
    l.add(cheap("no_such_element", "zkclient.no-node", c -> {
      ZooKeeper z = zk(c).plain;
      String path = missing(c);
      return fail(() -> {
        switch (c.rnd.nextInt(4)) {
          case 0, 1 -> c.use(z.getData(path, false, null));
          case 2 -> c.use(z.getChildren(path, false));
          default -> z.setData(path, payload(c), -1);
        }
      });
    }));
    l.add(cheap("optimistic_lock", "zkclient.bad-version", c -> {
      Zk s = zk(c);
      String path = present(c);
      ensure(s.app, path);
      int stale = c.s.between(1, 40);
      return fail(() -> {
        if (c.s.chance(0.7)) s.plain.setData(path, payload(c), stale);
        else s.plain.delete(path, stale);
      });
    }));
    l.add(cheap("illegal_state", "zkclient.node-exists", c -> {
      Zk s = zk(c);
      String path = present(c);
      ensure(s.app, path);
      return fail(() -> s.plain.create(path, payload(c), ZooDefs.Ids.OPEN_ACL_UNSAFE,
          c.s.pick(CreateMode.EPHEMERAL, CreateMode.PERSISTENT)));
    }));
    l.add(cheap("authorization_denied", "zkclient.no-auth", c -> {
      ZooKeeper z = zk(c).plain;
      String name = c.s.pick(SECURED);
      return fail(() -> {
        switch (c.rnd.nextInt(4)) {
          case 0 -> c.use(z.getData("/secure/" + name, false, null));
          case 1 -> z.setData("/readonly/" + name, payload(c), -1);
          case 2 -> z.create("/readonly/" + name + "/member-" + c.s.digits(4), payload(c), ZooDefs.Ids.OPEN_ACL_UNSAFE,
              CreateMode.EPHEMERAL);
          default -> z.delete(c.s.pick("/readonly/", "/secure/") + name + "/lock-" + c.s.digits(6), -1);
        }
      });
    }));
    l.add(costly("authentication_failure", "zkclient.auth-failed", 2, c -> {
      // AuthFailed or the session's ConnectionLoss first is a race (see curator.auth-failed): drawn once, repeated
      String scheme = c.s.pick("kerberos", "ldap", "token", "x509");
      String path = c.s.pick("/secure/", "/readonly/") + c.s.pick(SECURED);
      boolean read = c.s.chance(0.5);
      Throwable last = null;
      for (int attempt = 0; attempt < 10; attempt++) {
        ZooKeeper z = new ZooKeeper(zk(c).connect, 4000, e -> { });
        try {
          z.addAuthInfo(scheme, "svc-ledger".getBytes(StandardCharsets.UTF_8));
          last = fail(() -> {
            if (read) c.use(z.getData(path, false, null));
            else c.use(z.exists(path, false));
          });
        } finally {
          z.close();
        }
        if (last instanceof KeeperException.AuthFailedException) return last;
      }
      return last;
    }));
    l.add(costly("connection_refused", "zkclient.connection-loss", 2, c -> {
      ZooKeeper z = new ZooKeeper("127.0.0.1:" + c.res.closedPort(), 4000, e -> { });
      try {
        String path = c.s.chance(0.5) ? present(c) : missing(c);
        return fail(() -> {
          if (c.s.chance(0.5)) c.use(z.getData(path, false, null));
          else z.create(path, payload(c), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        });
      } finally {
        z.close();
      }
    }));
    l.add(cheap("illegal_argument", "zkclient.invalid-path", c -> {
      ZooKeeper z = zk(c).plain;
      String w = word(c);
      String path = switch (c.rnd.nextInt(5)) {
        case 0 -> w;
        case 1 -> "/services/" + w + "/";
        case 2 -> "/locks//" + w;
        case 3 -> "/config/./" + w;
        default -> "";
      };
      return fail(() -> {
        if (c.s.chance(0.5)) c.use(z.exists(path, false));
        else z.create(path, payload(c), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      });
    }));
    l.add(Scenario.lessOften(cheap("configuration_error", "zkclient.connect-string", c -> {
      // the connection string read from configuration names no server (a chroot alone, separators, nothing)
      String connect = c.s.pick("", ",", "/" + word(c), "/kafka", ",/" + word(c) + "/zk");
      return fail(() -> {
        ZooKeeper z = new ZooKeeper(connect, 30_000, e -> { });
        z.close();
      });
    })));
    return l;
  }
}
