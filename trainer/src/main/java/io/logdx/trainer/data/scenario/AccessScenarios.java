package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.FilePermission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AccessControlContext;
import java.security.AccessController;
import java.security.Permission;
import java.security.Permissions;
import java.security.PrivilegedAction;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authorisation failures beyond Spring Security, and two process-permission neighbours (permission_denied: the
 * process, not a known caller, lacks the right): the JDK's access controller checking a permission in a context
 * that lacks it (real {@code AccessControlException}, no SecurityManager needed) and an HDFS-style permission
 * checker over file mode bits; then RPC servers' authorisation errors (ZooKeeper, Kafka, gRPC, Elasticsearch, AWS message formats, raised by a small
 * ACL check and shown under those types), and HTTP 403 answers read by the JDK HttpClient.
 */
final class AccessScenarios {
  private AccessScenarios() {}

  /** Asks the JDK's access controller for a permission inside a protection domain that has none. */
  @SuppressWarnings("removal")
  static void checkInSandbox(Permission p) {
    AccessControlContext sandbox = new AccessControlContext(new ProtectionDomain[] {new ProtectionDomain(null, new Permissions())});
    AccessController.doPrivileged((PrivilegedAction<Void>) () -> {
      AccessController.checkPermission(p);
      return null;
    }, sandbox);
  }

  /** An HDFS-style permission check over owner/group/other mode bits. */
  static final class PermissionChecker {
    void check(String user, Set<String> groups, String inode, String owner, String group, int mode, String access)
        throws HdfsAccessControl {
      int bit = switch (access) {
        case "READ" -> 4;
        case "WRITE" -> 2;
        default -> 1;
      };
      int shift = user.equals(owner) ? 6 : groups.contains(group) ? 3 : 0;
      if (((mode >> shift) & bit) == 0) {
        throw new HdfsAccessControl("Permission denied: user=" + user + ", access=" + access + ", inode=\"" + inode + "\":"
            + owner + ":" + group + ":" + (inode.endsWith(".csv") || inode.endsWith(".parquet") ? "-" : "d") + rwx(mode));
      }
    }

    static String rwx(int mode) {
      StringBuilder sb = new StringBuilder();
      for (int s = 6; s >= 0; s -= 3) {
        int m = (mode >> s) & 7;
        sb.append((m & 4) != 0 ? 'r' : '-').append((m & 2) != 0 ? 'w' : '-').append((m & 1) != 0 ? 'x' : '-');
      }
      return sb.toString();
    }
  }

  static final class HdfsAccessControl extends IOException {
    private static final long serialVersionUID = 1L;

    HdfsAccessControl(String m) {
      super(m);
    }
  }

  static final class RemoteError extends IOException {
    private static final long serialVersionUID = 1L;

    RemoteError(String m, Throwable cause) {
      super(m, cause);
    }
  }

  static final class AclDenied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AclDenied(String m) {
      super(m);
    }
  }

  /** A server-side ACL: which principal may do which operation on which resource. */
  static final class AclAuthorizer {
    final Map<String, Set<String>> grants;

    AclAuthorizer(Map<String, Set<String>> grants) {
      this.grants = grants;
    }

    void authorize(String principal, String operation, String message) {
      if (!grants.getOrDefault(principal, Set.of()).contains(operation)) throw new AclDenied(message);
    }
  }

  static final class ForbiddenResponse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ForbiddenResponse(String m) {
      super(m);
    }
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("permission_denied", "jdk.access-control-context", c -> fail(() -> {
      Permission p = switch (c.rnd.nextInt(5)) {
        case 0 -> new FilePermission(c.s.pick("/etc/app/keys/signing.p12", "/var/lib/ledger/export", "/opt/app/secrets/hsm.conf"),
            c.s.pick("read", "write", "read,write", "delete"));
        case 1 -> new java.util.PropertyPermission(c.s.pick("user.home", "app.signing.key", "java.io.tmpdir"), c.s.pick("read", "write"));
        case 2 -> new java.net.SocketPermission(c.s.pick("ledger-svc", "10.0.3.21", "partner.api.test") + ":" + c.s.port(),
            "connect,resolve");
        case 3 -> new RuntimePermission(c.s.pick("exitVM.0", "setSecurityManager", "getClassLoader", "modifyThread",
            "accessDeclaredMembers"));
        default -> new java.lang.reflect.ReflectPermission("suppressAccessChecks");
      };
      checkInSandbox(p);
    })));
    l.add(cheap("permission_denied", "hadoop.permission-denied", c -> {
      String user = c.s.pick("etl", "svc-batch", "spark", "analyst" + c.s.digits(2), "app", "airflow");
      String inode = c.s.pick("/data/ledger/", "/warehouse/tablespace/managed/hive/", "/user/hdfs/", "/tmp/hive/",
          "/data/raw/payments/") + c.s.pick("2024", "dt=" + c.s.isoDate(), "settlement", "part-0000" + c.s.digits(1) + ".parquet",
          "export_" + c.s.dateCompact() + ".csv");
      String access = c.s.pick("WRITE", "WRITE", "EXECUTE", "READ");
      c.type(HdfsAccessControl.class, "org.apache.hadoop.security.AccessControlException");
      c.type(RemoteError.class, "org.apache.hadoop.ipc.RemoteException(org.apache.hadoop.security.AccessControlException)");
      Throwable t = fail(() -> new PermissionChecker().check(user, Set.of(user), inode, c.s.pick("hdfs", "hive", "root"),
          c.s.pick("supergroup", "hadoop", "hdfs"), access.equals("WRITE") ? c.s.pick(0755, 0750, 0700, 0644, 0500) : c.s.pick(0750, 0700, 0770),
          access));
      if (t instanceof HdfsAccessControl h && c.s.chance(0.5)) {
        // the NameNode's answer as the client sees it: the server's exception class and message inside a RemoteException
        return new RemoteError(h.getMessage(), h);
      }
      return t;
    }));
    l.add(cheap("authorization_denied", "rpc.acl-denied", c -> {
      String principal = c.s.pick("svc-batch", "payment-api", "User:" + c.s.userId(), "analytics", c.s.userId());
      AclAuthorizer acl = new AclAuthorizer(Map.of("admin", Set.of("ALL")));
      int k = c.rnd.nextInt(6);
      String topic = c.s.pick("transfer-events", "ledger.postings", "payment-requests", "audit-log");
      String znode = c.s.pick("/ledger/locks", "/brokers/ids", "/config/payments", "/hbase/table/accounts");
      String index = c.s.pick("payments-2024.06", "audit-logs", "transfers", "customer-profile");
      String action = c.s.pick("indices:data/write/index", "indices:data/read/search", "indices:admin/create");
      String shown = switch (k) {
        case 0 -> "org.apache.zookeeper.KeeperException$NoAuthException";
        case 1 -> "org.apache.kafka.common.errors.TopicAuthorizationException";
        case 2 -> "io.grpc.StatusRuntimeException";
        case 3 -> "org.elasticsearch.ElasticsearchSecurityException";
        case 4 -> "software.amazon.awssdk.services.s3.model.S3Exception";
        default -> "org.apache.kafka.common.errors.GroupAuthorizationException";
      };
      String msg = switch (k) {
        case 0 -> "KeeperErrorCode = NoAuth for " + znode;
        case 1 -> "Not authorized to access topics: [" + topic + "]";
        case 2 -> "PERMISSION_DENIED: " + c.s.pick("caller does not have permission to " + c.s.pick("approve", "cancel") + " transfers",
            "Permission denied on resource account/" + c.s.accountNo(), "principal " + principal + " lacks scope payments.write");
        case 3 -> "action [" + action + "] is unauthorized for user [" + principal + "] with roles [" + c.s.pick("viewer", "reader", "kibana_user")
            + "], this action is granted by the index privileges [" + c.s.pick("write,all", "read,all", "create_index,manage,all") + "]";
        case 4 -> "User: arn:aws:sts::" + c.s.digits(12) + ":assumed-role/" + c.s.pick("batch-role", "app-role") + "/" + c.s.digits(10)
            + " is not authorized to perform: s3:" + c.s.pick("PutObject", "GetObject", "DeleteObject") + " on resource: \"arn:aws:s3:::"
            + c.s.pick("ledger-archive", "statements-bucket") + "/" + c.s.dateCompact() + "/" + c.s.digits(6) + ".csv\" because no "
            + "identity-based policy allows the s3:PutObject action (Service: S3, Status Code: 403, Request ID: " + c.s.hex(16) + ")";
        default -> "Not authorized to access group: " + c.s.pick("settlement-consumer", "ledger-projector");
      };
      c.type(AclDenied.class, shown);
      return fail(() -> acl.authorize(principal, "WRITE", msg));
    }));
    l.add(cheap("authorization_denied", "jdk.httpclient-403", c -> {
      String path = c.s.path();
      String u = NetScenarios.url(c, "http", c.res.httpPort(), "/status/403");
      c.text("/status/403", path);
      HttpResponse<String> r = c.res.httpClient().send(HttpRequest.newBuilder(URI.create(u)).header("Authorization", "Bearer x")
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      String shownUrl = c.s.pick("POST ", "") + u;
      String user = c.s.userId();
      c.type(ForbiddenResponse.class, c.s.pick("ForbiddenException", "PartnerApiException", "AccessDeniedException",
          "org.springframework.web.server.ResponseStatusException", "jakarta.ws.rs.ForbiddenException", "ApiClientException"));
      String msg = c.s.pick("HTTP " + r.statusCode() + " Forbidden: " + shownUrl,
          "Request to " + shownUrl + " failed with status " + r.statusCode() + ": user " + user + " does not have permission",
          r.statusCode() + " FORBIDDEN \"Access denied for user " + user + " on resource " + path + "\"",
          "HTTP " + r.statusCode() + " Forbidden", "Upstream answered " + r.statusCode() + " (forbidden) for " + shownUrl + " body="
              + r.body());
      return new ForbiddenResponse(msg);
    }));
    l.add(cheap("authorization_denied", "app.permission-check", c -> {
      String user = c.s.userId();
      String perm = c.s.pick("transfer:approve", "account:close", "payment.refund", "ROLE_ADMIN", "report:export", "limit:override");
      String res = c.s.pick("account " + c.s.accountNo(), "transfer " + c.s.txId(), "/api/v1/admin/" + c.s.pick("users", "limits"),
          "branch " + c.s.digits(4), "customer " + c.s.digits(8));
      AclAuthorizer acl = new AclAuthorizer(Map.of("admin", Set.of(perm)));
      String msg = c.s.pick("User " + user + " is not authorized to perform " + perm + " on " + res,
          "User '" + user + "' does not have permission '" + perm + "'",
          "Access denied for user " + user + " on resource " + res,
          "Principal " + user + " lacks authority " + perm, "Insufficient privileges to " + perm.replace(':', ' ') + " for " + res,
          "사용자 " + user + "에게 " + res + " 접근 권한이 없습니다", "Operation not permitted for role TELLER: " + perm);
      if (c.s.chance(0.4)) {
        return fail(() -> {
          try {
            acl.authorize(user, perm, msg);
          } catch (AclDenied e) {
            throw new org.springframework.security.access.AccessDeniedException(msg, e);
          }
        });
      }
      c.type(AclDenied.class, c.s.pick("AuthorizationException", "NotAuthorizedException", "PermissionDeniedException",
          "ForbiddenOperationException", "org.apache.shiro.authz.UnauthorizedException", "InsufficientPermissionException"));
      return fail(() -> acl.authorize(user, perm, msg));
    }));
    return l;
  }
}
