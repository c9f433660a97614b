package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Scanner;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * http_client_error from many clients and places, against the loopback server of {@code Resources} answering the
 * status for real: {@code HttpURLConnection} turns 404/410 into {@code java.io.FileNotFoundException} whose
 * message is the URL (read by {@code URL.openStream}, {@code Properties.load}, the JDK's XML parser, {@code Scanner},
 * {@code Files.copy} in fetch/download/copy tasks with Hadoop-, Jetty- and service-style paths) and other 4xx into
 * "Server returned HTTP response code: N for URL: ..."; Spring's {@code RestClient} raises
 * {@code HttpClientErrorException}; cloud SDKs (AWS v1 in both message formats, v2, GCS, Azure) and REST clients
 * (Elasticsearch, Kubernetes, Jersey, Apache HttpClient 5, OkHttp-based) get the real status and body and raise
 * their types with their public message formats (T).
 */
final class HttpClientErrorScenarios {
  private HttpClientErrorScenarios() {}

  /** Paths of the services whose URLs appear in such messages: Hadoop/YARN web endpoints, Jetty servlets, REST APIs. */
  static String httpPath(Ctx c) {
    String job = (1_700_000_000_000L + c.s.between(0, 99_999_999)) + "_" + String.format("%04d", c.s.between(1, 9999));
    return switch (c.rnd.nextInt(16)) {
      case 0 -> "/mapOutput?job=job_" + job + "&reduce=" + c.s.between(0, 40) + "&map=attempt_" + job + "_m_"
          + String.format("%06d", c.s.between(0, 500)) + "_" + c.s.between(0, 3);
      case 1 -> "/ws/v1/cluster/apps/application_" + job + c.s.pick("", "/state", "/appattempts");
      case 2 -> "/jmx?qry=Hadoop:service=" + c.s.pick("NameNode,name=FSNamesystemState", "ResourceManager,name=QueueMetrics,q0=root");
      case 3 -> "/webhdfs/v1/user/" + c.s.pick("etl", "hive", "spark") + "/" + c.s.pick("out", "staging") + "/part-" + c.s.digits(5)
          + "?op=" + c.s.pick("OPEN", "GETFILESTATUS", "LISTSTATUS") + "&user.name=" + c.s.pick("etl", "hive");
      case 4 -> "/node/containerlogs/container_" + job + "_01_" + c.s.digits(6) + "/" + c.s.pick("etl", "hive") + "/"
          + c.s.pick("stderr", "syslog", "stdout") + "?start=-4096";
      case 5 -> {
        String artifact = c.s.pick("ledger-core", "fx-client", "batch-common");
        String version = c.s.between(1, 4) + "." + c.s.between(0, 20) + "." + c.s.between(0, 9);
        yield "/repository/" + c.s.pick("maven-releases", "maven-public", "libs-release") + "/com/acme/" + artifact + "/" + version + "/"
            + artifact + "-" + version + c.s.pick(".pom", ".jar");
      }
      case 6 -> "/v2/" + c.s.pick("payments", "ledger") + "/" + c.s.pick("api", "worker") + "/manifests/" + c.s.pick("latest", "1.4.2");
      case 7 -> c.s.pick("/static/i18n/messages_ko.json", "/config/" + c.s.pick("application", "ledger") + "/prod", "/.well-known/jwks.json",
          "/.well-known/openid-configuration");
      case 8 -> "/solr/" + c.s.pick("transactions", "customers") + "/select?q=id:" + c.s.digits(8) + "&wt=json";
      case 9 -> "/api/v1/" + c.s.pick("accounts", "customers", "merchants") + "/" + c.s.digits(10) + c.s.pick("", "/limits", "/statements?month="
          + c.s.isoDate().substring(0, 7));
      case 10 -> "/tasks/" + c.s.pick("attempt_" + job + "_r_000003_0", c.s.uuid()) + "/log?plaintext=true";
      case 11 -> "/logs/" + c.s.pick("hadoop-hdfs-namenode", "yarn-resourcemanager", "app") + "-" + c.s.isoDate() + ".log";
      case 12 -> "/files/" + c.s.pick("settlement", "exports", "statements") + "/" + c.s.dateCompact() + "/" + c.s.digits(6) + ".csv";
      case 13 -> "/stacks";
      case 14 -> "/api/v2/payments/" + c.s.txId() + "/receipt";
      default -> c.s.path();
    };
  }

  /** Maps the real request to a shown URL; returns the real URL. */
  static String target(Ctx c, int code, String shownPath) {
    String u = NetScenarios.url(c, "http", c.res.httpPort(), "/status/" + code);
    c.text("/status/" + code, shownPath);
    return u;
  }

  static final class RemoteConfigLoader {
    Properties load(URL url) throws IOException {
      Properties p = new Properties();
      try (InputStream in = url.openStream()) {
        p.load(in);
      }
      return p;
    }
  }

  static final class ManifestReader {
    Object read(String url) throws Exception {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(url);
    }
  }

  static final class LineFetcher {
    int count(URL url) throws IOException {
      int n = 0;
      try (Scanner s = new Scanner(url.openStream(), StandardCharsets.UTF_8)) {
        while (s.hasNextLine()) {
          s.nextLine();
          n++;
        }
      }
      return n;
    }
  }

  static final class ArtifactDownloader {
    long download(URL url, Path to) throws IOException {
      HttpURLConnection con = (HttpURLConnection) url.openConnection();
      con.setConnectTimeout(2000);
      con.setReadTimeout(5000);
      try (InputStream in = con.getInputStream()) {
        return Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** A fetch step of a task: the URL's failure inside the task's own exception, as shuffle fetchers and copiers do. */
  static final class FetchFailed extends IOException {
    private static final long serialVersionUID = 1L;

    FetchFailed(String m, Throwable cause) {
      super(m, cause);
    }
  }

  static final class ServiceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServiceError(String m) {
      super(m);
    }
  }

  static String reason(int code) {
    return switch (code) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 412 -> "Precondition Failed";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 416 -> "Range Not Satisfiable";
      default -> "Unprocessable Entity";
    };
  }

  static Throwable fnfeReaders(Ctx c) {
    int code = c.s.pick(404, 404, 404, 410);
    String shownPath = httpPath(c);
    String u = target(c, code, shownPath);
    int k = c.rnd.nextInt(6);
    return fail(() -> {
      URL url = new URL(u);
      switch (k) {
        case 0 -> new RemoteConfigLoader().load(url);
        case 1 -> new ManifestReader().read(u);
        case 2 -> new LineFetcher().count(url);
        case 3 -> {
          Path to = c.res.tempDir().resolve("download.part");
          c.text(to.toString(), "/tmp/download.part");
          new ArtifactDownloader().download(url, to);
        }
        case 4 -> {
          try (InputStream in = url.openStream()) {
            c.use(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in));
          }
        }
        default -> {
          HttpURLConnection con = (HttpURLConnection) url.openConnection();
          con.setRequestProperty("Accept", c.s.pick("application/json", "text/plain", "*/*"));
          try (InputStream in = con.getInputStream()) {
            c.use(in.readAllBytes());
          }
        }
      }
    });
  }

  static Throwable fnfeInTask(Ctx c) {
    int code = c.s.pick(404, 404, 410);
    String shownPath = httpPath(c);
    String u = target(c, code, shownPath);
    String host = u.substring("http://".length(), u.indexOf('/', "http://".length()));
    int k = c.rnd.nextInt(5);
    c.type(FetchFailed.class, switch (k) {
      case 0 -> c.s.pick("FetchException", "DownloadException", "RemoteFetchException");
      case 1 -> "java.io.IOException";
      case 2 -> c.s.pick("org.apache.hadoop.mapreduce.task.reduce.Shuffle$ShuffleError", "CopyFailedException", "TaskFailedException");
      default -> c.s.pick("java.io.IOException", "ResourceLoadException");
    });
    String msg = switch (k) {
      case 0 -> c.s.pick("Failed to fetch ", "Could not download ", "Unable to retrieve ") + u;
      case 1 -> c.s.pick("Failed to connect to " + host + " with 1 map outputs", "Error reading from " + u, "Server returned an error for " + u);
      case 2 -> c.s.pick("error in shuffle in fetcher#" + c.s.between(1, 9), "Copy of " + u + " failed", "Task attempt failed while fetching input");
      case 3 -> "Exception while fetching " + c.s.pick("jwks", "remote config", "manifest", "report") + " from " + u;
      default -> c.s.pick("Could not load resource from " + u, "원격 파일 다운로드 실패: " + u);
    };
    boolean unchecked = c.s.chance(0.2);
    return fail(() -> {
      try {
        new ArtifactDownloader().download(new URL(u), c.res.tempDir().resolve("fetch.part"));
      } catch (IOException e) {
        if (unchecked) throw new UncheckedIOException(msg, e);
        throw new FetchFailed(msg, e);
      }
    });
  }

  /** "Server returned HTTP response code: N for URL: ..." for 4xx other than 404/410, plain or inside a task's exception. */
  static Throwable serverReturned(Ctx c, boolean task) {
    int code = c.s.pick(400, 400, 405, 406, 409, 412, 413, 415, 416, 422);
    String shownPath = httpPath(c);
    String u = target(c, code, shownPath);
    String method = code == 405 || code == 409 || code == 413 || code == 415 || code == 422 ? c.s.pick("POST", "PUT") : "GET";
    boolean wrap = !task && c.s.chance(0.4);
    if (task) {
      c.type(FetchFailed.class, c.s.pick("FetchException", "java.io.IOException", "TaskFailedException", "RemoteCallException",
          "org.apache.hadoop.yarn.exceptions.YarnRuntimeException"));
    }
    String taskMessage = c.s.pick("Failed to fetch " + u, "Task " + c.s.pick("fetch", "upload", "sync", "report") + " failed for " + u,
        "Error while " + c.s.pick("posting metrics", "publishing events", "downloading", "calling the timeline service") + " to " + u,
        "Remote call failed");
    return fail(() -> {
      try {
        HttpURLConnection con = (HttpURLConnection) new URL(u).openConnection();
        if (code == 416) con.setRequestProperty("Range", "bytes=" + c.s.between(100000, 900000) + "-");
        if (!method.equals("GET")) {
          con.setRequestMethod(method);
          con.setDoOutput(true);
          con.setRequestProperty("Content-Type", code == 415 ? "text/csv" : "application/json");
          try (java.io.OutputStream out = con.getOutputStream()) {
            out.write("{\"amount\":1}".getBytes(StandardCharsets.UTF_8));
          }
        }
        try (InputStream in = con.getInputStream()) {
          c.use(in.readAllBytes());
        }
      } catch (IOException e) {
        if (wrap) throw new IOException(c.s.pick("Request failed: " + method + " " + u, "Failed to call " + u, "Upload to " + u + " failed"), e);
        if (task) throw new FetchFailed(taskMessage, e);
        throw e;
      }
    });
  }

  /**
   * Hadoop's S3A connector translates S3 4xx answers: 400 into {@code AWSBadRequestException}, 416 into
   * {@code EOFException}, others into {@code AWSServiceIOException}, naming the operation and path, with the SDK's
   * exception (v1 in both message formats, v2) as the cause. The status comes from the loopback server.
   */
  static Throwable s3aClientError(Ctx c) throws Exception {
    String[] e = c.s.pick(new String[] {"400", "400 Bad Request", "Bad Request"},
        new String[] {"400", "InvalidArgument", "Invalid argument."},
        new String[] {"400", "InvalidRequest", "The operation is not valid for the current state of the object."},
        new String[] {"400", "AuthorizationHeaderMalformed", "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'ap-northeast-2'"},
        new String[] {"416", "InvalidRange", "The requested range is not satisfiable"},
        new String[] {"405", "MethodNotAllowed", "The specified method is not allowed against this resource."},
        new String[] {"409", "OperationAborted", "A conflicting conditional operation is currently in progress against this resource."},
        new String[] {"412", "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"});
    int code = Integer.parseInt(e[0]);
    String bucket = c.s.pick("ledger-archive", "data-lake-raw", "emr-logs-prod", "warehouse", "spark-checkpoints");
    String key = c.s.pick("exports/", "raw/dt=" + c.s.isoDate() + "/", "tables/ledger/", "") + c.s.pick("part-" + c.s.digits(5) + ".parquet",
        c.s.digits(6) + ".csv", "checkpoint/offsets/" + c.s.between(1, 900), "");
    String path = "s3a://" + bucket + "/" + key;
    String u = target(c, code, "/" + bucket + "/" + key);
    HttpResponse<String> r = c.res.httpClient().send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString());
    int st = r.statusCode();
    String rid = c.s.alnum(16);
    String ext = c.s.alnum(40) + "=";
    int fmt = c.rnd.nextInt(3);
    String innerType = fmt == 2 ? "software.amazon.awssdk.services.s3.model.S3Exception" : "com.amazonaws.services.s3.model.AmazonS3Exception";
    String inner = switch (fmt) {
      case 0 -> e[2] + " (Service: Amazon S3; Status Code: " + st + "; Error Code: " + e[1] + "; Request ID: " + rid + "; S3 Extended Request ID: "
          + ext + ")";
      case 1 -> "Status Code: " + st + ", AWS Service: Amazon S3, AWS Request ID: " + rid + ", AWS Error Code: " + e[1] + ", AWS Error Message: " + e[2];
      default -> e[2] + " (Service: S3, Status Code: " + st + ", Request ID: " + rid + ", Extended Request ID: " + ext + ")";
    };
    String op = c.s.pick("getFileStatus", "open", "read", "PUT 0-byte object ", "completeMultipartUpload", "copyFile(" + key + ", " + key + ".tmp)",
        "listObjects", "seek to " + c.s.between(1000, 900000)) + " on " + path;
    String message = op + ": " + innerType + ": " + inner + (fmt == 0 ? ", S3 Extended Request ID: " + ext + ":" + e[1] : "");
    c.type(ServiceError.class, innerType);
    ServiceError cause = new ServiceError(inner);
    c.type(FetchFailed.class, code == 416 ? "java.io.EOFException" : code == 400 ? "org.apache.hadoop.fs.s3a.AWSBadRequestException"
        : "org.apache.hadoop.fs.s3a.AWSServiceIOException");
    if (fmt == 1 && c.s.chance(0.5)) return cause;
    FetchFailed s3a = new FetchFailed(message, cause);
    return io.logdx.trainer.data.Grafts.top(s3a, """
        org.apache.hadoop.fs.s3a.S3AUtils|translateException|243
        org.apache.hadoop.fs.s3a.Invoker|once|119
        org.apache.hadoop.fs.s3a.S3AInputStream|reopen|226
        org.apache.hadoop.fs.s3a.S3AInputStream|lambda$lazySeek$1|392
        org.apache.hadoop.fs.s3a.Invoker|retryUntranslated|414
        org.apache.hadoop.fs.s3a.S3AInputStream|lazySeek|384
        org.apache.hadoop.fs.s3a.S3AInputStream|read|479
        """);
  }

  /**
   * The 5xx siblings of the formats above, so that the status decides between the two labels: HttpURLConnection's
   * "Server returned HTTP response code: 5xx" in task wrappers, S3A's translation of a 500/503, SDK and REST-client
   * formats with a server-side status.
   */
  static Throwable serverSide(Ctx c) throws Exception {
    int k = c.rnd.nextInt(4);
    if (k == 0) {
      int code = c.s.pick(500, 502, 503, 504);
      String u = target(c, code, httpPath(c));
      c.type(FetchFailed.class, c.s.pick("FetchException", "java.io.IOException", "TaskFailedException", "RemoteCallException"));
      String msg = c.s.pick("Failed to fetch " + u, "Error while posting metrics to " + u, "Remote call failed");
      boolean plain = c.s.chance(0.4);
      return fail(() -> {
        try (InputStream in = new URL(u).openStream()) {
          c.use(in.readAllBytes());
        } catch (IOException e) {
          if (plain) throw e;
          throw new FetchFailed(msg, e);
        }
      });
    }
    String[] e = c.s.pick(new String[] {"500", "InternalError", "We encountered an internal error. Please try again."},
        new String[] {"503", "ServiceUnavailable", "Service is unable to handle request."},
        new String[] {"500", "InternalServerError", "Internal Server Error"},
        new String[] {"502", "BadGateway", "Bad Gateway"},
        new String[] {"504", "GatewayTimeout", "Gateway Timeout"});
    int code = Integer.parseInt(e[0]);
    String bucket = c.s.pick("ledger-archive", "data-lake-raw", "emr-logs-prod");
    String key = c.s.pick("exports/", "raw/dt=" + c.s.isoDate() + "/", "") + c.s.digits(6) + c.s.pick(".csv", ".parquet");
    String u = target(c, code, "/" + bucket + "/" + key);
    HttpResponse<String> r = c.res.httpClient().send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString());
    int st = r.statusCode();
    String rid = c.s.alnum(16);
    String type;
    String msg;
    if (k == 1) {
      type = "com.amazonaws.services.s3.model.AmazonS3Exception";
      msg = e[2] + " (Service: Amazon S3; Status Code: " + st + "; Error Code: " + e[1] + "; Request ID: " + rid + "; S3 Extended Request ID: "
          + c.s.alnum(40) + "=)";
    } else if (k == 2) {
      type = "software.amazon.awssdk.services.s3.model.S3Exception";
      msg = e[2] + " (Service: S3, Status Code: " + st + ", Request ID: " + rid + ")";
    } else {
      type = "org.elasticsearch.client.ResponseException";
      msg = "method [" + c.s.pick("GET", "POST") + "], host [http://" + c.s.pick("es-0.search.internal", "elasticsearch") + ":9200], URI [/"
          + c.s.pick("payments-", "audit-") + c.s.isoDate() + "/_search], status line [HTTP/1.1 " + st + " " + switch (st) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Internal Server Error";
          } + "]\n{\"error\":"
          + "{\"type\":\"" + c.s.pick("search_phase_execution_exception", "unavailable_shards_exception", "node_not_connected_exception")
          + "\",\"reason\":\"" + c.s.pick("all shards failed", "primary shard is not active", "[es-0] node not connected") + "\"},\"status\":" + st + "}";
    }
    c.type(ServiceError.class, type);
    ServiceError cause = new ServiceError(msg);
    if (k == 3 || c.s.chance(0.5)) return cause;
    c.type(FetchFailed.class, st == 500 ? "org.apache.hadoop.fs.s3a.AWSStatus500Exception" : "org.apache.hadoop.fs.s3a.AWSServiceIOException");
    return io.logdx.trainer.data.Grafts.top(new FetchFailed(c.s.pick("getFileStatus", "open", "PUT 0-byte object ", "listObjects") + " on s3a://"
        + bucket + "/" + key + ": " + type + ": " + msg, cause), """
        org.apache.hadoop.fs.s3a.S3AUtils|translateException|243
        org.apache.hadoop.fs.s3a.Invoker|once|119
        org.apache.hadoop.fs.s3a.Invoker|retryUntranslated|414
        org.apache.hadoop.fs.s3a.S3AFileSystem|getFileStatus|3053
        """);
  }

  static Throwable cloudClientError(Ctx c) throws Exception {
    int k = c.rnd.nextInt(9);
    String bucket = c.s.pick("ledger-archive", "statements-bucket", "data-lake-raw", "app-backups-prod");
    String key = c.s.pick("exports/", "raw/dt=" + c.s.isoDate() + "/", "") + c.s.digits(6) + c.s.pick(".csv", ".parquet", ".json.gz");
    String[] e = switch (k) {
      // status, error code, error message
      case 0 -> c.s.pick(new String[] {"416", "InvalidRange", "The requested range is not satisfiable"},
          new String[] {"404", "NoSuchKey", "The specified key does not exist."},
          new String[] {"400", "InvalidArgument", "Invalid argument."},
          new String[] {"404", "NoSuchBucket", "The specified bucket does not exist"},
          new String[] {"400", "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size."});
      case 1, 2 -> c.s.pick(new String[] {"400", "InvalidRequest", "Missing required header for this request: Content-MD5"},
          new String[] {"400", "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"},
          new String[] {"412", "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"},
          new String[] {"409", "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it."});
      case 3 -> c.s.pick(new String[] {"400", "ValidationException", "One or more parameter values were invalid: Missing the key id in the item"},
          new String[] {"400", "ResourceNotFoundException", "Requested resource not found"},
          new String[] {"400", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist for this wsdl version."},
          new String[] {"400", "InvalidParameterValue", "Value " + c.s.between(900, 99999) + " for parameter MaxNumberOfMessages is invalid."});
      case 4 -> c.s.pick(new String[] {"400", "invalid", "Invalid bucket name: '" + bucket.toUpperCase() + "'"},
          new String[] {"400", "invalidArgument", "Invalid argument."},
          new String[] {"412", "conditionNotMet", "At least one of the pre-conditions you specified did not hold."});
      case 5 -> c.s.pick(new String[] {"404", "BlobNotFound", "The specified blob does not exist."},
          new String[] {"409", "BlobAlreadyExists", "The specified blob already exists."},
          new String[] {"404", "ContainerNotFound", "The specified container does not exist."},
          new String[] {"412", "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met."});
      case 6 -> c.s.pick(new String[] {"404", "NotFound", "pods \"" + c.s.pick("ledger-worker-", "payments-api-") + c.s.hex(5) + "\" not found"},
          new String[] {"400", "BadRequest", "unable to parse requirement: invalid label value"},
          new String[] {"409", "AlreadyExists", "configmaps \"" + c.s.pick("ledger-config", "fx-rates") + "\" already exists"},
          new String[] {"422", "Invalid", "Deployment.apps \"ledger-worker\" is invalid: spec.replicas: Invalid value: -1"});
      case 7 -> c.s.pick(new String[] {"404", "index_not_found_exception", "no such index [" + c.s.pick("payments-", "audit-") + c.s.isoDate() + "]"},
          new String[] {"400", "mapper_parsing_exception", "failed to parse field [amount] of type [long]"},
          new String[] {"409", "version_conflict_engine_exception", "[" + c.s.digits(8) + "]: version conflict, document already exists"},
          new String[] {"400", "illegal_argument_exception", "Result window is too large, from + size must be less than or equal to: [10000]"});
      default -> c.s.pick(new String[] {"404", "", ""}, new String[] {"400", "", ""}, new String[] {"409", "", ""},
          new String[] {"422", "", ""}, new String[] {"410", "", ""});
    };
    int status = Integer.parseInt(e[0]);
    String shownPath = "/" + bucket + "/" + key;
    String u = target(c, status, shownPath) + "?body=" + URLEncoder.encode("<Error><Code>" + e[1] + "</Code><Message>" + e[2]
        + "</Message></Error>", StandardCharsets.UTF_8);
    c.rewrite("\\?body=[^\\s\"]*", m -> "");
    HttpResponse<String> r = c.res.httpClient().send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString());
    int st = r.statusCode();
    String rid = c.s.alnum(16);
    String type;
    String msg = switch (k) {
      case 0 -> {
        type = "com.amazonaws.services.s3.model.AmazonS3Exception";
        yield "Status Code: " + st + ", AWS Service: Amazon S3, AWS Request ID: " + rid + ", AWS Error Code: " + e[1]
            + ", AWS Error Message: " + e[2] + c.s.pick("", ", S3 Extended Request ID: " + c.s.alnum(40) + "=");
      }
      case 1 -> {
        type = "com.amazonaws.services.s3.model.AmazonS3Exception";
        yield e[2] + " (Service: Amazon S3; Status Code: " + st + "; Error Code: " + e[1] + "; Request ID: " + rid
            + "; S3 Extended Request ID: " + c.s.alnum(40) + "=" + c.s.pick("", "; Proxy: null") + ")";
      }
      case 2 -> {
        type = e[1].equals("NoSuchKey") ? "software.amazon.awssdk.services.s3.model.NoSuchKeyException"
            : "software.amazon.awssdk.services.s3.model.S3Exception";
        yield e[2] + " (Service: S3, Status Code: " + st + ", Request ID: " + rid + ", Extended Request ID: " + c.s.alnum(40) + "=)";
      }
      case 3 -> {
        type = c.s.pick("software.amazon.awssdk.services.dynamodb.model.DynamoDbException", "com.amazonaws.services.sqs.model.AmazonSQSException");
        yield type.contains("sqs") ? e[2] + " (Service: AmazonSQS; Status Code: " + st + "; Error Code: " + e[1] + "; Request ID: " + c.s.uuid() + ")"
            : e[2] + " (Service: DynamoDb, Status Code: " + st + ", Request ID: " + c.s.alnum(32) + ")";
      }
      case 4 -> {
        type = c.s.pick("com.google.cloud.storage.StorageException", "com.google.api.client.googleapis.json.GoogleJsonResponseException");
        yield type.endsWith("StorageException") ? e[2]
            : st + " " + reason(st) + "\nGET https://storage.googleapis.com/storage/v1/b/" + bucket + "/o/" + key.replace("/", "%2F")
            + "\n{\n  \"code\" : " + st + ",\n  \"errors\" : [ {\n    \"domain\" : \"global\",\n    \"message\" : \"" + e[2]
            + "\",\n    \"reason\" : \"" + e[1] + "\"\n  } ],\n  \"message\" : \"" + e[2] + "\"\n}";
      }
      case 5 -> {
        type = "com.azure.storage.blob.models.BlobStorageException";
        yield "Status code " + st + ", \"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + e[1] + "</Code><Message>" + e[2]
            + "\nRequestId:" + c.s.uuid() + "\nTime:" + c.s.isoDate() + "T" + c.s.isoTime() + ".1234567Z</Message></Error>\"";
      }
      case 6 -> {
        type = "io.fabric8.kubernetes.client.KubernetesClientException";
        String ns = c.s.pick("payments", "ledger", "default");
        yield "Failure executing: " + c.s.pick("GET", "POST", "PATCH") + " at: https://10.96.0.1:443/api/v1/namespaces/" + ns + "/"
            + c.s.pick("pods", "configmaps") + ". Message: " + e[2] + ". Received status: Status(apiVersion=v1, code=" + st
            + ", details=null, kind=Status, message=" + e[2] + ", metadata=ListMeta(_continue=null, remainingItemCount=null, "
            + "resourceVersion=null, selfLink=null, additionalProperties={}), reason=" + e[1] + ", status=Failure, additionalProperties={}).";
      }
      case 7 -> {
        type = "org.elasticsearch.client.ResponseException";
        yield "method [" + c.s.pick("GET", "PUT", "POST") + "], host [http://" + c.s.pick("es-0.search.internal", "elasticsearch")
            + ":9200], URI [/" + c.s.pick("payments-", "audit-") + c.s.isoDate() + "/_doc/" + c.s.digits(8) + "], status line [HTTP/1.1 "
            + st + " " + reason(st) + "]\n{\"error\":{\"root_cause\":[{\"type\":\"" + e[1] + "\",\"reason\":\"" + e[2] + "\"}],\"type\":\""
            + e[1] + "\",\"reason\":\"" + e[2] + "\"},\"status\":" + st + "}";
      }
      default -> {
        int j = c.rnd.nextInt(3);
        type = switch (j) {
          case 0 -> st == 404 ? "jakarta.ws.rs.NotFoundException" : st == 400 ? "jakarta.ws.rs.BadRequestException"
              : "jakarta.ws.rs.ClientErrorException";
          case 1 -> "org.apache.hc.client5.http.HttpResponseException";
          default -> "retrofit2.HttpException";
        };
        yield switch (j) {
          case 0 -> "HTTP " + st + " " + reason(st);
          case 1 -> "status code: " + st + ", reason phrase: " + reason(st);
          default -> "HTTP " + st + " " + reason(st);
        };
      }
    };
    c.type(ServiceError.class, type);
    return new ServiceError(msg);
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("http_client_error", "jdk.fnfe-url.readers", HttpClientErrorScenarios::fnfeReaders));
    l.add(cheap("http_client_error", "jdk.fnfe-url.fetch-task", HttpClientErrorScenarios::fnfeInTask));
    l.add(cheap("http_client_error", "jdk.urlconnection.server-returned", c -> serverReturned(c, false)));
    l.add(cheap("http_client_error", "jdk.urlconnection.server-returned-task", c -> serverReturned(c, true)));
    l.add(cheap("http_client_error", "hadoop.s3a-client-error", HttpClientErrorScenarios::s3aClientError));
    l.add(cheap("http_client_error", "cloud-sdk.client-error", HttpClientErrorScenarios::cloudClientError));
    l.add(cheap("http_server_error", "http.server-side-formats", HttpClientErrorScenarios::serverSide));
    l.add(costly("http_client_error", "spring.restclient-4xx", 12, c -> {
      int code = c.s.pick(400, 404, 404, 409, 410, 412, 415, 422);
      String shownPath = httpPath(c);
      String body = "{\"code\":\"" + c.s.pick("E", "ERR-") + code + c.s.digits(2) + "\",\"message\":\"" + c.s.pick(reason(code),
          "요청을 처리할 수 없습니다", "Validation failed", "Resource not found") + "\"}";
      String u = target(c, code, shownPath) + "?body=" + URLEncoder.encode(body, StandardCharsets.UTF_8);
      c.rewrite("\\?body=[^\\s\"]*", m -> "");
      RestClient rest = RestClient.builder().requestFactory(new SimpleClientHttpRequestFactory()).build();
      return fail(() -> {
        if (c.s.chance(0.5)) c.use(rest.get().uri(URI.create(u)).retrieve().body(String.class));
        else c.use(rest.post().uri(URI.create(u)).body("{\"amount\":" + c.s.amount() + "}").retrieve().toBodilessEntity());
      });
    }));
    return l;
  }
}
