package io.logdx.core.stage1;

import ai.onnxruntime.OrtEnvironment;
import io.logdx.core.LogdxThread;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX Runtime's process-wide environment, created so that it cannot crash the host.
 *
 * <p>Why: creating the environment of ONNX Runtime 1.29 (linux-x64) walks the process's command line with a
 * recursion that needs about 250 bytes of stack per byte of it. On a thread with the JVM's default stack (1 MB) a
 * command line of 4 KB or more (an application started with a long {@code -cp}, which is common) overflows the
 * stack inside native code and kills the JVM with SIGSEGV, without an error report (measured: 3 800 bytes of
 * padding ran, 4 000 crashed; a thread with 16 MB of stack survived 20 KB, 256 MB survived 100 KB). So the
 * environment is created once, on a thread of its own whose stack grows with the command line; later sessions,
 * on any thread, do not walk it again. The stack is reserved address space, mostly never touched, and is given
 * back when the thread ends.
 */
final class OnnxEnvironment {
  /** Stack per byte of command line: twice what the recursion was measured to use. */
  static final long STACK_PER_BYTE = 512;

  static final long MIN_STACK = 16L << 20;
  static final long MAX_STACK = 2L << 30;

  private static volatile OrtEnvironment environment;

  private OnnxEnvironment() {}

  /**
   * The environment; created on first use on a thread with a stack large enough for this process's command line.
   *
   * @throws IllegalStateException when it could not be created (the caller falls back as for any model failure)
   */
  static OrtEnvironment get() {
    OrtEnvironment env = environment;
    if (env != null) return env;
    synchronized (OnnxEnvironment.class) {
      if (environment == null) environment = create();
      return environment;
    }
  }

  private static OrtEnvironment create() {
    OrtEnvironment[] made = new OrtEnvironment[1];
    Throwable[] failed = new Throwable[1];
    Thread t =
        new LogdxThread(
            () -> {
              try {
                made[0] = OrtEnvironment.getEnvironment();
              } catch (Throwable e) { // NOPMD: handed to the caller, who falls back to the rules
                failed[0] = e;
              }
            },
            "logdx-onnx-init",
            stackSize(commandLineBytes()));
    try {
      t.start();
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ONNX Runtime started", e);
    } catch (OutOfMemoryError e) {
      // no room for a thread with that stack: better no model than a crash
      throw new IllegalStateException(
          "could not start a thread to create the ONNX Runtime environment", e);
    }
    if (failed[0] != null)
      throw new IllegalStateException("ONNX Runtime did not start: " + failed[0], failed[0]);
    if (made[0] == null) throw new IllegalStateException("ONNX Runtime did not start");
    return made[0];
  }

  /** The stack for a command line of that many bytes: between {@value #MIN_STACK} and {@value #MAX_STACK}. */
  static long stackSize(long commandLineBytes) {
    long want = commandLineBytes <= 0 ? MIN_STACK : commandLineBytes * STACK_PER_BYTE;
    return Math.max(MIN_STACK, Math.min(MAX_STACK, want));
  }

  /** Bytes of this process's command line ({@code /proc/self/cmdline}), or 0 where it cannot be read. */
  static long commandLineBytes() {
    try {
      return Files.readAllBytes(Path.of("/proc/self/cmdline")).length;
    } catch (Exception | LinkageError e) {
      return 0;
    }
  }
}
