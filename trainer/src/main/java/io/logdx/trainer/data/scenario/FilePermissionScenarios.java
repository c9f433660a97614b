package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Grafts;
import io.logdx.trainer.data.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AccessControlContext;
import java.security.AccessController;
import java.security.Permissions;
import java.security.PrivilegedAction;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * permission_denied beyond plain writes: what the kernel refuses even to root (changing modes of, deleting in or
 * creating directories under procfs/sysfs: "Operation not permitted"; executing a file without an execute bit:
 * "error=13, Permission denied"; the same through chmod/mkdir/touch run by a shell helper, as Hadoop's
 * {@code Shell} does), the JDK's access checks of a process that lacks a permission (a {@code SecurityManager}'s
 * {@code checkRead/checkWrite/...} inside a restricted context: real {@code java.security.AccessControlException},
 * no SecurityManager installed; a read-only {@code Permissions} set), HDFS's permission checker as the client sees
 * it (a NameNode answer inside {@code RemoteException}, server frames on top) and remote file stores (SFTP, FTP,
 * Windows paths) in their public message formats. The process lacks a right on a file or a resource: not an
 * application refusing a known caller (authorization_denied).
 */
final class FilePermissionScenarios {
  private FilePermissionScenarios() {}

  /** A file of procfs that exists everywhere and whose mode even root may not change. */
  static final String PROC_FILE = "/proc/1/status";

  static String appFile(Ctx c) {
    return c.s.pick("/var/app/keys/", "/data/settlement/out/", "/opt/app/conf/", "/mnt/nas/reports/", "/home/app/upload/",
        "/var/lib/app/", "/srv/batch/in/", "/data/hadoop/yarn/local/", "/tmp/hadoop-yarn/staging/", "/var/log/app/")
        + c.s.pick("partner-private.pem", "export-" + c.s.dateCompact() + ".csv", "ledger.lock", "application.yml",
        "statement_" + c.s.digits(6) + ".pdf", "job.jar", "container_tokens", "keystore.p12", "daily.tar.gz", "app.log");
  }

  static String appDir(Ctx c) {
    return c.s.pick("/var/app/export/", "/data/settlement/", "/opt/app/plugins/", "/mnt/nas/archive/", "/var/lib/app/cache/",
        "/data/hadoop/yarn/local/usercache/", "/tmp/hadoop-yarn/staging/", "/srv/ftp/outgoing/") + c.s.pick(c.s.dateCompact(),
        "batch-" + c.s.digits(4), "appcache", "tmp", "archive");
  }

  static final class KeyFileInstaller {
    void restrict(Path key) throws IOException {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }
  }

  static final class ArchiveCleaner {
    void purge(Path file) throws IOException {
      Files.delete(file);
    }
  }

  static final class WorkDirPreparer {
    Path prepare(Path dir) throws IOException {
      return Files.createDirectories(dir);
    }

    void link(Path link, Path target) throws IOException {
      Files.createSymbolicLink(link, target);
    }
  }

  static final class OutputPublisher {
    void publish(Path tmp, Path target, boolean move) throws IOException {
      if (move) Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      else Files.copy(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static final class ScriptRunner {
    int run(List<String> command) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      return p.waitFor();
    }
  }

  /** Hadoop's Shell: a command's non-zero exit becomes an exception whose message is what it wrote to stderr. */
  static final class ShellExit extends IOException {
    private static final long serialVersionUID = 1L;

    ShellExit(String m) {
      super(m);
    }
  }

  static final class ShellCommand {
    String execute(List<String> command) throws IOException, InterruptedException {
      ProcessBuilder pb = new ProcessBuilder(command);
      // the C locale: the same quotes and wording on every machine
      pb.environment().put("LC_ALL", "C");
      Process p = pb.start();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      p.getInputStream().readAllBytes();
      int code = p.waitFor();
      if (code != 0) throw new ShellExit(err);
      return err;
    }
  }

  static final class RemoteFsError extends IOException {
    private static final long serialVersionUID = 1L;

    RemoteFsError(String m) {
      super(m);
    }
  }

  static final class RemoteFsClient {
    void put(String path, String message) throws RemoteFsError {
      if (!path.startsWith("/home/")) throw new RemoteFsError(message);
    }
  }

  /** A SecurityManager's check of a process permission inside a protection domain that has none. */
  @SuppressWarnings("removal")
  static void securityCheck(Ctx c, String file, String host, int port) {
    AccessControlContext sandbox = new AccessControlContext(new ProtectionDomain[] {new ProtectionDomain(null, new Permissions())});
    int k = c.rnd.nextInt(7);
    AccessController.doPrivileged((PrivilegedAction<Void>) () -> {
      SecurityManager sm = new SecurityManager();
      switch (k) {
        case 0 -> sm.checkRead(file);
        case 1 -> sm.checkWrite(file);
        case 2 -> sm.checkDelete(file);
        case 3 -> sm.checkExec(c.s.pick("/bin/sh", "/usr/bin/openssl", "/opt/app/bin/encrypt.sh"));
        case 4 -> sm.checkPropertyAccess(c.s.pick("user.home", "app.signing.key", "java.io.tmpdir", "javax.net.ssl.keyStore"));
        case 5 -> sm.checkConnect(host, port);
        default -> sm.checkPermission(new RuntimePermission(c.s.pick("getenv.DB_PASSWORD", "createClassLoader", "setIO",
            "loadLibrary.netty_transport_native_epoll_x86_64")));
      }
      return null;
    }, sandbox);
  }

  /** The NameNode's frames above a permission check (a server log shows them, the client sees them in the RPC answer). */
  static final String NAMENODE_FRAMES = """
      org.apache.hadoop.hdfs.server.namenode.FSPermissionChecker|check|399
      org.apache.hadoop.hdfs.server.namenode.FSPermissionChecker|checkPermission|255
      org.apache.hadoop.hdfs.server.namenode.FSPermissionChecker|checkPermission|193
      org.apache.hadoop.hdfs.server.namenode.FSDirectory|checkPermission|1879
      org.apache.hadoop.hdfs.server.namenode.FSDirectory|checkPermission|1863
      org.apache.hadoop.hdfs.server.namenode.FSDirectory|checkAncestorAccess|1822
      org.apache.hadoop.hdfs.server.namenode.FSNamesystem|startFileInternal|2416
      org.apache.hadoop.hdfs.server.namenode.NameNodeRpcServer|create|778
      org.apache.hadoop.ipc.ProtobufRpcEngine$Server$ProtoBufRpcInvoker|call|523
      org.apache.hadoop.ipc.RPC$Server|call|991
      org.apache.hadoop.ipc.Server$RpcCall|run|872
      org.apache.hadoop.ipc.Server$Handler|run|2678
      """;

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(cheap("permission_denied", "jdk.eperm.file-ops", c -> {
      String shownFile = appFile(c);
      String shownDir = appDir(c);
      int k = c.rnd.nextInt(6);
      String sysName = c.s.pick("export", "work", "appcache", "staging") + c.s.digits(3);
      c.text(PROC_FILE, shownFile);
      c.text("/sys/kernel/uevent_seqnum", shownFile);
      c.text("/sys/" + sysName, shownDir);
      boolean wrap = c.s.chance(0.4);
      return fail(() -> {
        try {
          switch (k) {
            case 0 -> new KeyFileInstaller().restrict(Path.of(PROC_FILE));
            case 1 -> new ArchiveCleaner().purge(Path.of(c.s.pick(PROC_FILE, "/sys/kernel/uevent_seqnum")));
            case 2 -> new WorkDirPreparer().prepare(Path.of("/sys/" + sysName, c.s.pick("in", "out", "filecache"), c.s.digits(2)));
            case 3 -> new WorkDirPreparer().link(Path.of("/sys/" + sysName), c.res.tempDir());
            default -> {
              Path tmp = c.res.tempDir().resolve("publish.tmp");
              if (!Files.exists(tmp)) Files.write(tmp, new byte[8]);
              c.text(tmp.toString(), shownFile + ".tmp");
              new OutputPublisher().publish(tmp, Path.of("/sys/" + sysName), k == 4);
            }
          }
        } catch (IOException e) {
          if (!wrap) throw e;
          String what = switch (k) {
            case 0 -> "Failed to set permissions of path: " + shownFile + " to 0600";
            case 1 -> "Could not delete " + shownFile;
            case 2, 3 -> "Cannot create directory " + shownDir;
            default -> "Failed to publish output to " + shownDir;
          };
          if (c.s.chance(0.5)) throw new UncheckedIOException(what, e);
          throw new IOException(what, e);
        }
      });
    }));
    l.add(cheap("permission_denied", "jdk.fnfe.permission-denied-open", c -> {
      // java.io opens report EACCES as FileNotFoundException "<path> (Permission denied)": the text in brackets decides
      String name = c.s.pick("app.log", "audit.log", "gc.log", "access.log", "ledger-" + c.s.dateCompact() + ".csv", "keystore.p12",
          "report-" + c.s.digits(6) + ".pdf", "settlement.lock", "upload-" + c.s.digits(8) + ".part", "stderr");
      String shown = c.s.pick("/var/log/app/", "/opt/app/data/", "/home/app/export/", "/var/log/tomcat/", "/data/settlement/out/",
          "/var/lib/app/", "/mnt/nas/reports/", "/var/log/hadoop-yarn/containers/") + name;
      c.text("/sys/" + name, shown);
      String path = "/sys/" + name;
      int k = c.rnd.nextInt(5);
      boolean wrap = c.s.chance(0.3);
      return fail(() -> {
        try {
          switch (k) {
            case 0 -> {
              try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(path, c.s.pick("rw", "rws"))) {
                c.use(f.length());
              }
            }
            case 1 -> {
              try (java.io.FileWriter w = new java.io.FileWriter(path, StandardCharsets.UTF_8, true)) {
                w.write("x");
              }
            }
            case 2 -> {
              try (java.io.PrintWriter w = new java.io.PrintWriter(new java.io.File(path), StandardCharsets.UTF_8)) {
                w.println("x");
              }
            }
            default -> {
              try (java.io.FileOutputStream out = new java.io.FileOutputStream(new java.io.File(path), k == 3)) {
                out.write(1);
              }
            }
          }
        } catch (IOException e) {
          if (!wrap) throw e;
          throw new IOException(c.s.pick("Cannot open " + shown + " for writing", "Error creating " + shown, "Failed to write spill file",
              "Could not open log file"), e);
        }
      });
    }));
    l.add(cheap("permission_denied", "jdk.exec-denied", c -> {
      Path script = c.res.tempDir().resolve("no-exec.sh");
      synchronized (FilePermissionScenarios.class) {
        if (!Files.exists(script)) {
          Files.writeString(script, "#!/bin/sh\necho done\n");
          Files.setPosixFilePermissions(script, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
        }
      }
      String shown = c.s.pick("/opt/app/bin/", "/usr/local/bin/", "/data/hadoop/yarn/local/usercache/etl/appcache/", "/srv/batch/scripts/",
          "/home/app/tools/") + c.s.pick("export.sh", "run-settlement.sh", "launch_container.sh", "encrypt", "sftp-upload.sh",
          "default_container_executor.sh");
      c.text(script.toString(), shown);
      List<String> cmd = new ArrayList<>(List.of(script.toString()));
      if (c.s.chance(0.5)) cmd.add(c.s.pick("--date=" + c.s.isoDate(), "-c", "/etc/app/batch.conf"));
      return fail(() -> new ScriptRunner().run(cmd));
    }));
    l.add(costly("permission_denied", "shell.chmod-mkdir", 6, c -> {
      String shownFile = appFile(c);
      String shownDir = appDir(c);
      String sysName = "logdx-" + c.s.digits(4);
      c.text(PROC_FILE, shownFile);
      c.text("/sys/" + sysName, shownDir);
      List<String> cmd = switch (c.rnd.nextInt(4)) {
        case 0 -> List.of("chmod", c.s.pick("600", "755", "go-rwx", "u+x"), PROC_FILE);
        case 1 -> List.of("mkdir", "-p", "/sys/" + sysName + "/" + c.s.pick("in", "out", "tmp"));
        case 2 -> List.of("touch", "/sys/" + sysName);
        default -> List.of("rm", "-f", PROC_FILE);
      };
      int k = c.rnd.nextInt(3);
      c.type(ShellExit.class, k == 0 ? "org.apache.hadoop.util.Shell$ExitCodeException"
          : c.s.pick("ShellCommandException", "CommandExecutionException", "ExitCodeException"));
      return fail(() -> {
        try {
          new ShellCommand().execute(cmd);
        } catch (ShellExit e) {
          if (k == 2) throw new IOException("Command " + cmd + " failed: " + e.getMessage().strip(), e);
          throw e;
        }
      });
    }));
    l.add(cheap("permission_denied", "jdk.security-manager-check", c -> {
      String file = c.s.pick("/etc/app/keys/signing.p12", "/var/lib/ledger/export", "/opt/app/secrets/hsm.conf", "/tmp/upload",
          "/etc/hadoop/conf/core-site.xml", "/home/app/.ssh/id_rsa", "/var/app/export/" + c.s.dateCompact() + ".csv");
      String host = c.s.pick("ledger-svc", "10.0.3.21", "partner.api.test", "localhost");
      int port = c.s.port();
      if (c.s.chance(0.15)) {
        return fail(() -> {
          Permissions p = new Permissions();
          p.setReadOnly();
          p.add(new java.io.FilePermission(file, "read"));
        });
      }
      boolean wrap = c.s.chance(0.3);
      return fail(() -> {
        try {
          securityCheck(c, file, host, port);
        } catch (SecurityException e) {
          if (!wrap) throw e;
          throw new IllegalStateException(c.s.pick("Unable to load plugin " + c.s.pick("reportExporter", "hsmConnector", "udfLoader"),
              "Could not read " + file, "Sandboxed script failed"), e);
        }
      });
    }));
    l.add(cheap("permission_denied", "hdfs.permission-denied-rpc", c -> {
      String user = c.s.pick("etl", "svc-batch", "spark", "analyst" + c.s.digits(2), "yarn", "mapred", "hive", "app", "airflow");
      String owner = c.s.pick("hdfs", "hive", "root", "mapred", "yarn", "etl");
      String group = c.s.pick("supergroup", "hadoop", "hdfs", "hive");
      String inode = c.s.pick("/user/", "/tmp/hadoop-yarn/staging/", "/warehouse/tablespace/managed/hive/", "/data/raw/",
          "/app-logs/", "/mr-history/done/", "/user/history/done_intermediate/") + c.s.pick(owner, "ledger", "dt=" + c.s.isoDate(),
          ".staging", "job_" + c.s.digits(13) + "_" + c.s.digits(4));
      String access = c.s.pick("WRITE", "WRITE", "EXECUTE", "READ", "READ_EXECUTE");
      String mode = c.s.pick("drwxr-xr-x", "drwx------", "drwxrwx---", "drwxr-x---", "drwxrwx--T", "-rw-r-----", "drwxr-xr-x+");
      String msg = "Permission denied: user=" + user + ", access=" + access + ", inode=\"" + inode + "\":" + owner + ":" + group + ":" + mode;
      AccessScenarios.HdfsAccessControl server = Grafts.top(new AccessScenarios.HdfsAccessControl(msg), NAMENODE_FRAMES.lines()
          .limit(c.s.between(1, 12)).map(s -> s + "\n").reduce("", String::concat));
      c.type(AccessScenarios.HdfsAccessControl.class, "org.apache.hadoop.security.AccessControlException");
      c.type(AccessScenarios.RemoteError.class, "org.apache.hadoop.ipc.RemoteException(org.apache.hadoop.security.AccessControlException)");
      AccessScenarios.RemoteError remote = Grafts.top(new AccessScenarios.RemoteError(msg, null), """
          org.apache.hadoop.ipc.Client|getRpcResponse|1612
          org.apache.hadoop.ipc.Client|call|1558
          org.apache.hadoop.ipc.Client|call|1455
          org.apache.hadoop.ipc.ProtobufRpcEngine2$Invoker|invoke|242
          org.apache.hadoop.hdfs.protocolPB.ClientNamenodeProtocolTranslatorPB|create|372
          org.apache.hadoop.hdfs.DFSOutputStream|newStreamForCreate|277
          org.apache.hadoop.hdfs.DFSClient|create|1225
          org.apache.hadoop.hdfs.DistributedFileSystem|create|553
          """);
      return switch (c.rnd.nextInt(3)) {
        case 0 -> remote;
        case 1 -> {
          // the client unwraps the remote answer into the server's type, the RemoteException as its cause
          AccessScenarios.HdfsAccessControl unwrapped = Grafts.top(new AccessScenarios.HdfsAccessControl(msg), """
              sun.reflect.NativeConstructorAccessorImpl|newInstance0|-2
              sun.reflect.NativeConstructorAccessorImpl|newInstance|62
              java.lang.reflect.Constructor|newInstance|423
              org.apache.hadoop.ipc.RemoteException|instantiateException|121
              org.apache.hadoop.ipc.RemoteException|unwrapRemoteException|88
              org.apache.hadoop.hdfs.DFSOutputStream|newStreamForCreate|281
              org.apache.hadoop.hdfs.DFSClient|create|1225
              org.apache.hadoop.hdfs.DistributedFileSystem|create|553
              """);
          unwrapped.initCause(remote);
          yield unwrapped;
        }
        default -> server;
      };
    }));
    l.add(cheap("permission_denied", "remote-fs.permission-denied", c -> {
      String path = c.s.pick("/upload/", "/outgoing/", "/inbox/", "/data/settlement/", "/pub/") + c.s.pick("SETTLE_", "CARD_", "TRF_")
          + c.s.dateCompact() + c.s.pick(".csv", ".dat", ".txt.gpg", ".zip");
      int k = c.rnd.nextInt(5);
      c.type(RemoteFsError.class, switch (k) {
        case 0 -> "org.apache.sshd.sftp.common.SftpException";
        case 1 -> "org.apache.commons.vfs2.FileSystemException";
        case 2 -> "java.io.IOException";
        case 3 -> "java.nio.file.AccessDeniedException";
        default -> c.s.pick("SftpTransferException", "FileTransferException", "RemoteFileException");
      });
      String msg = switch (k) {
        case 0 -> "Permission denied";
        case 1 -> "Could not write to \"sftp://" + c.s.pick("batch", "partner", "ftpuser") + "@" + c.s.pick("sftp.partner.test", "10.0.8.12")
            + path + "\" because access was denied.";
        case 2 -> c.s.pick("550 " + path + ": Permission denied.", "553 Could not create file.", "550 Permission denied.");
        case 3 -> path;
        default -> c.s.pick("Failed to upload " + path + ": Permission denied", "SFTP put " + path + " failed: 3: Permission denied",
            "Cannot open " + path + " for writing: Permission denied");
      };
      return fail(() -> new RemoteFsClient().put(path, msg));
    }));
    l.add(cheap("permission_denied", "constructed.windows-access-denied", c -> {
      // Windows paths and ERROR_ACCESS_DENIED need a Windows host: the JDK's message formats on Windows
      String file = c.s.pick("C:\\app\\logs\\", "D:\\data\\export\\", "C:\\ProgramData\\App\\", "\\\\nas01\\share\\reports\\",
          "C:\\Users\\svc_batch\\AppData\\Local\\Temp\\") + c.s.pick("app.log", "ledger-" + c.s.dateCompact() + ".csv", "cache.db",
          "statement.pdf", "keystore.jks");
      if (c.s.chance(0.5)) {
        return Grafts.top(new java.io.FileNotFoundException(file + " (Access is denied)"), """
            java.io.FileOutputStream|open0|-2|java.base
            java.io.FileOutputStream|open|293|java.base
            java.io.FileOutputStream|<init>|235|java.base
            java.io.FileOutputStream|<init>|184|java.base
            """);
      }
      return Grafts.top(new java.nio.file.AccessDeniedException(file), """
          sun.nio.fs.WindowsException|translateToIOException|89|java.base
          sun.nio.fs.WindowsException|rethrowAsIOException|103|java.base
          sun.nio.fs.WindowsException|rethrowAsIOException|108|java.base
          sun.nio.fs.WindowsFileSystemProvider|newByteChannel|236|java.base
          java.nio.file.Files|newByteChannel|380|java.base
          java.nio.file.spi.FileSystemProvider|newOutputStream|434|java.base
          java.nio.file.Files|newOutputStream|218|java.base
          """);
    }));
    return l;
  }
}
