package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS SDK for Java v2 (S3 over the JDK's URLConnection transport) failing against loopback endpoints: nobody
 * listening, a server that never answers (socket read timeout, API call and attempt timeouts), the shared HTTP server
 * answering with a status code (the SDK's own error handling turns it into an {@code S3Exception}, or
 * {@code NoSuchKeyException} for a HEAD 404, from whatever body the server sends), credentials and a region that no
 * provider of the chain can find (the EC2 metadata service is disabled, profiles are read from memory), and request
 * parameters the SDK's marshaller rejects. Every client has an endpoint override on 127.0.0.1 and synthetic static
 * credentials; nothing reaches another address.
 */
final class AwsSdkScenarios {
  private AwsSdkScenarios() {}

  /** The shared HTTP server warns on stderr about a HEAD answer with a body length (the S3 HEAD requests). */
  static final java.util.logging.Logger HTTP_SERVER_LOG = java.util.logging.Logger.getLogger("com.sun.net.httpserver");

  static {
    // the instance-profile providers must never ask the EC2 metadata endpoint
    System.setProperty("aws.disableEc2Metadata", "true");
    HTTP_SERVER_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  private static final Map<String, S3Client> CLIENTS = new HashMap<>();

  private static final AwsCredentialsProvider SYNTHETIC =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE00TEST", "synthetic-test-only"));

  /** One client per configuration, kept for the generator's life. */
  private static synchronized S3Client client(Ctx c, String key, int port, Duration socket,
      java.util.function.Consumer<ClientOverrideConfiguration.Builder> override) {
    S3Client s3 = CLIENTS.get(key);
    if (s3 == null) {
      S3Client made = S3Client.builder()
          .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofMillis(500)).socketTimeout(socket))
          .endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.EU_CENTRAL_1).forcePathStyle(true)
          .credentialsProvider(SYNTHETIC).overrideConfiguration(override).build();
      CLIENTS.put(key, made);
      c.res.closeLater(() -> {
        synchronized (AwsSdkScenarios.class) {
          CLIENTS.remove(key, made);
          made.close();
        }
      });
      s3 = made;
    }
    return s3;
  }

  private static String bucket(Ctx c) {
    return c.s.pick("ledger-archive", "statements-prod", "data-lake-raw", "app-backups", "kyc-documents", "settlement-files");
  }

  private static String key(Ctx c) {
    return c.s.pick("exports/", "raw/dt=" + c.s.isoDate() + "/", "backup/", "statements/" + c.s.digits(4) + "/", "")
        + c.s.digits(6) + c.s.pick(".csv", ".parquet", ".json.gz", ".pdf");
  }

  /** One S3 call of the application: read, check, write or delete an object. */
  private static void call(Ctx c, S3Client s3, String bucket, String key) {
    switch (c.rnd.nextInt(4)) {
      case 0 -> c.use(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)));
      case 1 -> c.use(s3.headObject(b -> b.bucket(bucket).key(key)));
      case 2 -> c.use(s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv"),
          RequestBody.fromString("id,amount\n" + c.s.id() + "," + c.s.amount() + "\n")));
      default -> c.use(s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }
  }

  /** The shared HTTP server answers {@code code} to the object path {@code /status/NNN/...}; reads or heads it. */
  private static Throwable status(Ctx c, int code, boolean head) {
    S3Client s3 = client(c, "status", c.res.httpPort(), Duration.ofSeconds(2), o -> o.retryStrategy(r -> r.maxAttempts(1)));
    NetScenarios.url(c, "http", c.res.httpPort(), "");
    String key = code + "/" + key(c);
    return fail(() -> {
      if (head) c.use(s3.headObject(b -> b.bucket("status").key(key)));
      else c.use(s3.getObjectAsBytes(b -> b.bucket("status").key(key)));
    });
  }

  private static Scenario statusScenario(String label, String name, int[] codes) {
    return costly(label, name, 2 * codes.length, c -> status(c, codes[c.rnd.nextInt(codes.length)], c.s.chance(0.4)));
  }

  /** Whether the environment would send the default chain to STS, a container endpoint or real keys. */
  private static boolean environmentHasCredentials() {
    for (String v : new String[] {"AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_PROFILE"}) {
      if (System.getenv(v) != null) return true;
    }
    for (String p : new String[] {"aws.accessKeyId", "aws.webIdentityTokenFile", "aws.roleArn",
        "aws.containerCredentialsFullUri", "aws.containerCredentialsPath"}) {
      if (System.getProperty(p) != null) return true;
    }
    return false;
  }

  private static ProfileFile profileFile(String content) {
    return ProfileFile.builder().content(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
        .type(ProfileFile.Type.CONFIGURATION).build();
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- connection_refused: the endpoint (a local S3-compatible store, a VPC endpoint) does not listen
    l.add(costly("connection_refused", "awssdk.refused", 3, c -> {
      S3Client s3 = client(c, "refused", c.res.closedPort(), Duration.ofSeconds(2), o -> { });
      NetScenarios.url(c, "http", c.res.closedPort(), "");
      return fail(() -> call(c, s3, bucket(c), key(c)));
    }));
    // ---- socket_timeout: the endpoint accepts and never answers; the transport's read timeout fires
    l.add(costly("socket_timeout", "awssdk.read-timeout", 2, c -> {
      S3Client s3 = client(c, "read-timeout", c.res.silentPort(), Duration.ofMillis(60), o -> o.retryStrategy(r -> r.maxAttempts(2)));
      NetScenarios.url(c, "http", c.res.silentPort(), "");
      return fail(() -> call(c, s3, bucket(c), key(c)));
    }));
    // ---- timeout: the SDK's own API call and attempt timeouts (no socket cause)
    l.add(costly("timeout", "awssdk.api-call-timeout", 3, c -> {
      int port = c.res.silentPort();
      NetScenarios.url(c, "http", port, "");
      S3Client s3 = c.s.chance(0.5)
          ? client(c, "call-timeout", port, Duration.ofSeconds(5), o -> o.apiCallTimeout(Duration.ofMillis(150)))
          : client(c, "attempt-timeout", port, Duration.ofSeconds(5),
              o -> o.apiCallAttemptTimeout(Duration.ofMillis(100)).retryStrategy(r -> r.maxAttempts(1)));
      return fail(() -> call(c, s3, bucket(c), key(c)));
    }));
    // ---- status codes parsed by the SDK from the loopback server's answer
    l.add(statusScenario("http_client_error", "awssdk.s3-status", new int[] {400, 404, 409}));
    l.add(statusScenario("http_server_error", "awssdk.s3-status", new int[] {500, 503}));
    l.add(statusScenario("authorization_denied", "awssdk.s3-status", new int[] {403}));
    l.add(Scenario.lessOften(statusScenario("authentication_failure", "awssdk.s3-status", new int[] {401})));
    l.add(Scenario.lessOften(statusScenario("rate_limited", "awssdk.s3-status", new int[] {429})));
    // ---- configuration_error: no credentials anywhere in the chain; no region configured
    l.add(costly("configuration_error", "awssdk.credentials-missing", 4, c -> {
      String profile = c.s.pick("default", "batch", "prod", "reporting", "etl");
      String content = c.s.pick("", "[default]\nregion = eu-central-1\n", "[profile " + profile + "]\nregion = ap-northeast-2\noutput = json\n",
          "[profile other]\nregion = us-east-1\n");
      ProfileFile pf = profileFile(content);
      AwsCredentialsProvider provider;
      int k = c.rnd.nextInt(3);
      if (k == 0 && !environmentHasCredentials()) {
        provider = DefaultCredentialsProvider.builder().profileFile(pf).profileName(profile).build();
      } else if (k == 1) {
        provider = AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create(),
            ProfileCredentialsProvider.builder().profileFile(pf).profileName(profile).build());
      } else {
        provider = ProfileCredentialsProvider.builder().profileFile(pf).profileName(profile).build();
      }
      return fail(() -> {
        try (S3Client s3 = S3Client.builder().region(Region.EU_CENTRAL_1).forcePathStyle(true)
            .endpointOverride(URI.create("http://127.0.0.1:" + c.res.closedPort())).credentialsProvider(provider).build()) {
          call(c, s3, bucket(c), key(c));
        }
      });
    }));
    l.add(costly("configuration_error", "awssdk.region-missing", 3, c -> {
      int salt = c.rnd.nextInt();
      // identity hash codes of the providers in the message
      c.rewrite("(software\\.amazon\\.awssdk\\.[\\w.$]+)@([0-9a-f]+)",
          m -> m.group(1) + "@" + Integer.toHexString((m.group(1).hashCode() ^ salt) & 0x7fffffff));
      String profile = c.s.pick("default", "batch", "prod");
      ProfileFile pf = profileFile(c.s.pick("", "[" + (profile.equals("default") ? "default" : "profile " + profile) + "]\noutput = json\n"));
      return fail(() -> {
        try (S3Client s3 = S3Client.builder().credentialsProvider(SYNTHETIC)
            .overrideConfiguration(o -> o.defaultProfileFile(pf).defaultProfileName(profile)).build()) {
          c.use(s3);
        }
      });
    }));
    // ---- illegal_argument / null_reference: request parameters the SDK's marshaller rejects
    l.add(cheap("illegal_argument", "awssdk.empty-parameter", c -> {
      S3Client s3 = client(c, "status", c.res.httpPort(), Duration.ofSeconds(2), o -> o.retryStrategy(r -> r.maxAttempts(1)));
      return fail(() -> {
        if (c.s.chance(0.5)) call(c, s3, "", key(c));
        else call(c, s3, bucket(c), "");
      });
    }));
    l.add(Scenario.lessOften(cheap("null_reference", "awssdk.null-parameter", c -> {
      S3Client s3 = client(c, "status", c.res.httpPort(), Duration.ofSeconds(2), o -> o.retryStrategy(r -> r.maxAttempts(1)));
      return fail(() -> {
        if (c.s.chance(0.5)) call(c, s3, null, key(c));
        else call(c, s3, bucket(c), null);
      });
    })));
    return l;
  }
}
