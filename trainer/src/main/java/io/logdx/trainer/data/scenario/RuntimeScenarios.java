package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.trainer.data.Grafts;
import io.logdx.trainer.data.Scenario;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Failures of the runtime: memory, class loading, date and time parsing, payload reading. */
final class RuntimeScenarios {
  private RuntimeScenarios() {}

  /** A request body as a REST controller would bind it. */
  public static final class TransferRequest {
    public String requestId;
    public String fromAccount;
    public String toAccount;
    public BigDecimal amount;
    public String currency;
    public LocalDate valueDate;
    public Channel channel;
  }

  public enum Channel { MOBILE, WEB, BRANCH, OPEN_API }

  /** A value class sent through Java serialization (a session attribute, a cache entry). */
  static final class CachedQuote implements Serializable {
    private static final long serialVersionUID = 3L;
    final String pair;
    final BigDecimal rate;

    CachedQuote(String pair, BigDecimal rate) {
      this.pair = pair;
      this.rate = rate;
    }
  }

  /** Never loaded normally: its class file bytes are read to define it in ways the JVM rejects. */
  static final class Probe {
    int value;
  }

  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- out_of_memory
    l.add(costly("out_of_memory", "jvm.oom.array-limit", 2, c -> fail(() -> {
      StackTraceElement[] here = new Throwable().getStackTrace(); long[] big = allocate(Integer.MAX_VALUE, here);
      c.use(big);
    })));
    l.add(costly("out_of_memory", "jvm.oom.heap", 3, c -> fail(() -> {
      // one allocation larger than any heap this runs with: the JVM collects, then gives up at once
      StackTraceElement[] here = new Throwable().getStackTrace(); long[] big = allocate(Integer.MAX_VALUE - 16, here);
      c.use(big);
    })));
    l.add(cheap("out_of_memory", "constructed.oom.jvm-messages", c -> {
      int k = c.rnd.nextInt(5);
      OutOfMemoryError e = new OutOfMemoryError(switch (k) {
        case 0 -> "GC overhead limit exceeded";
        case 1 -> "Metaspace";
        case 2 -> "unable to create native thread: possibly out of memory or process/resource limits reached";
        case 3 -> "Cannot reserve " + c.s.pick(1048576, 8192, 65536, 16777216) + " bytes of direct buffer memory "
            + "(allocated: " + (1073741824L - c.s.between(1, 60000)) + ", limit: 1073741824)";
        default -> "Java heap space";
      });
      String spec = switch (k) {
        case 1 -> "java.lang.ClassLoader|defineClass1|-2|java.base\njava.lang.ClassLoader|defineClass|1012|java.base\n"
            + "java.security.SecureClassLoader|defineClass|150|java.base";
        case 2 -> "java.lang.Thread|start0|-2|java.base\njava.lang.Thread|start|809|java.base\n"
            + "java.util.concurrent.ThreadPoolExecutor|addWorker|945|java.base\n"
            + "java.util.concurrent.ThreadPoolExecutor|execute|1353|java.base";
        case 3 -> "java.nio.Bits|reserveMemory|175|java.base\njava.nio.DirectByteBuffer|<init>|118|java.base\n"
            + "java.nio.ByteBuffer|allocateDirect|317|java.base";
        case 4 -> "java.util.Arrays|copyOf|3537|java.base\njava.io.ByteArrayOutputStream|ensureCapacity|100|java.base\n"
            + "java.io.ByteArrayOutputStream|write|132|java.base";
        default -> "java.util.HashMap|resize|702|java.base\njava.util.HashMap|putVal|661|java.base\n"
            + "java.util.HashMap|put|610|java.base";
      };
      return Grafts.top(e, spec);
    }));
    // ---- class_loading
    l.add(cheap("class_loading", "jdk.cnfe.forName", c -> fail(() -> Class.forName(c.s.pick(
        "com.mysql.cj.jdbc.Driver", "org.postgresql.Driver", "oracle.jdbc.OracleDriver",
        "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule", "org.bouncycastle.jce.provider.BouncyCastleProvider",
        "io.netty.channel.epoll.Epoll", "org.apache.commons.collections4.CollectionUtils", "javax.xml.bind.JAXBContext",
        "com.sun.xml.bind.v2.ContextFactory", "org.slf4j.impl.StaticLoggerBinder", "net.sf.jasperreports.engine.JRException",
        "kr.co.nice.NiceCheckModule", "com.ibm.db2.jcc.DB2Driver")))));
    l.add(cheap("class_loading", "jdk.nsme.reflection", c -> fail(() -> {
      Class<?> target = c.s.pick(String.class, BigDecimal.class, LocalDate.class, java.util.Map.class);
      if (c.s.chance(0.5)) target.getMethod(c.s.pick("isBlankOrNull", "toPlainStringExact", "ofEpochSecondUtc", "getOrThrow"));
      else MethodHandles.publicLookup().findVirtual(target, c.s.pick("strip2", "scaleByPowerOfTen10", "plusBusinessDays"),
          java.lang.invoke.MethodType.methodType(void.class));
    })));
    l.add(costly("class_loading", "jvm.linkage.duplicate-definition", 2, c -> fail(() -> {
      byte[] bytes = probeBytes();
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      try {
        lookup.defineClass(bytes);
      } catch (LinkageError first) {
        // already defined by an earlier run: this is the failure we want
        throw first;
      }
      lookup.defineClass(bytes);
    })));
    l.add(costly("class_loading", "jvm.unsupported-class-version", 2, c -> fail(() -> {
      byte[] bytes = probeBytes();
      bytes[6] = 0;
      bytes[7] = (byte) (c.s.chance(0.5) ? 65 : 66);
      MethodHandles.lookup().defineClass(bytes);
    })));
    l.add(cheap("class_loading", "constructed.linkage-errors", c -> {
      int k = c.rnd.nextInt(5);
      LinkageError e = switch (k) {
        case 0 -> new NoSuchMethodError(c.s.pick(
            "'void com.google.common.base.Preconditions.checkArgument(boolean, java.lang.String, java.lang.Object)'",
            "'org.apache.http.ssl.SSLContextBuilder org.apache.http.ssl.SSLContextBuilder.loadTrustMaterial(java.security.KeyStore, org.apache.http.ssl.TrustStrategy)'",
            "'com.fasterxml.jackson.core.JsonParser com.fasterxml.jackson.core.JsonFactory.createParser(java.io.Reader)'",
            "'java.nio.ByteBuffer java.nio.ByteBuffer.flip()'",
            "'void org.springframework.util.Assert.notNull(java.lang.Object)'"));
        case 1 -> new NoSuchFieldError(c.s.pick("INSTANCE", "Companion", "DEFAULT", "UTF_8", "JAVA_TIME_MODULE"));
        case 2 -> new NoClassDefFoundError(c.s.pick("org/apache/commons/logging/LogFactory", "javax/xml/bind/DatatypeConverter",
            "kotlin/jvm/internal/Intrinsics", "org/slf4j/LoggerFactory", "com/google/common/collect/ImmutableList",
            "javax/servlet/http/HttpServletRequest", "io/micrometer/observation/ObservationRegistry"));
        case 3 -> new AbstractMethodError("Receiver class " + c.s.pick("com.zaxxer.hikari.pool.HikariProxyConnection",
            "org.hibernate.dialect.MySQL8Dialect", "com.acme.legacy.LegacyPaymentAdapter") + " does not define or inherit an "
            + "implementation of the resolved method 'abstract " + c.s.pick("boolean isValid(int)", "void setSchema(java.lang.String)",
            "java.lang.String getSchema()") + "' of interface java.sql.Connection.");
        default -> new IncompatibleClassChangeError("Found interface " + c.s.pick("org.objectweb.asm.ClassVisitor",
            "org.apache.hadoop.mapreduce.JobContext", "org.junit.platform.engine.TestDescriptor") + ", but class was expected");
      };
      if (k == 2 && c.s.chance(0.6)) {
        String cls = e.getMessage().replace('/', '.');
        try {
          Class.forName(cls + "Missing");
        } catch (ClassNotFoundException cnfe) {
          e.initCause(new ClassNotFoundException(cls));
        }
      }
      return e;
    }));
    // ---- date_time_parse
    l.add(cheap("date_time_parse", "jdk.dtpe.localdate", c -> fail(() -> {
      String d = c.s.isoDate();
      LocalDate.parse(c.s.pick(d.replace('-', '/'), d.replace("-", ""), d.substring(5) + "-" + d.substring(0, 4),
          d.substring(0, 8) + "3" + c.s.between(2, 9), d + "T10:00:00", "2024-02-30", "2023-02-29", "", "20" + c.s.digits(2) + "." + c.s.digits(2) + "." + c.s.digits(2)));
    })));
    l.add(cheap("date_time_parse", "jdk.dtpe.formatter", c -> fail(() -> {
      for (int attempt = 0; attempt < 20; attempt++) {
      DateTimeFormatter f = DateTimeFormatter.ofPattern(c.s.pick("yyyyMMdd", "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy", "yyyyMMddHHmmss"));
      String v = c.s.pick(c.s.isoDate(), c.s.dateCompact() + c.s.isoTime().replace(":", ""), c.s.dateCompact(),
          c.s.isoDate() + " " + c.s.isoTime(), "2024" + c.s.between(13, 19) + "01", "31/" + c.s.between(13, 19) + "/2024");
      if (c.s.chance(0.5)) LocalDateTime.parse(v, f);
      else LocalDate.parse(v, f);
      }
    })));
    l.add(cheap("date_time_parse", "jdk.dtpe.instant-duration-time", c -> fail(() -> {
      switch (c.rnd.nextInt(4)) {
        case 0 -> Instant.parse(c.s.isoDate() + " " + c.s.isoTime());
        case 1 -> Duration.parse(c.s.pick("30s", "5m", "PT", "1h30m", "P1DT"));
        case 2 -> LocalTime.parse(c.s.pick("24:00", "25:10", "9:5", "10:61"));
        default -> OffsetDateTime.parse(c.s.isoDate() + "T" + c.s.isoTime() + c.s.pick("+0900", " KST", "+9"));
      }
    })));
    l.add(cheap("date_time_parse", "jdk.text.parseexception", c -> fail(() -> {
      SimpleDateFormat f = new SimpleDateFormat(c.s.pick("yyyy-MM-dd", "yyyyMMdd", "dd.MM.yyyy HH:mm", "EEE, d MMM yyyy"),
          Locale.ROOT);
      f.setLenient(false);
      f.parse(c.s.pick(c.s.isoDate().replace('-', '/'), "", "N/A", c.s.isoTime(), "2024-13-45", "31.02.2024 10:00"));
    })));
    // ---- deserialization
    l.add(cheap("deserialization", "jackson.unrecognized-property", c -> fail(() -> {
      String extra = c.s.pick("memo", "toAcct", "amt", "fee", "channelCode", "deviceId", "requestID", "transferType");
      MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(
          "{\"requestId\":\"" + c.s.txId() + "\",\"amount\":" + c.s.amount() + ",\"" + extra + "\":\"x\"}", TransferRequest.class);
    })));
    l.add(cheap("deserialization", "jackson.mismatched-input", c -> fail(() -> {
      String json = switch (c.rnd.nextInt(5)) {
        case 0 -> "{\"amount\":\"" + c.s.krw() + "\"}";
        case 1 -> "{\"channel\":\"" + c.s.pick("APP", "mobile", "ATM", "KIOSK") + "\"}";
        case 2 -> "{\"valueDate\":\"" + c.s.isoDate().replace('-', '/') + "\"}";
        case 3 -> "[{\"requestId\":\"" + c.s.txId() + "\"}]";
        default -> "{\"amount\":{\"value\":" + c.s.amount() + "}}";
      };
      MAPPER.readValue(json, TransferRequest.class);
    })));
    l.add(cheap("deserialization", "jackson.malformed-json", c -> fail(() -> {
      String json = c.s.pick("{\"requestId\":\"" + c.s.txId() + "\",}", "{requestId:'" + c.s.txId() + "'}",
          "{\"amount\":" + c.s.amount() + ",\"currency\":\"KRW\"", "<html><body>502 Bad Gateway</body></html>",
          "{\"amount\": 1,000}", "", "{\"memo\":\"" + c.s.txId() + "}");
      MAPPER.readTree(json.isEmpty() ? "  " : json);
      if (json.isEmpty()) MAPPER.readValue(json, TransferRequest.class);
    })));
    l.add(cheap("deserialization", "jdk.serialization", c -> fail(() -> {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
        out.writeObject(new CachedQuote("USD/KRW", new BigDecimal("1350." + c.s.digits(2))));
      }
      byte[] b = bos.toByteArray();
      if (c.s.chance(0.5)) {
        // a cache entry written by another build of the class: change the stream's serialVersionUID
        for (int i = 0; i + 8 < b.length; i++) {
          if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == 0 && b[i + 4] == 0 && b[i + 5] == 0
              && b[i + 6] == 0 && b[i + 7] == 3) {
            b[i + 7] = (byte) c.s.between(4, 9);
            break;
          }
        }
      } else {
        b = ("{\"pair\":\"USD/KRW\",\"rate\":1350." + c.s.digits(2) + "}").getBytes(StandardCharsets.UTF_8);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
        c.use(in.readObject());
      }
    })));
    l.add(cheap("deserialization", "jdk.xml-and-zip", c -> fail(() -> {
      if (c.s.chance(0.5)) {
        String xml = c.s.pick("<Document><CstmrCdtTrfInitn><GrpHdr><MsgId>" + c.s.alnum(10) + "</MsgId></GrpHdr>",
            "<transfer amount=\"" + c.s.amount() + "\"><to>" + c.s.accountNo() + "</transfer>", "not xml at all",
            "<?xml version=\"1.0\"?><a><b></a>");
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        javax.xml.parsers.DocumentBuilder db = f.newDocumentBuilder();
        db.setErrorHandler(null);
        db.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      } else {
        java.nio.file.Path zip = c.res.tempDir().resolve("statement-" + c.s.digits(6) + ".zip");
        java.nio.file.Files.write(zip, ("PK\u0003\u0004" + c.s.alnum(40)).getBytes(StandardCharsets.ISO_8859_1));
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
          c.use(z.size());
        } finally {
          java.nio.file.Files.deleteIfExists(zip);
        }
      }
    })));
    return l;
  }

  /**
   * The JVM hands out a few OutOfMemoryErrors with a stack trace and then a shared one without: the error keeps the
   * allocating code's frames either way, so that the output does not depend on how many came before.
   */
  static long[] allocate(int length, StackTraceElement[] callerFrames) {
    try {
      return new long[length];
    } catch (OutOfMemoryError e) {
      StackTraceElement[] own = new Throwable().getStackTrace();
      StackTraceElement[] frames = new StackTraceElement[callerFrames.length + 1];
      frames[0] = own[0];
      System.arraycopy(callerFrames, 0, frames, 1, callerFrames.length);
      OutOfMemoryError copy = new OutOfMemoryError(e.getMessage());
      copy.setStackTrace(frames);
      throw copy;
    }
  }

  static byte[] probeBytes() throws java.io.IOException {
    try (InputStream in = RuntimeScenarios.class.getResourceAsStream("RuntimeScenarios$Probe.class")) {
      return in.readAllBytes();
    }
  }
}
