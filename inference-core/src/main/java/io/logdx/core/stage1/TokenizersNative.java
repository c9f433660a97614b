package io.logdx.core.stage1;

import ai.djl.huggingface.tokenizers.jni.LibUtils;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * Loads the native library behind DJL's {@link TokenizersLibrary} without DJL's loader, which costs the host a
 * child process and foreign lines in its log.
 *
 * <p>Why: DJL loads the library in the static initializer of its {@code jni.LibUtils} (run by every {@code
 * HuggingFaceTokenizer.newInstance}), which first asks {@code ai.djl.util.Platform.detectPlatform}. That builds a
 * platform "from the system" for itself and for each {@code native/lib/tokenizers.properties} on the class path,
 * and each one probes for a GPU: {@code Platform.fromSystem} calls {@code ai.djl.util.cuda.CudaUtils.getGpuCount}.
 * {@code CudaUtils}' static initializer loads {@code libcudart} through JNA, and JNA's {@code NativeLibrary}
 * class, when it initialises on Linux, runs {@code /sbin/ldconfig -p} ({@code NativeLibrary.getLinuxLdPaths}) to
 * learn the library path. Where a CUDA runtime is installed without a matching driver, each probe logs WARN
 * "Failed to detect GPU count: CUDA driver version is insufficient …" (twice per start); then {@code Platform}
 * logs INFO "Found matching platform from: jar:…tokenizers…". DJL offers no setting that skips the probe (its
 * {@code ai.djl.util.cuda.fork} starts a whole JVM instead). None of it is needed here: the tokenizer jar's
 * library is built for the CPU only, and DJL itself picks that build when it runs offline.
 *
 * <p>So the library is unpacked where DJL would have put it (its cache folder, {@code ~/.djl.ai/tokenizers/} or
 * under {@code DJL_CACHE_DIR}/{@code ENGINE_CACHE_DIR}, the same file name, so that both share one copy) and
 * loaded here. No DJL class with a logger is touched on this way, so SLF4J is not even started (an application
 * without an SLF4J provider would otherwise get SLF4J's own "No SLF4J providers were found" on stderr).
 *
 * <p>DJL's own loader is used instead when the application configured it ({@code RUST_LIBRARY_PATH}, {@code
 * RUST_FLAVOR}, {@code ai.djl.huggingface.native_helper}), when DJL's classes live in another class loader than
 * logdx's (a library belongs to the loader of the class that loads it, and the JVM links {@link
 * TokenizersLibrary}'s native methods only from its own loader's libraries), and when this way fails in any way
 * (an unknown platform, an unwritable cache): the tokenizer then works as before, with DJL's side effects.
 */
final class TokenizersNative {
  /** Where the tokenizer jar keeps its libraries and their version. */
  private static final String NATIVE = "native/lib/";

  private static boolean loaded;

  private TokenizersNative() {}

  /**
   * Makes {@link TokenizersLibrary#LIB} usable: loads the library once, this way or DJL's (which throws DJL's
   * {@code EngineException} when it cannot).
   */
  static synchronized void load() {
    if (loaded) return;
    if (!loadOwn()) {
      Djl.offline();
      LibUtils.checkStatus(); // DJL's loader, as HuggingFaceTokenizer would run it
    }
    loaded = true;
  }

  /** Loads the library without DJL's loader; false where DJL's loader must do it. */
  static boolean loadOwn() {
    try {
      if (djlLoaderConfigured()) return false;
      if (TokenizersLibrary.class.getClassLoader() != TokenizersNative.class.getClassLoader()) {
        return false;
      }
      String classifier = classifier();
      if (classifier == null) return false;
      String version = version();
      if (version == null) return false;
      Path dir = engineCacheDir().resolve("tokenizers").resolve(version + "-cpu-" + classifier);
      for (String lib : libraries()) {
        Path file = unpack(NATIVE + classifier + "/cpu/" + lib, dir.resolve(lib));
        if (file == null) return false;
        // the library belongs to this class's loader, which is TokenizersLibrary's (checked above)
        System.load(file.toAbsolutePath().toString());
      }
      return true;
    } catch (IOException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Whether the application told DJL where or how to load the library: then DJL does it. */
  private static boolean djlLoaderConfigured() {
    return set(envOrProperty("RUST_LIBRARY_PATH"))
        || set(envOrProperty("RUST_FLAVOR"))
        || set(System.getProperty("ai.djl.huggingface.native_helper"))
        || "http://www.android.com/".equals(System.getProperty("java.vendor.url"));
  }

  private static boolean set(String value) {
    return value != null && !value.isEmpty();
  }

  /**
   * DJL's engine cache folder, as {@code ai.djl.util.Utils.getEngineCacheDir()} finds it: {@code
   * ENGINE_CACHE_DIR}, else {@code DJL_CACHE_DIR}, else {@code .djl.ai} in the home folder (in the temporary
   * folder where the home is not writable). Not through {@code Utils}: its class starts SLF4J.
   */
  static Path engineCacheDir() {
    String engine = envOrProperty("ENGINE_CACHE_DIR");
    if (set(engine)) return Paths.get(engine);
    String cache = envOrProperty("DJL_CACHE_DIR");
    if (set(cache)) return Paths.get(cache);
    Path home = Paths.get(System.getProperty("user.home"));
    if (!Files.isWritable(home)) home = Paths.get(System.getProperty("java.io.tmpdir"));
    return home.resolve(".djl.ai");
  }

  /** The environment variable, else the system property of that name (DJL's order). */
  private static String envOrProperty(String name) {
    String env = System.getenv(name);
    return env != null ? env : System.getProperty(name);
  }

  /** DJL's name of this platform ({@code linux-x86_64}, {@code osx-aarch64}, …), or null for one it lacks. */
  static String classifier() {
    String os = System.getProperty("os.name", "");
    String prefix;
    if (os.startsWith("Win")) prefix = "win";
    else if (os.startsWith("Mac")) prefix = "osx";
    else if (os.startsWith("Linux")) prefix = "linux";
    else return null;
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if ("amd64".equals(arch)) arch = "x86_64";
    return prefix + "-" + arch;
  }

  /** The files to load, in order: on Windows the tokenizer needs its C++ runtime first, as DJL loads it. */
  private static String[] libraries() {
    String lib = System.mapLibraryName("tokenizers");
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      return new String[] {"libwinpthread-1.dll", "libgcc_s_seh-1.dll", "libstdc++-6.dll", lib};
    }
    return new String[] {lib};
  }

  /** The version in the jar's {@code tokenizers.properties} (the cache folder's name), or null. */
  static String version() throws IOException {
    try (InputStream in = resource(NATIVE + "tokenizers.properties")) {
      if (in == null) return null;
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version");
      return v == null || v.isBlank() ? null : v.trim();
    }
  }

  /**
   * The library at {@code target}, unpacked from the jar unless it is there already (as DJL, which trusts a file
   * it finds: it only ever moves a complete one into place); null when the jar lacks it.
   */
  private static Path unpack(String resource, Path target) throws IOException {
    if (Files.isRegularFile(target)) return target;
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "logdx-", ".tmp");
    try {
      try (InputStream in = resource(resource)) {
        if (in == null) return null;
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another JVM was faster: its copy is complete, as ours would have been
      }
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A resource of the tokenizer jar: outside any package, so readable through its class loader. */
  private static InputStream resource(String name) {
    ClassLoader cl = TokenizersLibrary.class.getClassLoader();
    return cl == null ? ClassLoader.getSystemResourceAsStream(name) : cl.getResourceAsStream(name);
  }
}
