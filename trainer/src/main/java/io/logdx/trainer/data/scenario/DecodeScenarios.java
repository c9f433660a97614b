package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Corrupt inputs decoded by real code: truncated or garbled GZIP, ZIP and JAR files on disk, truncated Java
 * serialization streams, files in the wrong character encoding, truncated XML and JSON files, and a length-prefixed
 * record format whose reader checks a CRC32 (its errors shown as the record formats of Kafka, Hadoop or an
 * application).
 */
final class DecodeScenarios {
  private DecodeScenarios() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A cached value as an application would serialize it. */
  public static final class SessionSnapshot implements Serializable {
    private static final long serialVersionUID = 7L;
    final String user;
    final long[] recent;

    SessionSnapshot(String user, long[] recent) {
      this.user = user;
      this.recent = recent;
    }
  }

  /** Reads records written as [length:int][crc32:long][type:byte][payload]. */
  static final class RecordReader {
    final String file;

    RecordReader(String file) {
      this.file = file;
    }

    List<byte[]> readAll(byte[] data) throws IOException {
      List<byte[]> out = new ArrayList<>();
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      long offset = 0;
      while (in.available() > 0) {
        int len = in.readInt();
        long crc = in.readLong();
        byte type = in.readByte();
        if (type != 1 && type != 2) {
          throw new CorruptRecord(String.format("Unexpected record type 0x%02x at offset %d in %s", type, offset, file));
        }
        if (len < 0 || len > in.available()) {
          throw new CorruptRecord("Record size " + len + " at offset " + offset + " exceeds remaining " + in.available()
              + " bytes; file " + file + " is corrupt or truncated");
        }
        byte[] payload = in.readNBytes(len);
        CRC32 c = new CRC32();
        c.update(payload);
        if (c.getValue() != crc) {
          throw new CorruptRecord("Record is corrupt (stored crc = " + crc + ", computed crc = " + c.getValue() + ") at offset "
              + offset + " in " + file);
        }
        out.add(payload);
        offset += 13 + len;
      }
      return out;
    }

    static byte[] write(List<byte[]> records) throws IOException {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      java.io.DataOutputStream out = new java.io.DataOutputStream(bos);
      for (byte[] r : records) {
        CRC32 c = new CRC32();
        c.update(r);
        out.writeInt(r.length);
        out.writeLong(c.getValue());
        out.writeByte(1);
        out.write(r);
      }
      return bos.toByteArray();
    }
  }

  static final class CorruptRecord extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptRecord(String m) {
      super(m);
    }
  }

  private static Path file(Ctx c, String shownName) {
    String dir = c.s.pick("/data/ledger/archive", "/var/lib/app/cache", "/opt/app/import", "/data/hdfs/dn/current",
        "/var/spool/settlement", "/tmp/batch");
    Path p = c.res.tempDir().resolve(c.s.digits(9) + "-" + shownName);
    c.text(p.toString(), dir + "/" + shownName);
    return p;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bos)) {
      out.write(data);
    }
    return bos.toByteArray();
  }

  private static byte[] payload(Ctx c, int lines) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      sb.append(c.s.txId()).append(',').append(c.s.accountNo()).append(',').append(c.s.amount()).append(",KRW\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("deserialization", "jdk.gzip-corrupt", c -> {
      String name = c.s.pick("settlement-" + c.s.dateCompact() + ".csv.gz", "events.log.gz", "snapshot.json.gz",
          "ledger-export.dat.gz");
      Path p = file(c, name);
      byte[] gz = gzip(payload(c, 40 + c.rnd.nextInt(60)));
      int k = c.rnd.nextInt(4);
      byte[] bad = switch (k) {
        case 0 -> java.util.Arrays.copyOf(gz, gz.length / 2 + c.rnd.nextInt(gz.length / 3));
        case 1 -> payload(c, 3);
        case 2 -> {
          byte[] b = gz.clone();
          // the trailer's CRC32 no longer matches the data
          for (int i = b.length - 8; i < b.length - 4; i++) b[i] = (byte) (b[i] ^ 0x5A);
          yield b;
        }
        default -> java.util.Arrays.copyOf(gz, 6);
      };
      Files.write(p, bad);
      boolean wrap = c.s.chance(0.4);
      try {
        return fail(() -> {
          try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            c.use(in.readAllBytes());
          } catch (java.io.EOFException e) {
            if (wrap) throw new IOException(c.s.pick("Failed to decompress ", "Truncated archive ", "Cannot read compressed file ") + p, e);
            throw e;
          }
        });
      } finally {
        Files.deleteIfExists(p);
      }
    }));
    l.add(cheap("deserialization", "jdk.zip-jar-corrupt", c -> {
      String name = c.s.pick("statements-" + c.s.dateCompact() + ".zip", "plugin-payments-1." + c.s.between(0, 9) + ".jar",
          "batch-input.zip", "report-bundle.zip", "fx-rates.jar");
      Path p = file(c, name);
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try (ZipOutputStream z = new ZipOutputStream(bos)) {
        for (int i = 0; i < 3; i++) {
          z.putNextEntry(new ZipEntry(name.endsWith(".jar") ? "com/acme/pay/Plugin" + i + ".class" : "part-" + i + ".csv"));
          z.write(payload(c, 20));
          z.closeEntry();
        }
      }
      byte[] zip = bos.toByteArray();
      int k = c.rnd.nextInt(4);
      byte[] bad = switch (k) {
        case 0 -> java.util.Arrays.copyOf(zip, zip.length * (30 + c.rnd.nextInt(30)) / 100);
        case 1 -> {
          byte[] b = zip.clone();
          b[0] = 'X';
          yield b;
        }
        case 2 -> {
          byte[] b = zip.clone();
          // the central directory's first signature is broken
          for (int i = 0; i + 4 < b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
              b[i + 2] = 7;
              break;
            }
          }
          yield b;
        }
        default -> ("PK\u0003\u0004" + c.s.alnum(30)).getBytes(StandardCharsets.ISO_8859_1);
      };
      Files.write(p, bad);
      try {
        return fail(() -> {
          if (k == 2 || c.s.chance(0.5)) {
            try (java.util.zip.ZipFile z = name.endsWith(".jar") ? new java.util.jar.JarFile(p.toFile()) : new java.util.zip.ZipFile(p.toFile())) {
              var en = z.entries();
              while (en.hasMoreElements()) {
                try (InputStream in = z.getInputStream(en.nextElement())) {
                  c.use(in.readAllBytes());
                }
              }
            }
          } else {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(p))) {
              ZipEntry e;
              int n = 0;
              while ((e = in.getNextEntry()) != null) {
                c.use(in.readAllBytes());
                n++;
              }
              if (n < 3) throw new java.util.zip.ZipException("Unexpected end of archive " + p + ": " + n + " of 3 entries");
            }
          }
        });
      } finally {
        Files.deleteIfExists(p);
      }
    }));
    l.add(cheap("deserialization", "jdk.objectstream-truncated", c -> {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      long[] recent = new long[4 + c.rnd.nextInt(8)];
      for (int i = 0; i < recent.length; i++) recent[i] = c.s.id();
      try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
        out.writeObject(new SessionSnapshot(c.s.userId(), recent));
      }
      byte[] b = bos.toByteArray();
      int k = c.rnd.nextInt(4);
      byte[] bad = switch (k) {
        case 0 -> java.util.Arrays.copyOf(b, 8 + c.rnd.nextInt(b.length - 10));
        case 1 -> {
          byte[] x = b.clone();
          x[4] = (byte) (int) c.s.pick(0x00, 0x7F, 0x41, 0x15);
          yield x;
        }
        case 2 -> {
          byte[] x = b.clone();
          x[0] = (byte) 0x1F;
          x[1] = (byte) 0x8B;
          yield x;
        }
        default -> c.s.pick("{\"user\":\"" + c.s.userId() + "\"}", "OK", "<session/>").getBytes(StandardCharsets.UTF_8);
      };
      boolean wrap = c.s.chance(0.4);
      return fail(() -> {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bad))) {
          c.use(in.readObject());
        } catch (IOException e) {
          if (wrap) {
            throw new IOException(c.s.pick("Failed to deserialize session snapshot for " + c.s.userId(),
                "Corrupt cache entry: session:" + c.s.uuid(), "Cannot restore " + SessionSnapshot.class.getSimpleName()
                + " from spool file", "Could not read serialized object from Redis value"), e);
          }
          throw e;
        }
      });
    }));
    l.add(cheap("deserialization", "jdk.charset-malformed", c -> {
      String name = c.s.pick("customers_" + c.s.dateCompact() + ".csv", "transfer-batch.txt", "merchant-list.csv", "EUC-KR-export.dat");
      Path p = file(c, name);
      String text = "id,name,memo\n" + c.s.digits(6) + "," + c.s.pick("홍길동", "김철수", "이영희") + ","
          + c.s.pick("급여", "이체", "환불") + "\n";
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      content.write(text.getBytes(java.nio.charset.Charset.forName(c.s.pick("EUC-KR", "MS949", "UTF-16LE"))));
      // a line appended by a Latin-1 system: 0xFC is never valid UTF-8
      content.write((c.s.digits(6) + ",M\u00fcller,refund\n").getBytes(StandardCharsets.ISO_8859_1));
      Files.write(p, content.toByteArray());
      try {
        return fail(() -> {
          switch (c.rnd.nextInt(3)) {
            case 0 -> c.use(Files.readAllLines(p));
            case 1 -> c.use(Files.readString(p));
            default -> c.use(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(p))));
          }
        });
      } finally {
        Files.deleteIfExists(p);
      }
    }));
    l.add(cheap("deserialization", "app.record-checksum", c -> {
      String name = c.s.pick("00000000000000" + c.s.digits(4) + ".log", "wal-" + c.s.digits(6) + ".seg", "blk_" + c.s.digits(10),
          "journal." + c.s.digits(5));
      List<byte[]> records = new ArrayList<>();
      for (int i = 0; i < 5 + c.rnd.nextInt(10); i++) records.add(payload(c, 1));
      byte[] data = RecordReader.write(records);
      int k = c.rnd.nextInt(3);
      int at = 13 * 2 + records.get(0).length + records.get(1).length;
      if (k == 0) data[at + 13 + 3] ^= 0x10;
      else if (k == 1) data[at + 12] = (byte) (int) c.s.pick(0x00, 0x7F, 0x2A);
      else data = java.util.Arrays.copyOf(data, data.length - 5 - c.rnd.nextInt(10));
      c.type(CorruptRecord.class, c.s.pick("org.apache.kafka.common.errors.CorruptRecordException",
          "org.apache.hadoop.fs.ChecksumException", "java.io.IOException", "CorruptRecordException", "RecordDecodingException",
          "org.apache.zookeeper.server.persistence.CorruptTxnLogException"));
      String shown = c.s.pick("/data/kafka-logs/transfer-events-3/", "/data/zookeeper/version-2/", "/var/lib/app/wal/") + name;
      byte[] d = data;
      return fail(() -> new RecordReader(shown).readAll(d));
    }));
    l.add(cheap("deserialization", "xml-json-file-truncated", c -> {
      boolean xml = c.s.chance(0.5);
      String name = xml ? c.s.pick("pain.001-" + c.s.digits(6) + ".xml", "camt.053.xml", "statement.xml") : c.s.pick("quote-cache.json",
          "rules.json", "batch-" + c.s.digits(5) + ".json");
      Path p = file(c, name);
      String full = xml ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document><CstmrCdtTrfInitn><GrpHdr><MsgId>" + c.s.alnum(12)
          + "</MsgId><NbOfTxs>" + c.s.between(1, 9) + "</NbOfTxs></GrpHdr><PmtInf><Amt>" + c.s.amount() + "</Amt></PmtInf>"
          + "</CstmrCdtTrfInitn></Document>\n"
          : "{\"requestId\":\"" + c.s.txId() + "\",\"items\":[{\"account\":\"" + c.s.accountNo() + "\",\"amount\":" + c.s.amount()
          + "},{\"account\":\"" + c.s.accountNo() + "\",\"amount\":" + c.s.amount() + "}]}";
      int cut = c.s.chance(0.2) ? 0 : 10 + c.rnd.nextInt(full.length() - 20);
      Files.writeString(p, full.substring(0, cut), StandardCharsets.UTF_8);
      try {
        return fail(() -> {
          if (xml) {
            javax.xml.parsers.DocumentBuilder db = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder();
            db.setErrorHandler(null);
            db.parse(p.toFile());
          } else if (c.s.chance(0.5)) {
            c.use(MAPPER.readTree(p.toFile()));
            if (cut == 0) c.use(MAPPER.readValue(p.toFile(), java.util.Map.class));
          } else {
            c.use(MAPPER.readValue(p.toFile(), java.util.Map.class));
          }
        });
      } finally {
        Files.deleteIfExists(p);
      }
    }));
    return l;
  }
}
