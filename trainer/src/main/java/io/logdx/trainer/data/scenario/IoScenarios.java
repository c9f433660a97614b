package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Grafts;
import io.logdx.trainer.data.Scenario;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * File system failures caused for real: missing files, writes the kernel refuses even to root (sysfs), writes to
 * {@code /dev/full} (ENOSPC), and streams and channels used after close. Paths under {@code /sys} are shown as
 * application paths.
 */
final class IoScenarios {
  private IoScenarios() {}

  static final class SettlementFileReader {
    List<String> read(Path file) throws IOException {
      return Files.readAllLines(file);
    }
  }

  static final class ReportExporter {
    void export(String path, byte[] data) throws IOException {
      try (FileOutputStream out = new FileOutputStream(path)) {
        out.write(data);
      }
    }
  }

  /** A path that does not exist here (the scenario data directories are never created). */
  static String missing(Ctx c) {
    return c.s.file().replace("conf/", "/opt/app/conf/");
  }

  /** A sysfs path that the kernel refuses to create even for root, shown as an application path. */
  static String denied(Ctx c) {
    String name = c.s.pick("export", "report", "statement", "settlement", "audit", "keys") + "-" + c.s.dateCompact()
        + c.s.pick(".csv", ".pdf", ".dat", ".json", ".lock", ".tmp");
    String shown = c.s.pick("/var/app/export/", "/data/settlement/out/", "/opt/app/logs/", "/mnt/nas/reports/",
        "/home/app/upload/", "/etc/app/", "/var/lib/app/") + name;
    c.text("/sys/" + name, shown);
    return "/sys/" + name;
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    // ---- file_not_found
    l.add(cheap("file_not_found", "jdk.fnfe.stream", c -> fail(() -> {
      String p = missing(c);
      if (c.s.chance(0.5)) {
        try (InputStream in = new FileInputStream(p)) {
          c.use(in.read());
        }
      } else {
        try (FileReader r = new FileReader(p, StandardCharsets.UTF_8)) {
          c.use(r.read());
        }
      }
    })));
    l.add(cheap("file_not_found", "jdk.nsfe.nio", c -> fail(() -> {
      Path p = Path.of(missing(c));
      switch (c.rnd.nextInt(4)) {
        case 0 -> new SettlementFileReader().read(p);
        case 1 -> Files.readAllBytes(p);
        case 2 -> Files.move(p, p.resolveSibling(p.getFileName() + ".done"));
        default -> {
          try (var s = Files.list(p.getParent())) {
            c.use(s.count());
          }
        }
      }
    })));
    l.add(cheap("file_not_found", "jdk.fnfe.output-dir", c -> fail(() ->
        new ReportExporter().export("/var/app/export/" + c.s.dateCompact() + "/report-" + c.s.id() + ".csv", new byte[8]))));
    l.add(cheap("file_not_found", "spring.classpath-resource", c -> fail(() -> {
      org.springframework.core.io.ClassPathResource r = new org.springframework.core.io.ClassPathResource(c.s.pick(
          "config/partner-keys.json", "templates/statement.html", "certs/truststore.jks", "sql/settlement.sql",
          "messages/errors_ko.properties", "static/fonts/NanumGothic.ttf"));
      try (InputStream in = r.getInputStream()) {
        c.use(in.read());
      }
    })));
    // ---- permission_denied
    l.add(cheap("permission_denied", "jdk.access-denied.nio", c -> fail(() -> {
      Path p = Path.of(denied(c));
      switch (c.rnd.nextInt(3)) {
        case 0 -> Files.write(p, new byte[] {1});
        case 1 -> Files.newBufferedWriter(p, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        default -> Files.createFile(p);
      }
    })));
    l.add(cheap("permission_denied", "jdk.fnfe.permission-denied", c -> fail(() ->
        new ReportExporter().export(denied(c), new byte[16]))));
    l.add(cheap("permission_denied", "jdk.access-denied.channel", c -> fail(() -> {
      try (FileChannel ch = FileChannel.open(Path.of(denied(c)), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.allocate(4));
      }
    })));
    // ---- disk_full
    l.add(cheap("disk_full", "jdk.enospc.dev-full", c -> {
      c.text("/dev/full", c.s.pick("/data/export/ledger.csv", "/var/app/tmp/upload.part"));
      return fail(() -> {
        byte[] data = new byte[c.s.between(1, 64) * 1024];
        switch (c.rnd.nextInt(4)) {
          case 0 -> new ReportExporter().export("/dev/full", data);
          case 1 -> Files.write(Path.of("/dev/full"), data);
          case 2 -> {
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new FileOutputStream("/dev/full"),
                StandardCharsets.UTF_8))) {
              for (int i = 0; i < 2000; i++) w.write(c.s.accountNo() + "," + c.s.amount() + "\n");
            }
          }
          default -> {
            try (FileChannel ch = FileChannel.open(Path.of("/dev/full"), StandardOpenOption.WRITE)) {
              ch.write(ByteBuffer.wrap(data));
            }
          }
        }
      });
    }));
    l.add(cheap("disk_full", "constructed.quota", c -> {
      // EDQUOT and ENOSPC on a named file need a quota or a full volume: the JDK's own message format is used
      String path = c.s.pick("/data/export/ledger-" + c.s.dateCompact() + ".csv", "/var/lib/app/cache/index.tmp",
          "/tmp/upload-" + c.s.digits(8) + ".part");
      java.nio.file.FileSystemException e = new java.nio.file.FileSystemException(path, null,
          c.s.pick("Disk quota exceeded", "No space left on device"));
      return Grafts.top(e, """
          sun.nio.fs.UnixException|translateToIOException|100|java.base
          sun.nio.fs.UnixException|rethrowAsIOException|106|java.base
          sun.nio.fs.UnixException|rethrowAsIOException|111|java.base
          sun.nio.fs.UnixFileSystemProvider|newByteChannel|218|java.base
          java.nio.file.Files|newByteChannel|380|java.base
          java.nio.file.Files|createFile|658|java.base
          """);
    }));
    // ---- resource_closed
    l.add(cheap("resource_closed", "jdk.stream-closed", c -> fail(() -> {
      switch (c.rnd.nextInt(3)) {
        case 0 -> {
          BufferedReader r = new BufferedReader(new StringReader(c.s.accountNo()));
          r.close();
          r.readLine();
        }
        case 1 -> {
          Path p = c.res.tempDir().resolve("in.gz");
          if (!Files.exists(p)) {
            try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(p))) {
              out.write(1);
            }
          }
          GZIPInputStream in = new GZIPInputStream(Files.newInputStream(p));
          in.close();
          c.use(in.read());
        }
        default -> {
          java.io.BufferedInputStream in = new java.io.BufferedInputStream(new java.io.ByteArrayInputStream(new byte[4]));
          in.close();
          c.use(in.read());
        }
      }
    })));
    l.add(cheap("resource_closed", "jdk.closed-channel", c -> fail(() -> {
      Path p = c.res.tempDir().resolve("ch.dat");
      if (!Files.exists(p)) Files.write(p, new byte[32]);
      FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
      ch.close();
      if (c.s.chance(0.5)) ch.read(ByteBuffer.allocate(8));
      else c.use(ch.size());
    })));
    l.add(cheap("resource_closed", "jdk.socket-closed", c -> fail(() -> {
      java.net.Socket s = new java.net.Socket();
      s.close();
      if (c.s.chance(0.5)) s.getInputStream();
      else s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), c.res.closedPort()));
    })));
    l.add(cheap("resource_closed", "jdk.zip-closed", c -> fail(() -> {
      Path p = c.res.tempDir().resolve("z.zip");
      if (!Files.exists(p)) {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(p))) {
          out.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
          out.write(1);
        }
      }
      java.util.zip.ZipFile z = new java.util.zip.ZipFile(p.toFile());
      z.close();
      c.use(z.entries());
    })));
    return l;
  }
}
