package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binary formats and codecs decoded by libraries under their own exception types: protobuf messages
 * ({@code InvalidProtocolBufferException} from well-known types parsing garbage, truncated or corrupted bytes, also
 * through Spring's protobuf converter), Avro data files and records (bad magic, truncation, schema evolution),
 * commons-compress archives and compressors, commons-codec decoders, JDK format readers (manifests, modified UTF-8,
 * inflater streams, images), Java serialization on the writing side ({@code NotSerializableException}, plain and
 * inside the serialization helpers of commons-lang3 and Spring), and Jackson definition problems met while mapping.
 * Every failure here is thrown by the library itself on real bytes; only some wrappers are shown under the type
 * names of the frameworks that wrap them (Kafka, gRPC, Spring Data Redis), with their message formats.
 */
final class FormatScenarios {
  private FormatScenarios() {}

  /** A consumer/client wrapper; shown as the framework type that wraps a decoding failure. */
  static final class DecodeWrapper extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DecodeWrapper(String m, Throwable cause) {
      super(m, cause);
    }
  }

  /** A checked wrapper of a format reader; shown as the reader library's exception type. */
  static final class FormatReadException extends IOException {
    private static final long serialVersionUID = 1L;

    FormatReadException(String m) {
      super(m);
    }

    FormatReadException(String m, Throwable cause) {
      super(m, cause);
    }
  }

  /** A rate source held by a cached object: not serializable, as such helpers usually are not. */
  static final class RateProvider {
    final String pair;

    RateProvider(String pair) {
      this.pair = pair;
    }
  }

  /** A client held by a session-scoped object. */
  static final class PartnerClient {
    final String baseUrl;

    PartnerClient(String baseUrl) {
      this.baseUrl = baseUrl;
    }
  }

  /** A formatter helper held by a cached object. */
  static final class ReceiptFormatter {
    final java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE;
  }

  /** A value put into a session or a distributed cache, with a field that cannot be serialized. */
  static final class TransferContext implements Serializable {
    private static final long serialVersionUID = 3L;
    final String requestId;
    final Object helper;

    TransferContext(String requestId, Object helper) {
      this.requestId = requestId;
      this.helper = helper;
    }
  }

  // ---- Jackson classes whose definitions Jackson cannot use

  /** Only a constructor with arguments and no creator annotation. */
  public static final class QuoteResponse {
    private final String pair;
    private final java.math.BigDecimal rate;

    public QuoteResponse(String pair, java.math.BigDecimal rate) {
      this.pair = pair;
      this.rate = rate;
    }

    public String getPair() {
      return pair;
    }

    public java.math.BigDecimal getRate() {
      return rate;
    }
  }

  /** An abstract type without type information. */
  public interface PaymentMethod {
    String id();
  }

  /** Holds a java.time value; Jackson needs the JSR-310 module for it. */
  public static final class SettlementEvent {
    public String id;
    public java.time.LocalDate valueDate;
    public java.time.Instant createdAt;
  }

  /** Two setters for one property. */
  public static final class FeeRule {
    private Object amount;

    public void setAmount(Long amount) {
      this.amount = amount;
    }

    public void setAmount(java.math.BigDecimal amount) {
      this.amount = amount;
    }

    public Object amount() {
      return amount;
    }
  }

  /** Polymorphic payload with a type id property. */
  @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
      property = "type")
  @com.fasterxml.jackson.annotation.JsonSubTypes({
      @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = CardInstruction.class, name = "CARD"),
      @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = BankInstruction.class, name = "BANK")})
  public abstract static class Instruction {
    public String reference;
  }

  public static final class CardInstruction extends Instruction {
    public String maskedPan;
  }

  public static final class BankInstruction extends Instruction {
    public String iban;
  }

  /** Nothing Jackson can see to serialize. */
  public static final class AuditToken {
    private final String value;

    public AuditToken(String value) {
      this.value = value;
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /** A non-static inner class used as a payload. */
  public final class LineItem {
    public String sku;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

  // ---- helpers

  /**
   * Runs {@code body} until it throws: some damaged inputs happen to decode (a cut at a record boundary, random bytes
   * that form a valid message), and each attempt draws new bytes from the seed, so this stays deterministic.
   */
  private static Throwable until(Ctx c, Ctx.ThrowingRunnable body) {
    for (int i = 0; i < 30; i++) {
      try {
        body.run();
      } catch (Throwable t) {
        // a reader's own bounds slip (an index computed from garbage, also as the cause of the library's exception)
        // would name another label's exception as the root cause: draw again
        if (boundsSlip(t)) continue;
        return t;
      }
    }
    throw new IllegalStateException("input kept decoding");
  }

  private static String topic(Ctx c) {
    return c.s.pick("transfer-events", "payment.completed.v1", "ledger-postings", "card-auth-requests", "fx-quotes",
        "settlement.batch", "account-updates");
  }

  private static byte[] garbage(Ctx c, int n) {
    byte[] b = new byte[n];
    c.rnd.nextBytes(b);
    return b;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    throw new IllegalStateException("entry not found");
  }

  private static boolean boundsSlip(Throwable t) {
    for (Throwable x = t; x != null; x = x.getCause()) {
      if (x instanceof IndexOutOfBoundsException || x instanceof NegativeArraySizeException) return true;
    }
    return false;
  }

  /** Bytes that arrive where a binary message was expected: other encodings, error pages, random bytes. */
  private static byte[] wrongPayload(Ctx c) throws IOException {
    return switch (c.rnd.nextInt(5)) {
      case 0 -> ("{\"requestId\":\"" + c.s.txId() + "\",\"amount\":" + c.s.amount() + "}").getBytes(StandardCharsets.UTF_8);
      case 1 -> ("<html><head><title>" + c.s.pick("502 Bad Gateway", "503 Service Unavailable", "404 Not Found")
          + "</title></head><body>nginx</body></html>").getBytes(StandardCharsets.UTF_8);
      case 2 -> {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(bos)) {
          z.write(c.s.txId().getBytes(StandardCharsets.UTF_8));
        }
        yield bos.toByteArray();
      }
      case 3 -> c.s.uuid().getBytes(StandardCharsets.UTF_8);
      default -> garbage(c, 8 + c.rnd.nextInt(60));
    };
  }

  private static byte[] cut(Ctx c, byte[] b) {
    return Arrays.copyOf(b, 1 + c.rnd.nextInt(Math.max(1, b.length - 1)));
  }

  // ---- protobuf

  private static com.google.protobuf.Struct struct(Ctx c) {
    com.google.protobuf.Struct.Builder b = com.google.protobuf.Struct.newBuilder();
    b.putFields("requestId", com.google.protobuf.Value.newBuilder().setStringValue(c.s.txId()).build());
    b.putFields("amount", com.google.protobuf.Value.newBuilder().setNumberValue(c.rnd.nextInt(1_000_000)).build());
    b.putFields("account", com.google.protobuf.Value.newBuilder().setStringValue(c.s.accountNo()).build());
    return b.build();
  }

  /** Bytes that protobuf's reader rejects, each for a different reason of its own. */
  private static byte[] badProto(Ctx c) throws IOException {
    byte[] valid = struct(c).toByteArray();
    return switch (c.rnd.nextInt(10)) {
      case 0 -> cut(c, valid);
      case 1 -> {
        byte[] b = Arrays.copyOf(valid, valid.length + 2);
        b[valid.length] = 0; // a tag of zero
        yield b;
      }
      case 2 -> new byte[] {0x08, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01}; // an 11-byte varint
      case 3 -> new byte[] {(byte) (0x0E + 8 * c.rnd.nextInt(3)), 0x01}; // wire type 6
      case 4 -> new byte[] {0x0B, 0x14}; // start group 1, end group 2
      case 5 -> new byte[] {0x0A, -2, -1, -1, -1, 0x0F}; // a length of -2
      case 6 -> {
        // a map entry whose key is not UTF-8
        byte[] key = {0x61, (byte) 0xC3, 0x28, 0x62};
        byte[] entry = new byte[2 + key.length];
        entry[0] = 0x0A;
        entry[1] = (byte) key.length;
        System.arraycopy(key, 0, entry, 2, key.length);
        byte[] b = new byte[2 + entry.length];
        b[0] = 0x0A;
        b[1] = (byte) entry.length;
        System.arraycopy(entry, 0, b, 2, entry.length);
        yield b;
      }
      case 7 -> {
        // list values nested deeper than the default recursion limit of 100
        com.google.protobuf.Value v = com.google.protobuf.Value.newBuilder().setStringValue(c.s.txId()).build();
        for (int i = 0; i < 60; i++) {
          v = com.google.protobuf.Value.newBuilder().setListValue(com.google.protobuf.ListValue.newBuilder().addValues(v)).build();
        }
        yield com.google.protobuf.Struct.newBuilder().putFields("payload", v).build().toByteArray();
      }
      default -> wrongPayload(c);
    };
  }

  private static Object parseProto(Ctx c, byte[] b) throws IOException {
    return switch (c.rnd.nextInt(6)) {
      case 0 -> com.google.protobuf.Struct.parseFrom(b);
      case 1 -> com.google.protobuf.Value.parseFrom(b);
      case 2 -> com.google.protobuf.Timestamp.parseFrom(b);
      case 3 -> com.google.protobuf.Any.parseFrom(b);
      case 4 -> com.google.protobuf.ListValue.parseFrom(new ByteArrayInputStream(b));
      default -> com.google.protobuf.Struct.parser().parseFrom(com.google.protobuf.CodedInputStream.newInstance(b));
    };
  }

  /**
   * Parses bad bytes until the parser rejects them: protobuf keeps unknown fields, so random or foreign bytes are
   * sometimes a valid message of another shape (the seed decides, so this stays deterministic).
   */
  private static Throwable protoFailure(Ctx c) throws IOException {
    for (int i = 0; i < 20; i++) {
      byte[] bad = badProto(c);
      try {
        c.use(parseProto(c, bad));
      } catch (IOException e) {
        return e;
      }
    }
    return fail(() -> com.google.protobuf.Struct.parseFrom(new byte[] {0x00}));
  }

  /** Bytes that a {@code Struct} parser rejects. */
  private static byte[] protoBytesThatFail(Ctx c) throws IOException {
    for (int i = 0; i < 20; i++) {
      byte[] bad = badProto(c);
      try {
        c.use(com.google.protobuf.Struct.parseFrom(bad));
      } catch (IOException e) {
        return bad;
      }
    }
    return new byte[] {0x00};
  }

  // ---- Avro

  private static final String TRANSFER_V1 = "{\"type\":\"record\",\"name\":\"TransferEvent\",\"namespace\":\"com.acme.events\","
      + "\"fields\":[{\"name\":\"requestId\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"long\"},"
      + "{\"name\":\"channel\",\"type\":{\"type\":\"enum\",\"name\":\"Channel\",\"symbols\":[\"APP\",\"WEB\",\"ATM\",\"OPENAPI\"]}},"
      + "{\"name\":\"memo\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
  private static final String TRANSFER_V2 = "{\"type\":\"record\",\"name\":\"TransferEvent\",\"namespace\":\"com.acme.events\","
      + "\"fields\":[{\"name\":\"requestId\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"long\"},"
      + "{\"name\":\"channel\",\"type\":{\"type\":\"enum\",\"name\":\"Channel\",\"symbols\":[\"APP\",\"WEB\"]}},"
      + "{\"name\":\"currency\",\"type\":\"string\"}]}";

  private static org.apache.avro.generic.GenericRecord transfer(Ctx c, org.apache.avro.Schema s, String channel) {
    org.apache.avro.generic.GenericRecord r = new org.apache.avro.generic.GenericData.Record(s);
    r.put("requestId", c.s.txId());
    r.put("amount", (long) c.rnd.nextInt(10_000_000));
    r.put("channel", new org.apache.avro.generic.GenericData.EnumSymbol(s.getField("channel").schema(), channel));
    r.put("memo", c.s.chance(0.5) ? null : c.s.pick("salary", "rent", "refund"));
    return r;
  }

  private static byte[] avroRecord(org.apache.avro.Schema s, org.apache.avro.generic.GenericRecord r) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    org.apache.avro.io.BinaryEncoder enc = org.apache.avro.io.EncoderFactory.get().binaryEncoder(bos, null);
    new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(s).write(r, enc);
    enc.flush();
    return bos.toByteArray();
  }

  // ---- a format reader of the application's own (tagged fields after a header)

  /** Reads [magic "LDX1"][version:byte][header fields tag:byte,len:byte,value ... 0x00][body]. */
  static final class TaggedReader {
    final String name;

    TaggedReader(String name) {
      this.name = name;
    }

    int read(byte[] data) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      byte[] magic = new byte[4];
      in.readFully(magic);
      if (magic[0] != 'L' || magic[1] != 'D' || magic[2] != 'X' || magic[3] != '1') {
        throw new FormatReadException(String.format("Invalid magic number 0x%02X%02X%02X%02X in %s (expected 0x4C445831)",
            magic[0], magic[1], magic[2], magic[3], name));
      }
      int version = in.readUnsignedByte();
      if (version < 1 || version > 3) {
        throw new FormatReadException("Unknown format version " + version + " in " + name + " (this reader handles 1-3)");
      }
      int fields = 0;
      int pos = 5;
      while (true) {
        if (in.available() == 0) throw new FormatReadException("Badly terminated header in " + name + " at byte " + pos);
        int tag = in.readUnsignedByte();
        pos++;
        if (tag == 0) break;
        if (tag > 0x20) throw new FormatReadException(String.format("Unknown tag 0x%02X at byte %d in %s", tag, pos - 1, name));
        int len = in.readUnsignedByte();
        if (len > in.available()) {
          throw new FormatReadException("Unexpected end of header in " + name + ": field " + tag + " declares " + len
              + " bytes, " + in.available() + " left");
        }
        in.skipBytes(len);
        pos += 1 + len;
        fields++;
      }
      return fields;
    }

    static byte[] write(Ctx c) {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      bos.writeBytes("LDX1".getBytes(StandardCharsets.US_ASCII));
      bos.write(2);
      for (int i = 0; i < 3; i++) {
        byte[] v = c.s.txId().getBytes(StandardCharsets.US_ASCII);
        bos.write(1 + i);
        bos.write(v.length);
        bos.writeBytes(v);
      }
      bos.write(0);
      bos.writeBytes(c.s.accountNo().getBytes(StandardCharsets.US_ASCII));
      return bos.toByteArray();
    }
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();

    l.add(cheap("deserialization", "protobuf.invalid-bytes", c -> {
      int k = c.rnd.nextInt(10);
      if (k < 4) return protoFailure(c);
      if (k == 4) {
        // an Any packed with one type, unpacked as another
        return fail(() -> com.google.protobuf.Any.pack(struct(c)).unpack(com.google.protobuf.Timestamp.class));
      }
      if (k == 5) {
        // a proto2 message with required fields: DescriptorProtos' NamePart
        return fail(() -> com.google.protobuf.DescriptorProtos.UninterpretedOption.NamePart.parseFrom(
            c.s.chance(0.5) ? new byte[0] : new byte[] {0x0A, 0x03, 'f', 'e', 'e'}));
      }
      if (k == 6) {
        // Spring's protobuf converter reading a request or response body
        org.springframework.http.converter.protobuf.ProtobufHttpMessageConverter conv =
            new org.springframework.http.converter.protobuf.ProtobufHttpMessageConverter();
        byte[] bad = protoBytesThatFail(c);
        org.springframework.http.HttpInputMessage in = new org.springframework.http.HttpInputMessage() {
          @Override public InputStream getBody() {
            return new ByteArrayInputStream(bad);
          }

          @Override public org.springframework.http.HttpHeaders getHeaders() {
            org.springframework.http.HttpHeaders h = new org.springframework.http.HttpHeaders();
            h.setContentType(org.springframework.http.MediaType.parseMediaType("application/x-protobuf"));
            return h;
          }
        };
        return fail(() -> conv.read(com.google.protobuf.Struct.class, in));
      }
      String topic = topic(c);
      Throwable e = protoFailure(c);
      // the framework that handed the bytes over wraps the parser's error in its own format
      // an application's own wrapper type is left to the generic wrapping (Wrappers), which every label shares
      return switch (c.rnd.nextInt(3)) {
        case 0 -> {
          c.type(DecodeWrapper.class, "org.apache.kafka.common.errors.RecordDeserializationException");
          yield new DecodeWrapper("Error deserializing key/value for partition " + topic + "-"
              + c.s.between(0, 11) + " at offset " + c.s.between(1000, 9_999_999)
              + ". If needed, please seek past the record to continue consumption.", e);
        }
        case 1 -> {
          c.type(DecodeWrapper.class, "org.apache.kafka.common.errors.SerializationException");
          yield new DecodeWrapper("Error deserializing Protobuf message for id " + c.s.between(1, 900), e);
        }
        default -> {
          c.type(DecodeWrapper.class, "io.grpc.StatusRuntimeException");
          yield new DecodeWrapper("INTERNAL: Invalid protobuf byte sequence", e);
        }
      };
    }));

    l.add(cheap("deserialization", "avro.decode", c -> {
      org.apache.avro.Schema v1 = new org.apache.avro.Schema.Parser().parse(TRANSFER_V1);
      org.apache.avro.Schema v2 = new org.apache.avro.Schema.Parser().parse(TRANSFER_V2);
      String file = c.s.pick("transfers-" + c.s.dateCompact() + ".avro", "part-0000" + c.s.between(0, 9) + ".avro",
          "ledger-snapshot.avro");
      Throwable t = switch (c.rnd.nextInt(6)) {
        case 0 -> until(c, () -> {
          // not an Avro container file at all
          try (org.apache.avro.file.DataFileStream<Object> in = new org.apache.avro.file.DataFileStream<>(
              new ByteArrayInputStream(wrongPayload(c)), new org.apache.avro.generic.GenericDatumReader<>())) {
            c.use(in.next());
          }
        });
        case 1 -> until(c, () -> {
          // a container file cut short or with a damaged block
          ByteArrayOutputStream bos = new ByteArrayOutputStream();
          try (org.apache.avro.file.DataFileWriter<org.apache.avro.generic.GenericRecord> w = new org.apache.avro.file.DataFileWriter<>(
              new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(v1))) {
            w.create(v1, bos);
            for (int i = 0; i < 30; i++) w.append(transfer(c, v1, c.s.pick("APP", "WEB")));
          }
          byte[] b = bos.toByteArray();
          byte[] bad;
          if (c.s.chance(0.5)) {
            bad = Arrays.copyOf(b, b.length - 1 - c.rnd.nextInt(b.length / 3));
          } else {
            bad = b.clone();
            // the sync marker after the block no longer matches the header's
            bad[bad.length - 1 - c.rnd.nextInt(16)] ^= 0x33;
          }
          try (org.apache.avro.file.DataFileStream<Object> in = new org.apache.avro.file.DataFileStream<>(
              new ByteArrayInputStream(bad), new org.apache.avro.generic.GenericDatumReader<>())) {
            while (in.hasNext()) c.use(in.next());
          }
        });
        case 2 -> until(c, () -> {
          // a record written with v1 read with v2: a new field without default, an enum symbol v2 does not know
          byte[] b = avroRecord(v1, transfer(c, v1, c.s.pick("ATM", "OPENAPI", "APP")));
          new org.apache.avro.generic.GenericDatumReader<org.apache.avro.generic.GenericRecord>(v1, v2).read(null,
              org.apache.avro.io.DecoderFactory.get().binaryDecoder(b, null));
        });
        case 3 -> until(c, () -> {
          // bytes that are not a record of this schema
          byte[] b = c.s.chance(0.5) ? wrongPayload(c) : cut(c, avroRecord(v1, transfer(c, v1, "APP")));
          new org.apache.avro.generic.GenericDatumReader<org.apache.avro.generic.GenericRecord>(v1).read(null,
              org.apache.avro.io.DecoderFactory.get().binaryDecoder(b, null));
        });
        case 4 -> until(c, () -> {
          // the JSON encoding of a record with a wrong or missing field
          String json = c.s.pick("{\"requestId\":\"" + c.s.txId() + "\",\"amount\":\"" + c.s.amount() + "\"}",
              "{\"requestId\":\"" + c.s.txId() + "\"}", "{\"amount\":" + c.rnd.nextInt(100000) + ",\"requestId\":\"x\"}",
              "{\"requestId\":\"" + c.s.txId() + "\",\"amount\":100,\"channel\":\"KIOSK\",\"memo\":null}");
          new org.apache.avro.generic.GenericDatumReader<org.apache.avro.generic.GenericRecord>(v1).read(null,
              org.apache.avro.io.DecoderFactory.get().jsonDecoder(v1, json));
        });
        default -> until(c, () -> {
          // a registry-framed message (magic byte, schema id) whose body is damaged
          byte[] body = avroRecord(v1, transfer(c, v1, "WEB"));
          byte[] b = new byte[5 + body.length];
          b[4] = (byte) c.s.between(1, 120);
          System.arraycopy(body, 0, b, 5, body.length);
          b[5] = (byte) (c.rnd.nextInt(60) * 2 + 1);
          new org.apache.avro.generic.GenericDatumReader<org.apache.avro.generic.GenericRecord>(v1).read(null,
              org.apache.avro.io.DecoderFactory.get().binaryDecoder(b, 5, body.length, null));
        });
      };
      if (c.s.chance(0.3)) {
        c.type(DecodeWrapper.class, c.s.pick("org.apache.kafka.common.errors.SerializationException",
            "org.apache.avro.AvroRuntimeException"));
        return new DecodeWrapper(c.s.pick("Error deserializing Avro message for id " + c.s.between(1, 900),
            "Failed to read " + file, "Could not decode record from " + topic(c)), t);
      }
      return t;
    }));

    l.add(cheap("deserialization", "compress.archives", c -> {
      String name = c.s.pick("statements-" + c.s.dateCompact(), "batch-input", "backup-" + c.s.digits(6), "export", "fx-rates");
      byte[] tar = tar(c);
      return until(c, () -> {
        int k = c.rnd.nextInt(11);
        switch (k) {
          case 0 -> c.use(org.apache.commons.compress.archivers.ArchiveStreamFactory.DEFAULT.createArchiveInputStream(
              new BufferedInputStream(new ByteArrayInputStream(wrongPayload(c)))));
          case 1 -> c.use(new org.apache.commons.compress.compressors.CompressorStreamFactory().createCompressorInputStream(
              new BufferedInputStream(new ByteArrayInputStream(wrongPayload(c)))));
          case 2 -> {
            byte[] b = tar.clone();
            // garble the size field of the first header
            for (int i = 124; i < 130; i++) b[i] = (byte) (int) c.s.pick(0x78, 0x20, 0x5A, 0x39, 0x2E);
            readTar(b);
          }
          case 3 -> readTar(Arrays.copyOf(tar, 512 + 100 + c.rnd.nextInt(300)));
          case 4 -> {
            byte[] b = tar.clone();
            b[148] = (byte) (b[148] == '1' ? '2' : '1'); // header checksum
            readTar(b);
          }
          case 5 -> {
            byte[] zip = zip(c);
            try (org.apache.commons.compress.archivers.zip.ZipFile z = org.apache.commons.compress.archivers.zip.ZipFile.builder()
                .setSeekableByteChannel(new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(
                    c.s.chance(0.5) ? cut(c, zip) : wrongPayload(c))).get()) {
              c.use(z.getEntries());
            }
          }
          case 6 -> {
            try (org.apache.commons.compress.archivers.sevenz.SevenZFile z = org.apache.commons.compress.archivers.sevenz.SevenZFile
                .builder().setSeekableByteChannel(new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(
                    c.s.chance(0.5) ? sevenZHeader(c) : wrongPayload(c))).get()) {
              c.use(z.getNextEntry());
            }
          }
          case 7 -> {
            byte[] bz = bzip2(c);
            byte[] b = c.s.chance(0.5) ? Arrays.copyOf(bz, bz.length / 2) : bz.clone();
            if (b.length == bz.length) b[b.length / 2] ^= 0x41;
            if (c.s.chance(0.3)) b = wrongPayload(c);
            try (InputStream in = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(new ByteArrayInputStream(b))) {
              c.use(in.readAllBytes());
            }
          }
          case 8 -> {
            try (InputStream in = new org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream(
                new ByteArrayInputStream(wrongPayload(c)))) {
              c.use(in.readAllBytes());
            }
          }
          case 9 -> {
            try (org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream in =
                new org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream(new ByteArrayInputStream(wrongPayload(c)))) {
              c.use(in.getNextEntry());
            }
          }
          default -> {
            byte[] zip = zip(c);
            byte[] b = Arrays.copyOf(zip, zip.length * (20 + c.rnd.nextInt(50)) / 100);
            try (org.apache.commons.compress.archivers.zip.ZipArchiveInputStream in =
                new org.apache.commons.compress.archivers.zip.ZipArchiveInputStream(new ByteArrayInputStream(b))) {
              int n = 0;
              while (in.getNextEntry() != null) {
                c.use(in.readAllBytes());
                n++;
              }
              if (n < 3) throw new java.util.zip.ZipException("Truncated archive " + name + ".zip: " + n + " of 3 entries");
            }
          }
        }
      });
    }));

    l.add(cheap("deserialization", "codec.decoder", c -> {
      int k = c.rnd.nextInt(9);
      Throwable t = until(c, () -> {
        switch (k) {
          // the JDK's decoders reject encoded payloads with IllegalArgumentException: decoding, not an argument check
          case 6 -> c.use(java.util.Base64.getDecoder().decode(c.s.pick("eyJhbGciOi$", "abc#def", "SGVsbG8gd29y bGQ=",
              c.s.alnum(7) + "%", c.s.alnum(4) + "-" + c.s.alnum(4) + "_", c.s.alnum(5))));
          case 7 -> c.use(c.s.chance(0.5) ? java.util.Base64.getUrlDecoder().decode(c.s.alnum(6) + c.s.pick("+", "/", "=") + c.s.alnum(5))
              : java.util.Base64.getMimeDecoder().decode(c.s.alnum(8) + "=" + c.s.alnum(3)));
          case 8 -> c.use(java.net.URLDecoder.decode(c.s.pick("memo=" + c.s.alnum(4) + "%", "name=%G1" + c.s.alnum(3),
              "q=" + c.s.alnum(3) + "%2", "redirect=%%" + c.s.alnum(5)), StandardCharsets.UTF_8));
          case 0 -> c.use(org.apache.commons.codec.binary.Hex.decodeHex(c.s.pick(c.s.hex(15), c.s.hex(8) + "g" + c.s.hex(7),
              c.s.uuid(), "0x" + c.s.hex(16), c.s.hex(6) + " " + c.s.hex(6))));
          case 1 -> c.use(c.s.chance(0.5) ? org.apache.commons.codec.binary.Hex.decodeHex(c.s.hex(7) + c.s.pick("z", "-", " ") + c.s.hex(8))
              : new org.apache.commons.codec.net.URLCodec().decode(c.s.pick("redirect%3Dhttps%3A%2F%2F%ZZpay",
              "memo=" + c.s.alnum(5) + "%2", "q=%E0%A4%A", "name%G1" + c.s.alnum(4))));
          case 2 -> c.use(new org.apache.commons.codec.net.QuotedPrintableCodec().decode(c.s.pick("=ZZ" + c.s.alnum(6),
              "Transfer=20" + c.s.alnum(4) + "=", "=E1=84=" + c.s.alnum(3))));
          case 3 -> c.use(new org.apache.commons.codec.net.BCodec().decode(c.s.pick("=?UTF-8?B?" + c.s.alnum(8),
              "=?UTF-8?Q?" + c.s.alnum(6) + "?=", "=?UTF-8?B?" + c.s.alnum(6) + "?")));
          case 4 -> c.use(new org.apache.commons.codec.net.QCodec().decode("=?UTF-8?Q?" + c.s.alnum(4) + "=Z" + "?="));
          default -> c.use(org.apache.commons.codec.binary.Hex.decodeHex(c.s.hex(2 * c.s.between(4, 16) + 1).toCharArray()));
        }
      });
      if (c.s.chance(0.2)) {
        c.type(FormatReadException.class, "java.io.IOException");
        return new FormatReadException(c.s.pick("Failed to decode signature header", "Cannot decode callback parameter 'memo'",
            "Invalid encoded value in field " + c.s.field(), "Could not decode MIME header"), t);
      }
      return t;
    }));

    l.add(cheap("deserialization", "jdk.format-readers", c -> until(c, () -> {
      switch (c.rnd.nextInt(6)) {
        case 0 -> {
          String mf = "Manifest-Version: 1.0\r\n" + c.s.pick("Created-By 17.0.9 (Eclipse Adoptium)\r\n",
              "Main-Class: com.acme.pay.Main\r\n" + c.s.alnum(12) + "\r\n", ": " + c.s.alnum(8) + "\r\n",
              "Implementation-Version: 1." + c.s.between(0, 9) + "\r\nX-Build-Info\r\n");
          c.use(new java.util.jar.Manifest(new ByteArrayInputStream(mf.getBytes(StandardCharsets.UTF_8))));
        }
        case 1 -> {
          // modified UTF-8 written by DataOutputStream, read back from a damaged file
          ByteArrayOutputStream bos = new ByteArrayOutputStream();
          new java.io.DataOutputStream(bos).writeUTF(c.s.pick("홍길동", "급여이체", "Müller GmbH") + c.s.txId());
          byte[] b = bos.toByteArray();
          b[2 + c.rnd.nextInt(3)] = (byte) 0xFF;
          c.use(new DataInputStream(new ByteArrayInputStream(b)).readUTF());
        }
        case 2 -> {
          byte[] in = wrongPayload(c);
          java.util.zip.Inflater inf = new java.util.zip.Inflater(c.s.chance(0.3));
          inf.setInput(in);
          c.use(inf.inflate(new byte[4096]));
          // what the inflater took without complaint ends early for the stream reader
          try (InputStream s = new java.util.zip.InflaterInputStream(new ByteArrayInputStream(in))) {
            c.use(s.readAllBytes());
          }
        }
        case 3 -> {
          try (InputStream in = new java.util.zip.InflaterInputStream(new ByteArrayInputStream(wrongPayload(c)))) {
            c.use(in.readAllBytes());
          }
        }
        case 4 -> {
          byte[] png = png(c);
          // an upload cut short: the PNG reader fails inside its data chunks
          byte[] b = Arrays.copyOf(png, 40 + c.rnd.nextInt(png.length - 60));
          c.use(javax.imageio.ImageIO.read(new ByteArrayInputStream(b)));
        }
        default -> {
          byte[] b = TaggedReader.write(c);
          switch (c.rnd.nextInt(4)) {
            case 0 -> b[c.rnd.nextInt(4)] = (byte) (int) c.s.pick(0x50, 0x58, 0x1F, 0x00);
            case 1 -> b[4] = (byte) c.s.between(4, 9);
            case 2 -> b[5 + 2 + b[6]] = (byte) c.s.between(0x21, 0xFE);
            default -> b = Arrays.copyOf(b, 5 + c.rnd.nextInt(12));
          }
          c.type(FormatReadException.class, c.s.pick("java.io.IOException", "java.io.StreamCorruptedException",
              "org.apache.parquet.io.ParquetDecodingException", "org.apache.orc.FileFormatException",
              "com.esotericsoftware.kryo.KryoException", "org.apache.thrift.protocol.TProtocolException"));
          byte[] d = b;
          new TaggedReader(c.s.pick("/data/export/", "/var/lib/app/spool/", "hdfs://nn1/warehouse/", "s3://ledger-archive/")
              + c.s.pick("part-0000" + c.s.between(0, 9) + ".ldx", "snapshot-" + c.s.dateCompact() + ".bin", "index.dat"))
              .read(d);
        }
      }
    })));

    l.add(cheap("deserialization", "jdk.not-serializable", c -> {
      Object helper = switch (c.rnd.nextInt(7)) {
        case 0, 1 -> new RateProvider(c.s.pick("USD/KRW", "EUR/KRW", "JPY/KRW"));
        case 2 -> new PartnerClient("https://" + c.s.host());
        case 3 -> new ReceiptFormatter();
        case 4 -> java.util.Optional.of(c.s.txId());
        case 5 -> java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd");
        default -> c.s.chance(0.5) ? new Object() : new ByteArrayInputStream(new byte[1]);
      };
      TransferContext value = new TransferContext(c.s.txId(), helper);
      Object payload = c.s.chance(0.2) ? new java.util.HashMap<>(java.util.Map.of("ctx", value)) : value;
      return switch (c.rnd.nextInt(5)) {
        case 0, 1 -> fail(() -> {
          try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(payload);
          }
        });
        case 2 -> fail(() -> c.use(org.apache.commons.lang3.SerializationUtils.serialize((Serializable) payload)));
        case 3 -> fail(() -> c.use(org.apache.commons.lang3.SerializationUtils.clone((Serializable) payload)));
        default -> {
          Throwable t = fail(() -> c.use(new org.springframework.core.serializer.support.SerializingConverter().convert(payload)));
          if (c.s.chance(0.5)) {
            // Spring Data Redis wraps its JDK serializer's failures so
            c.type(DecodeWrapper.class, "org.springframework.data.redis.serializer.SerializationException");
            yield new DecodeWrapper("Cannot serialize", t);
          }
          yield t;
        }
      };
    }));

    l.add(cheap("deserialization", "jdk.deserializing-converter", c -> {
      byte[] b = switch (c.rnd.nextInt(3)) {
        case 0 -> wrongPayload(c);
        case 1 -> {
          ByteArrayOutputStream bos = new ByteArrayOutputStream();
          try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
            out.writeObject(new TransferContext(c.s.txId(), c.s.txId()));
          }
          yield cut(c, bos.toByteArray());
        }
        default -> ("\"" + c.s.txId() + "\"").getBytes(StandardCharsets.UTF_8);
      };
      Throwable t = fail(() -> c.use(new org.springframework.core.serializer.support.DeserializingConverter().convert(b)));
      if (c.s.chance(0.4)) {
        c.type(DecodeWrapper.class, "org.springframework.data.redis.serializer.SerializationException");
        return new DecodeWrapper("Cannot deserialize", t);
      }
      return t;
    }));

    l.add(cheap("deserialization", "jdk.corrupt-jar-classpath", c -> {
      // a plugin or library jar whose entry headers were damaged in transfer: the class loader opens the jar (its
      // central directory is intact) and fails reading the entry (rule 6: a corrupt jar being read)
      String pkg = c.s.pick("com/acme/plugin/", "kr/co/bank/ext/", "io/fintech/partner/", "com/example/rules/");
      String cls = c.s.pick("FeeCalculator", "PartnerAdapter", "RuleEngine", "SettlementPlugin", "ReportTemplate");
      String resource = c.s.pick("rules/fee-table.json", "META-INF/services/com.acme.spi.Provider", "templates/receipt.xml",
          "config/partner.properties");
      java.nio.file.Path jar = c.res.tempDir().resolve(c.s.digits(9) + "-" + c.s.pick("partner-sdk", "rules-engine", "fee-plugin",
          "report-templates") + "-" + c.s.between(1, 4) + "." + c.s.between(0, 12) + ".jar");
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(bos)) {
        out.putNextEntry(new java.util.zip.ZipEntry(pkg + cls + ".class"));
        out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61});
        out.write(("class body " + c.s.alnum(40)).repeat(10).getBytes(StandardCharsets.US_ASCII));
        out.closeEntry();
        out.putNextEntry(new java.util.zip.ZipEntry(resource));
        out.write(("{\"fee\":" + c.s.amount() + "}").repeat(20).getBytes(StandardCharsets.US_ASCII));
        out.closeEntry();
      }
      byte[] b = bos.toByteArray();
      boolean asClass = c.s.chance(0.6);
      String entry = asClass ? pkg + cls + ".class" : resource;
      int at = indexOf(b, entry.getBytes(StandardCharsets.US_ASCII)) - 30;
      if (c.s.chance(0.7)) {
        b[at] = (byte) 'X'; // the entry's local header signature
      } else {
        for (int i = at + 30 + entry.length(); i < at + 60 + entry.length(); i++) b[i] ^= 0x6B; // its compressed data
      }
      java.nio.file.Files.write(jar, b);
      try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
        return until(c, () -> {
          if (asClass) {
            c.use(loader.loadClass(pkg.replace('/', '.') + cls));
          } else {
            try (InputStream in = loader.getResourceAsStream(resource)) {
              if (in == null) throw new java.io.FileNotFoundException(resource);
              c.use(in.readAllBytes());
            }
          }
        });
      } finally {
        java.nio.file.Files.deleteIfExists(jar);
      }
    }));
    l.add(cheap("deserialization", "jackson.definition", c -> {
      Throwable t = jacksonDefinition(c);
      if (c.s.chance(0.3) && t instanceof com.fasterxml.jackson.databind.JsonMappingException j) {
        // Spring MVC's Jackson converter: definition problems become conversion errors, the rest unreadable bodies
        org.springframework.http.HttpInputMessage body = new org.springframework.http.HttpInputMessage() {
          @Override public InputStream getBody() {
            return new ByteArrayInputStream(new byte[0]);
          }

          @Override public org.springframework.http.HttpHeaders getHeaders() {
            return new org.springframework.http.HttpHeaders();
          }
        };
        if (j instanceof com.fasterxml.jackson.databind.exc.InvalidDefinitionException d) {
          return new org.springframework.http.converter.HttpMessageConversionException("Type definition error: " + d.getType(), d);
        }
        return new org.springframework.http.converter.HttpMessageNotReadableException("JSON parse error: " + j.getOriginalMessage(), j,
            body);
      }
      return t;
    }));
    return l;
  }

  private static Throwable jacksonDefinition(Ctx c) {
    return fail(() -> {
      com.fasterxml.jackson.databind.ObjectMapper m = MAPPER;
      switch (c.rnd.nextInt(8)) {
        case 0 -> m.readValue("{\"pair\":\"USD/KRW\",\"rate\":1350." + c.s.digits(2) + "}", QuoteResponse.class);
        case 1 -> m.readValue("{\"id\":\"" + c.s.txId() + "\"}", PaymentMethod.class);
        case 2 -> m.readValue("{\"id\":\"" + c.s.txId() + "\",\"valueDate\":\"" + c.s.isoDate() + "\"}", SettlementEvent.class);
        case 3 -> m.readValue("{\"amount\":\"" + c.s.amount() + "\"}", FeeRule.class);
        case 4 -> m.readValue("{\"reference\":\"" + c.s.txId() + "\"" + c.s.pick("", ",\"type\":\"" + c.s.pick("CRYPTO", "card",
            "VIRTUAL_ACCOUNT", "") + "\"") + "}", Instruction.class);
        case 5 -> m.readValue("{\"sku\":\"" + c.s.alnum(8) + "\"}", LineItem.class);
        case 6 -> m.writeValueAsString(c.s.chance(0.5) ? new AuditToken(c.s.uuid())
            : new java.util.LinkedHashMap<>(java.util.Map.of("createdAt", java.time.LocalDateTime.of(2024, 1 + c.rnd.nextInt(12),
                1 + c.rnd.nextInt(28), c.rnd.nextInt(24), 0))));
        default -> m.readValue("[{\"pair\":\"EUR/KRW\",\"rate\":1500}]",
            new com.fasterxml.jackson.core.type.TypeReference<List<QuoteResponse>>() {});
      }
    });
  }

  // ---- archive fixtures built by the real writers

  private static byte[] tar(Ctx c) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream out =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bos)) {
      for (int i = 0; i < 2; i++) {
        byte[] data = (c.s.txId() + "," + c.s.amount() + "\n").repeat(20).getBytes(StandardCharsets.UTF_8);
        org.apache.commons.compress.archivers.tar.TarArchiveEntry e =
            new org.apache.commons.compress.archivers.tar.TarArchiveEntry("export/part-" + i + ".csv");
        e.setSize(data.length);
        e.setModTime(1_700_000_000_000L);
        out.putArchiveEntry(e);
        out.write(data);
        out.closeArchiveEntry();
      }
    }
    return bos.toByteArray();
  }

  private static void readTar(byte[] b) throws IOException {
    try (org.apache.commons.compress.archivers.tar.TarArchiveInputStream in =
        new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new ByteArrayInputStream(b))) {
      org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
      int n = 0;
      while ((e = in.getNextEntry()) != null) {
        byte[] data = in.readAllBytes();
        if (data.length != e.getSize()) throw new java.io.EOFException("Truncated TAR archive");
        n++;
      }
      if (n < 2) throw new java.io.EOFException("Truncated TAR archive: " + n + " of 2 entries");
    }
  }

  private static byte[] zip(Ctx c) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bos)) {
      for (int i = 0; i < 3; i++) {
        z.putNextEntry(new java.util.zip.ZipEntry("part-" + i + ".csv"));
        z.write((c.s.txId() + "," + c.s.amount() + "\n").repeat(10).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return bos.toByteArray();
  }

  private static byte[] bzip2(Ctx c) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream out =
        new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(bos)) {
      out.write((c.s.txId() + "," + c.s.amount() + "\n").repeat(40).getBytes(StandardCharsets.UTF_8));
    }
    return bos.toByteArray();
  }

  /** A 7z signature header followed by damaged or missing data. */
  private static byte[] sevenZHeader(Ctx c) {
    byte[] b = new byte[32 + c.rnd.nextInt(64)];
    byte[] sig = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4};
    System.arraycopy(sig, 0, b, 0, sig.length);
    for (int i = sig.length; i < b.length; i++) b[i] = (byte) c.rnd.nextInt(256);
    return b;
  }

  private static byte[] png(Ctx c) throws IOException {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(24, 24, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 24; i++) img.setRGB(i, i, c.rnd.nextInt());
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(img, "png", bos);
    return bos.toByteArray();
  }
}
