package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Grafts;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Where authentication and authorisation meet under the same class names: Hadoop's {@code AccessControlException}
 * and {@code AuthorizationException}, cloud SDKs' service exceptions (HTTP 403 for both "access denied" and
 * "invalid key"), SASL/Kerberos. The message decides (taxonomy rule 2), so both sides are built:
 * <ul>
 *   <li>authorization_denied: a known principal refused an operation (impersonation, protocol ACLs, queue and
 *       application ACLs, superuser checks, KMS key ACLs, HBase and Hive privileges), cloud 403s read from a real
 *       loopback 403 (AWS SDK v1/v2, GCS, Azure formats; Hadoop S3A's {@code AccessDeniedException}), ZooKeeper's
 *       NoAuth, database privileges (real H2 "Not enough rights", vendor formats);</li>
 *   <li>authentication_failure: real JDK SASL GSSAPI without a ticket ("GSS initiate failed") and a Kerberos
 *       login without a keytab ("Unable to obtain password from user"), shown as Hadoop reports them, and the
 *       public formats of Hadoop's "Client cannot authenticate via", SIMPLE authentication, invalid delegation
 *       tokens, SPNEGO 401s, and cloud/RPC invalid-credential errors.</li>
 * </ul>
 */
final class AuthBoundaryScenarios {
  private AuthBoundaryScenarios() {}

  static final class Denied extends IOException {
    private static final long serialVersionUID = 1L;

    Denied(String m) {
      super(m);
    }

    Denied(String m, Throwable cause) {
      super(m, cause);
    }
  }

  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String m, Throwable cause) {
      super(m, cause);
    }
  }

  /** The server side of an ACL: which user may do which operation. */
  static final class AccessPolicy {
    final Map<String, String> grants = Map.of("hdfs", "ALL");

    void check(String user, String message) throws Denied {
      if (!"ALL".equals(grants.get(user))) throw new Denied(message);
    }
  }

  static String realm(Ctx c) {
    return c.s.pick("EXAMPLE.COM", "CORP.BANK.TEST", "HADOOP.INTERNAL", "DEV.ACME.TEST");
  }

  static String ip(Ctx c) {
    return "10.0." + c.s.between(0, 40) + "." + c.s.between(2, 250);
  }

  static String protocol(Ctx c) {
    return c.s.pick("org.apache.hadoop.hdfs.protocol.ClientProtocol", "org.apache.hadoop.yarn.api.ApplicationClientProtocolPB",
        "org.apache.hadoop.hdfs.server.protocol.DatanodeProtocol", "org.apache.hadoop.security.RefreshUserMappingsProtocol",
        "org.apache.hadoop.yarn.server.api.ResourceManagerAdministrationProtocolPB", "org.apache.hadoop.mapreduce.v2.api.HSClientProtocolPB");
  }

  static String appId(Ctx c) {
    return "application_" + (1_700_000_000_000L + c.s.between(0, 99_999_999)) + "_" + String.format("%04d", c.s.between(1, 9999));
  }

  static final String IPC_CLIENT = """
      org.apache.hadoop.ipc.Client|getRpcResponse|1612
      org.apache.hadoop.ipc.Client|call|1558
      org.apache.hadoop.ipc.Client|call|1455
      org.apache.hadoop.ipc.ProtobufRpcEngine2$Invoker|invoke|242
      org.apache.hadoop.ipc.ProtobufRpcEngine2$Invoker|invoke|129
      """;

  // ---- authorization_denied: a known principal may not do this

  /** Family 0: proxy-user, protocol and KMS ACLs (AuthorizationException); 1: YARN, HDFS superuser, HBase, Hive checks. */
  static Throwable hadoopAuthorization(Ctx c, int family) {
    String user = c.s.pick("etl", "svc-batch", "hue", "analyst" + c.s.digits(2), "spark", "oozie", "app", "knox");
    String realm = realm(c);
    String op;
    String type;
    int kind = family == 0 ? c.s.pick(0, 1, 2, 3, 7) : c.s.pick(4, 5, 6, 8, 9);
    String msg = switch (kind) {
      case 0 -> {
        type = "org.apache.hadoop.security.authorize.AuthorizationException";
        yield "User: " + user + c.s.pick("", "@" + realm, "/" + c.s.pick("gateway01", "edge-2") + ".internal@" + realm)
            + " is not allowed to impersonate " + c.s.pick("alice", "batch", c.s.userId(), "hive");
      }
      case 1 -> {
        type = "org.apache.hadoop.security.authorize.AuthorizationException";
        yield "Unauthorized connection for super-user: " + user + "/" + c.s.pick("gateway01", "edge-2") + ".internal@" + realm
            + " from IP " + ip(c);
      }
      case 2 -> {
        type = "org.apache.hadoop.security.authorize.AuthorizationException";
        yield "User " + user + "@" + realm + " (auth:KERBEROS) is not authorized for protocol interface " + protocol(c)
            + c.s.pick("", ", expected client Kerberos principal is " + c.s.pick("nn", "dn", "rm") + "/_HOST@" + realm);
      }
      case 3 -> {
        type = "org.apache.hadoop.security.AccessControlException";
        yield "Connection from " + ip(c) + ":" + c.s.between(32768, 60999) + " for protocol " + protocol(c)
            + " is unauthorized for user " + user + " (auth:" + c.s.pick("KERBEROS", "SIMPLE", "TOKEN") + ")";
      }
      case 4 -> {
        type = c.s.pick("org.apache.hadoop.security.AccessControlException", "org.apache.hadoop.yarn.exceptions.YarnException");
        op = c.s.pick("MODIFY_APP", "VIEW_APP", "KILL_APP");
        yield "User " + user + " cannot perform operation " + op + " on " + appId(c);
      }
      case 5 -> {
        type = c.s.pick("org.apache.hadoop.security.AccessControlException", "org.apache.hadoop.yarn.exceptions.YarnException");
        yield "User " + user + " does not have permission to submit " + appId(c) + " to queue " + c.s.pick("default", "root.etl",
            "root.prod.batch", "adhoc");
      }
      case 6 -> {
        type = "org.apache.hadoop.security.AccessControlException";
        yield "Access denied for user " + user + ". Superuser privilege is required";
      }
      case 7 -> {
        type = "org.apache.hadoop.security.authorize.AuthorizationException";
        yield "User:" + user + " not allowed to do '" + c.s.pick("DECRYPT_EEK", "GENERATE_EEK", "GET_METADATA", "CREATE_KEY")
            + "' on '" + c.s.pick("ledger-key", "pii_zone_key", "key1", "ez-" + c.s.digits(3)) + "'";
      }
      case 8 -> {
        type = "org.apache.hadoop.hbase.security.AccessDeniedException";
        String table = c.s.pick("default:", "ledger:", "risk:") + c.s.pick("accounts", "tx_history", "fraud_scores");
        yield c.s.chance(0.5) ? "Insufficient permissions for user '" + user + "' (table=" + table + ", action="
            + c.s.pick("READ", "WRITE", "CREATE", "ADMIN") + ")"
            : "Insufficient permissions (user=" + user + "@" + realm + ", scope=" + table + ", params=[table=" + table
            + ",family=cf],action=" + c.s.pick("READ", "WRITE") + ")";
      }
      default -> {
        type = "org.apache.hadoop.hive.ql.security.authorization.plugin.HiveAccessControlException";
        yield "Permission denied: user [" + user + "] does not have [" + c.s.pick("SELECT", "UPDATE", "CREATE", "DROP", "ALTER")
            + "] privilege on [" + c.s.pick("ledger", "default", "risk") + "/" + c.s.pick("accounts", "transfers", "card_tx") + "]";
      }
    };
    c.type(Denied.class, type);
    Throwable t = fail(() -> new AccessPolicy().check(user, msg));
    if (type.contains("hadoop.security") && c.s.chance(0.5)) {
      c.type(Rejected.class, "org.apache.hadoop.ipc.RemoteException(" + type + ")");
      return Grafts.top(new Rejected(msg, null), IPC_CLIENT);
    }
    return t;
  }

  /** A znode ACL that grants the operation to another identity only: ZooKeeper's NoAuth, as the client reports it. */
  static Throwable zookeeperNoAuth(Ctx c) {
    String path = c.s.pick("/hbase/table/", "/brokers/topics/", "/ledger/locks/", "/config/", "/solr/collections/", "/hadoop-ha/",
        "/rmstore/ZKRMStateRoot/", "/services/payments/") + c.s.pick("accounts", "transfer-events", "leader", "nn-cluster", "shard1",
        "instance-" + c.s.digits(4), "RMAppRoot");
    String op = c.s.pick("create", "setData", "delete", "getChildren", "setACL");
    c.type(Denied.class, "org.apache.zookeeper.KeeperException$NoAuthException");
    Throwable t = Grafts.top((Denied) fail(() -> new AccessPolicy().check(c.s.pick("digest:app", "sasl:etl", "ip:" + ip(c)),
        "KeeperErrorCode = NoAuth for " + path)), """
        org.apache.zookeeper.KeeperException|create|116
        org.apache.zookeeper.KeeperException|create|54
        """ + "org.apache.zookeeper.ZooKeeper|" + op + "|" + c.s.pick(1538, 2384, 1780, 2707) + "\n");
    return switch (c.rnd.nextInt(4)) {
      case 0 -> {
        c.type(Rejected.class, c.s.pick("org.apache.hadoop.hbase.ZooKeeperConnectionException", "org.apache.solr.common.SolrException",
            "org.apache.hadoop.yarn.server.resourcemanager.recovery.StoreFencedException", "org.apache.curator.CuratorConnectionLossException"));
        yield new Rejected(c.s.pick("Unable to " + op + " " + path, "Error while " + op + " on " + path + ": " + t,
            "Could not write leader election node " + path), t);
      }
      case 1 -> new IllegalStateException("Failed to " + op + " znode " + path, t);
      default -> t;
    };
  }

  /** Hadoop's S3A connector turns an S3/STS 403 into java.nio.file.AccessDeniedException naming the operation and path. */
  static Throwable s3aAccessDenied(Ctx c) throws Exception {
    String bucket = c.s.pick("ledger-archive", "statements-bucket", "data-lake-raw", "emr-logs-prod", "warehouse");
    String key = c.s.pick("exports/", "raw/dt=" + c.s.isoDate() + "/", "tables/ledger/", "") + c.s.pick("part-" + c.s.digits(5) + ".parquet",
        c.s.digits(6) + ".csv", "_SUCCESS", "");
    String path = "s3a://" + bucket + "/" + key;
    String u = NetScenarios.url(c, "http", c.res.httpPort(), "/status/403");
    HttpResponse<String> r = c.res.httpClient().send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString());
    int st = r.statusCode();
    String rid = awsRequestId(c);
    boolean sts = c.s.chance(0.3);
    String acct = c.s.digits(12);
    String innerType = sts ? "com.amazonaws.services.securitytoken.model.AWSSecurityTokenServiceException"
        : c.s.pick("com.amazonaws.services.s3.model.AmazonS3Exception", "software.amazon.awssdk.services.s3.model.S3Exception");
    String inner = sts ? c.s.pick("Access denied", "User: arn:aws:iam::" + acct + ":user/" + c.s.pick("etl", "emr") + " is not authorized to perform: "
        + "sts:AssumeRole on resource: arn:aws:iam::" + acct + ":role/" + c.s.pick("s3-reader", "data-writer")) + " (Service: AWSSecurityTokenService; Status Code: "
        + st + "; Error Code: AccessDenied; Request ID: " + c.s.uuid() + ")"
        : innerType.startsWith("software") ? "Access Denied (Service: S3, Status Code: " + st + ", Request ID: " + rid + ", Extended Request ID: "
        + c.s.alnum(40) + "=)" : c.s.pick("Access Denied", "Forbidden") + " (Service: Amazon S3; Status Code: " + st + "; Error Code: "
        + c.s.pick("AccessDenied", "403 Forbidden") + "; Request ID: " + rid + "; S3 Extended Request ID: " + c.s.alnum(40) + "=)";
    String op = sts ? ": Instantiate org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider on " + bucket
        : c.s.pick("getFileStatus", "open", "PUT 0-byte object ", "initiate MultiPartUpload", "delete", "copyFile(" + key + ", " + key + ".bak)",
        "listObjects") + " on " + path;
    c.type(Rejected.class, innerType);
    Rejected cause = new Rejected(inner, null);
    java.nio.file.AccessDeniedException e = new java.nio.file.AccessDeniedException((sts ? "" : path + ": ") + op + ": " + innerType + ": "
        + inner + (innerType.endsWith("AmazonS3Exception") ? ":" + st + " Forbidden" : ""));
    e.initCause(cause);
    return Grafts.top(e, """
        org.apache.hadoop.fs.s3a.S3AUtils|translateException|255
        org.apache.hadoop.fs.s3a.Invoker|once|119
        org.apache.hadoop.fs.s3a.Invoker|lambda$retry$4|322
        org.apache.hadoop.fs.s3a.Invoker|retryUntranslated|414
        org.apache.hadoop.fs.s3a.Invoker|retry|318
        org.apache.hadoop.fs.s3a.S3AFileSystem|innerGetFileStatus|3185
        org.apache.hadoop.fs.s3a.S3AFileSystem|getFileStatus|3053
        """);
  }

  /** Other servers' refusals of a known user, in their public wording, under their exception types. */
  static Throwable servicesNotAuthorized(Ctx c) {
    String user = c.s.pick("etl", "svc-batch", "analyst" + c.s.digits(2), "app", "report_ro", c.s.userId());
    String app = AuthBoundaryScenarios.appId(c);
    String type;
    String msg = switch (c.rnd.nextInt(8)) {
      case 0 -> {
        type = "org.apache.kafka.common.errors.ClusterAuthorizationException";
        yield c.s.pick("Cluster authorization failed.", "Request Request(processor=" + c.s.between(0, 9) + ", connectionId=" + ip(c)
            + ":9092-" + ip(c) + ":" + c.s.between(32768, 60999) + "-" + c.s.between(0, 99) + ", session=Session(User:" + user + ",/"
            + ip(c) + "), listenerName=ListenerName(SASL_SSL), securityProtocol=SASL_SSL, buffer=null) is not authorized.");
      }
      case 1 -> {
        type = "org.apache.kafka.common.errors.TransactionalIdAuthorizationException";
        yield "Transactional Id authorization failed.";
      }
      case 2 -> {
        type = c.s.pick("org.apache.hadoop.yarn.exceptions.YarnException", "org.apache.hadoop.security.AccessControlException");
        yield "User " + user + " is not authorized to view the logs for " + app.replace("application_", "container_") + "_01_000001 in log file ["
            + c.s.pick("stderr", "syslog") + "]";
      }
      case 3 -> {
        type = "org.apache.oozie.service.AuthorizationException";
        yield "E0508: User [" + user + "] not authorized for WF job [" + c.s.digits(7) + "-" + c.s.digits(15) + "-oozie-oozi-W]";
      }
      case 4 -> {
        type = "org.apache.solr.client.solrj.impl.HttpSolrClient$RemoteSolrException";
        yield "Error from server at http://" + c.s.pick("solr-0.search", "solr.internal") + ":8983/solr/" + c.s.pick("transactions", "customers")
            + ": Unauthorized request, Response code: 403";
      }
      case 5 -> {
        type = "org.apache.hadoop.hive.ql.metadata.HiveException";
        yield "org.apache.hadoop.hive.ql.security.authorization.plugin.HiveAccessControlException: Permission denied: Principal ["
            + "name=" + user + ", type=USER] does not have following privileges for operation " + c.s.pick("QUERY", "CREATETABLE", "DROPTABLE")
            + " [[" + c.s.pick("SELECT", "INSERT", "OBJECT OWNERSHIP") + "] on Object [type=TABLE_OR_VIEW, name=" + c.s.pick("ledger", "default")
            + "." + c.s.pick("accounts", "transfers") + "]]";
      }
      case 6 -> {
        type = "io.grpc.StatusRuntimeException";
        yield "PERMISSION_DENIED: " + c.s.pick("The caller does not have permission", "Permission '" + c.s.pick("pubsub.topics.publish",
            "bigquery.tables.getData", "secretmanager.versions.access") + "' denied on resource '" + c.s.pick("projects/bank-data-prod/topics/transfers",
            "projects/acme-payments/secrets/db-password") + "' (or it may not exist).");
      }
      default -> {
        type = c.s.pick("org.springframework.security.access.AccessDeniedException", "org.springframework.web.server.ResponseStatusException");
        yield type.endsWith("AccessDeniedException") ? c.s.pick("Access is denied", "Access Denied")
            : "403 FORBIDDEN \"" + c.s.pick("Access denied", "Not allowed to " + c.s.pick("approve", "cancel") + " this transfer") + "\"";
      }
    };
    c.type(Denied.class, type);
    return fail(() -> new AccessPolicy().check(user, msg));
  }

  private static String awsRequestId(Ctx c) {
    return c.s.alnum(16);
  }

  /** The loopback server answers 403 (or 400 for DynamoDB) with a vendor-like body; the client raises the SDK's type. */
  static Throwable cloudForbidden(Ctx c) throws Exception {
    String bucket = c.s.pick("ledger-archive", "statements-bucket", "data-lake-raw", "app-backups-prod");
    String key = c.s.pick("exports/", "raw/dt=" + c.s.isoDate() + "/", "backup/", "") + c.s.digits(6) + c.s.pick(".csv", ".parquet", ".json.gz");
    String acct = c.s.digits(12);
    String role = "arn:aws:sts::" + acct + ":assumed-role/" + c.s.pick("batch-role", "app-role", "emr-ec2-role") + "/" + c.s.pick("i-0", "")
        + c.s.hex(10);
    int k = c.rnd.nextInt(9);
    int code = k == 5 ? 400 : 403;
    String body = k <= 4 ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
        : "{\"error\":{\"code\":" + code + ",\"message\":\"forbidden\"}}";
    String u = NetScenarios.url(c, "http", c.res.httpPort(), "/status/" + code) + "?body=" + URLEncoder.encode(body, StandardCharsets.UTF_8);
    HttpResponse<String> r = c.res.httpClient().send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString());
    int status = r.statusCode();
    String rid = awsRequestId(c);
    String ext = c.s.alnum(40) + "=";
    String type;
    String msg = switch (k) {
      case 0 -> {
        type = "com.amazonaws.services.s3.model.AmazonS3Exception";
        yield "Access Denied (Service: Amazon S3; Status Code: " + status + "; Error Code: AccessDenied; Request ID: " + rid
            + "; S3 Extended Request ID: " + ext + c.s.pick("", "; Proxy: null") + ")";
      }
      case 1 -> {
        type = "com.amazonaws.services.s3.model.AmazonS3Exception";
        yield "Status Code: " + status + ", AWS Service: Amazon S3, AWS Request ID: " + rid + ", AWS Error Code: AccessDenied, "
            + "AWS Error Message: Access Denied, S3 Extended Request ID: " + ext;
      }
      case 2 -> {
        type = "com.amazonaws.services.securitytoken.model.AWSSecurityTokenServiceException";
        yield "User: " + role + " is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::" + acct + ":role/"
            + c.s.pick("data-reader", "cross-account-export", "kms-decrypt") + " (Service: AWSSecurityTokenService; Status Code: " + status
            + "; Error Code: AccessDenied; Request ID: " + c.s.uuid() + c.s.pick("", "; Proxy: null") + ")";
      }
      case 3 -> {
        type = "software.amazon.awssdk.services.s3.model.S3Exception";
        yield "Access Denied (Service: S3, Status Code: " + status + ", Request ID: " + rid + ", Extended Request ID: " + ext + ")";
      }
      case 4 -> {
        // Hadoop's S3A connector translates a 403 into java.nio.file.AccessDeniedException naming the path
        type = "com.amazonaws.services.s3.model.AmazonS3Exception";
        yield "Forbidden (Service: Amazon S3; Status Code: " + status + "; Error Code: 403 Forbidden; Request ID: " + rid
            + "; S3 Extended Request ID: " + ext + ")";
      }
      case 5 -> {
        type = "software.amazon.awssdk.services.dynamodb.model.DynamoDbException";
        yield "User: " + role + " is not authorized to perform: dynamodb:" + c.s.pick("PutItem", "Query", "UpdateItem")
            + " on resource: arn:aws:dynamodb:ap-northeast-2:" + acct + ":table/" + c.s.pick("transfers", "idempotency-keys")
            + " because no identity-based policy allows the dynamodb:PutItem action (Service: DynamoDb, Status Code: " + status
            + ", Request ID: " + c.s.alnum(32) + ")";
      }
      case 6 -> {
        type = "com.google.cloud.storage.StorageException";
        yield c.s.pick("batch", "app", "etl") + "-sa@" + c.s.pick("bank-data-prod", "acme-payments") + ".iam.gserviceaccount.com does not have "
            + c.s.pick("storage.objects.get", "storage.objects.create", "storage.buckets.get") + " access to the Google Cloud Storage "
            + c.s.pick("object", "bucket") + ". Permission '" + c.s.pick("storage.objects.get", "storage.objects.create")
            + "' denied on resource (or it may not exist).";
      }
      case 7 -> {
        type = "com.google.api.client.googleapis.json.GoogleJsonResponseException";
        yield status + " Forbidden\nGET https://storage.googleapis.com/storage/v1/b/" + bucket + "/o/" + key.replace("/", "%2F")
            + "\n{\n  \"code\" : " + status + ",\n  \"errors\" : [ {\n    \"domain\" : \"global\",\n    \"message\" : \"Caller does not have "
            + "permission\",\n    \"reason\" : \"forbidden\"\n  } ],\n  \"message\" : \"Caller does not have permission\"\n}";
      }
      default -> {
        type = "com.azure.storage.blob.models.BlobStorageException";
        yield "Status code " + status + ", \"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthorizationPermissionMismatch</Code>"
            + "<Message>This request is not authorized to perform this operation using this permission.\nRequestId:" + c.s.uuid()
            + "\nTime:" + c.s.isoDate() + "T" + c.s.isoTime() + ".1234567Z</Message></Error>\"";
      }
    };
    c.type(Rejected.class, type);
    Rejected e = new Rejected(msg, null);
    if (k == 4) {
      String path = "s3a://" + bucket + "/" + key;
      java.nio.file.AccessDeniedException s3a = new java.nio.file.AccessDeniedException(path + ": " + c.s.pick("getFileStatus", "open",
          "PUT 0-byte object ", "initiate MultiPartUpload") + " on " + path + ": " + type + ": " + msg + ", S3 Extended Request ID: "
          + ext + ":403 Forbidden");
      s3a.initCause(e);
      return Grafts.top(s3a, """
          org.apache.hadoop.fs.s3a.S3AUtils|translateException|255
          org.apache.hadoop.fs.s3a.S3AUtils|translateException|175
          org.apache.hadoop.fs.s3a.S3AFileSystem|s3GetFileStatus|3286
          org.apache.hadoop.fs.s3a.S3AFileSystem|innerGetFileStatus|3185
          org.apache.hadoop.fs.s3a.S3AFileSystem|getFileStatus|3053
          """);
    }
    return e;
  }

  private static JdbcDataSource rightsDb;

  /** A database with a reporting user that may read but not write, and may not touch the audit table at all. */
  static synchronized JdbcDataSource rightsDb(String user) throws SQLException {
    if (rightsDb == null) {
      JdbcDataSource admin = new JdbcDataSource();
      admin.setURL("jdbc:h2:mem:logdx_rights;DB_CLOSE_DELAY=-1");
      admin.setUser("sa");
      admin.setPassword("");
      try (Connection con = admin.getConnection(); Statement st = con.createStatement()) {
        st.execute("CREATE TABLE IF NOT EXISTS accounts (id BIGINT PRIMARY KEY, account_no VARCHAR(20), balance DECIMAL(19,2))");
        st.execute("CREATE TABLE IF NOT EXISTS audit_log (id BIGINT PRIMARY KEY, actor VARCHAR(40), action VARCHAR(40))");
        st.execute("CREATE TABLE IF NOT EXISTS transfers (id BIGINT PRIMARY KEY, amount DECIMAL(19,2))");
        st.execute("CREATE USER IF NOT EXISTS REPORTING PASSWORD 'reporting-test'");
        st.execute("GRANT SELECT ON accounts, transfers TO REPORTING");
      }
      rightsDb = admin;
    }
    JdbcDataSource ds = new JdbcDataSource();
    // the admin's first connection set DB_CLOSE_DELAY; a user without admin rights may not set it again
    ds.setURL("jdbc:h2:mem:logdx_rights");
    ds.setUser(user);
    ds.setPassword("reporting-test");
    return ds;
  }

  static final class ReportRepository {
    final JdbcDataSource ds;

    ReportRepository(JdbcDataSource ds) {
      this.ds = ds;
    }

    void run(String sql) throws SQLException {
      try (Connection con = ds.getConnection(); Statement st = con.createStatement()) {
        st.execute(sql);
      }
    }
  }

  // ---- authentication_failure: the caller could not prove who it is

  private static boolean krbConfigured;

  /** A realm and a KDC name so that the JDK's Kerberos code gets as far as looking for credentials (no KDC is asked). */
  static synchronized void kerberosRealm() {
    if (!krbConfigured) {
      if (System.getProperty("java.security.krb5.realm") == null) System.setProperty("java.security.krb5.realm", "EXAMPLE.COM");
      if (System.getProperty("java.security.krb5.kdc") == null) System.setProperty("java.security.krb5.kdc", "kdc.example.test");
      krbConfigured = true;
    }
  }

  static final class SaslRpcClient {
    byte[] start(String service, String host) throws IOException {
      kerberosRealm();
      SaslClient sc = Sasl.createSaslClient(new String[] {"GSSAPI"}, null, service, host, Map.of(Sasl.QOP, "auth"), cbs -> {});
      return sc.evaluateChallenge(new byte[0]);
    }
  }

  static final class KeytabLogin {
    Subject login(String principal, String keytab) throws javax.security.auth.login.LoginException {
      kerberosRealm();
      Configuration cfg = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
          return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
              AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of("useKeyTab", "true", "keyTab", keytab,
              "principal", principal, "doNotPrompt", "true", "storeKey", "true"))};
        }
      };
      Subject s = new Subject();
      new LoginContext("hadoop-keytab-kerberos", s, null, cfg).login();
      return s;
    }
  }

  static Throwable hadoopAuthentication(Ctx c) {
    String user = c.s.pick("etl", "svc-batch", "hive", "spark", "yarn", "analyst" + c.s.digits(2));
    String realm = realm(c);
    String nn = c.s.pick("nn1.hadoop.internal", "namenode-0", "rm.hadoop.internal", "hdfs-nn-1.prod");
    int port = c.s.pick(8020, 8032, 9000, 8030, 10020);
    String local = c.s.pick("edge-2", "worker-17", "batch-01") + ".internal/" + ip(c);
    String type;
    String msg;
    switch (c.rnd.nextInt(6)) {
      case 0 -> {
        type = "org.apache.hadoop.security.AccessControlException";
        msg = "Client cannot authenticate via:[" + c.s.pick("TOKEN, KERBEROS", "KERBEROS", "TOKEN") + "]";
      }
      case 1 -> {
        type = "org.apache.hadoop.security.AccessControlException";
        msg = "SIMPLE authentication is not enabled.  Available:[" + c.s.pick("TOKEN, KERBEROS", "TOKEN", "KERBEROS") + "]";
      }
      case 2 -> {
        type = "org.apache.hadoop.security.token.SecretManager$InvalidToken";
        msg = c.s.pick("token (token for " + user + ": HDFS_DELEGATION_TOKEN owner=" + user + "@" + realm + ", renewer=yarn, realUser=, "
            + "issueDate=" + (1_700_000_000_000L + c.s.between(0, 99_999_999)) + ", maxDate=" + (1_700_600_000_000L + c.s.between(0, 99_999_999))
            + ", sequenceNumber=" + c.s.between(1, 99999) + ", masterKeyId=" + c.s.between(1, 999) + ") can't be found in cache",
            "Token has expired", "Invalid AMRMToken from appattempt_" + c.s.digits(13) + "_" + c.s.digits(4) + "_000001");
      }
      case 3 -> {
        type = "org.apache.hadoop.security.AccessControlException";
        msg = user + " is trying to renew a token with wrong password";
      }
      case 4 -> {
        type = "org.apache.hadoop.security.authentication.client.AuthenticationException";
        msg = c.s.pick("Invalid SPNEGO sequence, status code: 401", "Authentication failed, URL: http://" + nn + ":" + c.s.pick(9870, 8088, 9600)
            + "/" + c.s.pick("webhdfs/v1/?op=GETDELEGATIONTOKEN", "ws/v1/cluster/info?user.name=" + user, "kms/v1/keys/names")
            + ", status: 401, message: Unauthorized", "Anonymous requests are disallowed");
      }
      default -> {
        type = "org.apache.hadoop.security.AccessControlException";
        msg = "Client cannot authenticate via:[TOKEN, KERBEROS]";
      }
    }
    c.type(Denied.class, type);
    Throwable t = fail(() -> new AccessPolicy().check(user, msg));
    if (c.s.chance(0.5) && !type.contains("authentication.client")) {
      // the IPC client's wrapping of a failed SASL negotiation, with NetUtils' host details
      IOException mid = new IOException(t.toString().replace(Denied.class.getName(), type), t);
      return Grafts.top(new IOException("Failed on local exception: " + mid + "; Host Details : local host is: \"" + local
          + "\"; destination host is: \"" + nn + "\":" + port + "; ", mid), IPC_CLIENT);
    }
    return t;
  }

  static Throwable cloudUnauthenticated(Ctx c) throws Exception {
    int k = c.rnd.nextInt(8);
    int code = k <= 3 ? 403 : 401;
    String u = NetScenarios.url(c, "http", c.res.httpPort(), "/status/" + code);
    HttpResponse<String> r = c.res.httpClient().send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString());
    int status = r.statusCode();
    String rid = awsRequestId(c);
    String type;
    String msg = switch (k) {
      case 0 -> {
        type = "com.amazonaws.services.s3.model.AmazonS3Exception";
        yield "The AWS Access Key Id you provided does not exist in our records. (Service: Amazon S3; Status Code: " + status
            + "; Error Code: InvalidAccessKeyId; Request ID: " + rid + "; S3 Extended Request ID: " + c.s.alnum(40) + "=)";
      }
      case 1 -> {
        type = "software.amazon.awssdk.services.s3.model.S3Exception";
        yield "The request signature we calculated does not match the signature you provided. Check your key and signing method. "
            + "(Service: S3, Status Code: " + status + ", Request ID: " + rid + ")";
      }
      case 2 -> {
        type = c.s.pick("com.amazonaws.services.sqs.model.AmazonSQSException", "com.amazonaws.services.securitytoken.model.AWSSecurityTokenServiceException");
        yield c.s.pick("The security token included in the request is expired", "The security token included in the request is invalid.")
            + " (Service: " + (type.contains("sqs") ? "AmazonSQS" : "AWSSecurityTokenService") + "; Status Code: " + status + "; Error Code: "
            + c.s.pick("ExpiredToken", "InvalidClientTokenId") + "; Request ID: " + c.s.uuid() + ")";
      }
      case 3 -> {
        type = "com.azure.storage.blob.models.BlobStorageException";
        yield "Status code " + status + ", \"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server "
            + "failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the "
            + "signature.\nRequestId:" + c.s.uuid() + "</Message></Error>\"";
      }
      case 4 -> {
        type = "org.apache.zookeeper.KeeperException$AuthFailedException";
        yield "KeeperErrorCode = AuthFailed for " + c.s.pick("/hbase", "/brokers/ids", "/ledger/locks", "/config/topics");
      }
      case 5 -> {
        type = "org.apache.kafka.common.errors.SaslAuthenticationException";
        yield "Authentication failed during authentication due to invalid credentials with SASL mechanism "
            + c.s.pick("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");
      }
      case 6 -> {
        type = "io.grpc.StatusRuntimeException";
        yield "UNAUTHENTICATED: " + c.s.pick("Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie "
            + "or other valid authentication credential.", "invalid token", "Credentials require token");
      }
      default -> {
        type = "org.elasticsearch.client.ResponseException";
        yield "method [" + c.s.pick("GET", "POST") + "], host [http://" + c.s.pick("es-0.search.internal", "elasticsearch") + ":9200], URI ["
            + c.s.pick("/_bulk", "/payments-*/_search", "/_cluster/health") + "], status line [HTTP/1.1 " + status + " Unauthorized]\n"
            + "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":\"missing authentication credentials for REST request ["
            + c.s.pick("/_bulk", "/_search") + "]\"}],\"type\":\"security_exception\"},\"status\":" + status + "}";
      }
    };
    c.type(Rejected.class, type);
    return new Rejected(msg, null);
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("authorization_denied", "hadoop.authorization-acl", c -> hadoopAuthorization(c, 0)));
    l.add(cheap("authorization_denied", "hadoop.authorization-operation", c -> hadoopAuthorization(c, 1)));
    l.add(cheap("authorization_denied", "zookeeper.no-auth", AuthBoundaryScenarios::zookeeperNoAuth));
    l.add(cheap("authorization_denied", "services.not-authorized", AuthBoundaryScenarios::servicesNotAuthorized));
    l.add(cheap("authorization_denied", "hadoop.s3a-access-denied", AuthBoundaryScenarios::s3aAccessDenied));
    l.add(cheap("authorization_denied", "cloud.forbidden", AuthBoundaryScenarios::cloudForbidden));
    l.add(cheap("authorization_denied", "db.insufficient-privileges", c -> {
      if (c.s.chance(0.5)) {
        JdbcDataSource ds = rightsDb("REPORTING");
        String sql = c.s.pick("INSERT INTO accounts (id, account_no, balance) VALUES (" + c.s.id() + ", '" + c.s.digits(12) + "', 0)",
            "UPDATE transfers SET amount = 0 WHERE id = " + c.s.id(), "DELETE FROM accounts WHERE id = " + c.s.id(),
            "SELECT actor, action FROM audit_log WHERE id = " + c.s.id(), "DROP TABLE transfers");
        return fail(() -> new ReportRepository(ds).run(sql));
      }
      // the vendors' own texts for a missing privilege (their drivers and servers are not here)
      String table = c.s.table();
      String user = c.s.pick("app_ro", "reporting", "batch_user", "svc_ledger");
      int k = c.rnd.nextInt(3);
      String msg = switch (k) {
        case 0 -> "ERROR: permission denied for " + c.s.pick("table ", "relation ", "schema ") + table;
        case 1 -> c.s.pick("SELECT", "INSERT", "UPDATE", "DELETE") + " command denied to user '" + user + "'@'" + ip(c) + "' for table '"
            + table + "'";
        default -> "ORA-01031: insufficient privileges\n";
      };
      Vendor.VendorSqlException root = new Vendor.VendorSqlException(msg, k == 0 ? "42501" : "42000", k == 0 ? 0 : k == 1 ? 1142 : 1031);
      c.type(Vendor.VendorSqlException.class, switch (k) {
        case 0 -> "org.postgresql.util.PSQLException";
        case 1 -> "java.sql.SQLSyntaxErrorException";
        default -> "java.sql.SQLSyntaxErrorException";
      });
      Grafts.top(root, switch (k) {
        case 0 -> Vendor.PG_EXEC;
        case 1 -> Vendor.MYSQL_EXEC;
        default -> Vendor.ORA_EXEC;
      });
      if (c.s.chance(0.5)) return root;
      // Spring's error-code translation of a privilege error (real type)
      return Grafts.top(new org.springframework.dao.PermissionDeniedDataAccessException("PreparedStatementCallback; SQL [update "
          + table + " set status = ? where id = ?]; " + msg.strip(), root), Vendor.SPRING_UPDATE);
    }));
    l.add(cheap("authentication_failure", "hadoop.authentication", AuthBoundaryScenarios::hadoopAuthentication));
    l.add(costly("authentication_failure", "jdk.kerberos-sasl", 6, c -> {
      String user = c.s.pick("etl", "hive", "hbase", "svc-batch", "spark");
      String realm = realm(c);
      String host = c.s.pick("nn1.hadoop.internal", "namenode-0.hdfs", "zk-2.zookeeper", "kafka-1.kafka", "hs2.hive.internal");
      if (c.s.chance(0.5)) {
        Throwable t = fail(() -> new SaslRpcClient().start(c.s.pick("nn", "hdfs", "zookeeper", "kafka", "hive"), host));
        if (c.s.chance(0.5)) return t;
        IOException mid = new IOException(t.toString(), t);
        return new IOException("Failed on local exception: " + mid + "; Host Details : local host is: \"" + c.s.pick("edge-2", "worker-17")
            + ".internal/" + ip(c) + "\"; destination host is: \"" + host + "\":" + c.s.pick(8020, 2181, 9092, 10000) + "; ", mid);
      }
      String principal = user + "/" + c.s.pick("edge-2", "worker-17") + ".internal@" + realm;
      String keytab = "/etc/security/keytabs/" + user + ".service.keytab";
      Path kt = c.res.tempDir().resolve("missing-" + user + ".keytab");
      c.text(kt.toString(), keytab);
      Throwable t = fail(() -> new KeytabLogin().login(principal, kt.toString()));
      if (c.s.chance(0.4)) return t;
      c.type(Denied.class, c.s.pick("org.apache.hadoop.security.KerberosAuthException", "java.io.IOException"));
      return new Denied("Login failure for " + c.s.pick("user: ", "") + principal + " from keytab " + keytab + " " + t, t);
    }));
    l.add(cheap("authentication_failure", "cloud.unauthenticated", AuthBoundaryScenarios::cloudUnauthenticated));
    return l;
  }
}
