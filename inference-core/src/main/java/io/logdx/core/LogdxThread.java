package io.logdx.core;

/**
 * The type of every thread logdx starts (dispatchers and engine workers). Appenders pass events logged from
 * such a thread straight through, undiagnosed, so that logging done by the engine, ONNX Runtime, DJL or a
 * throwing {@code getMessage()} can never loop back into the pipeline.
 */
public final class LogdxThread extends Thread {
  public LogdxThread(Runnable task, String name) {
    super(task, name);
    setDaemon(true);
  }

  /**
   * A logdx thread with a stack of its own size ({@link Thread#Thread(ThreadGroup, Runnable, String, long)}).
   *
   * @param stackSize bytes of stack to ask for (0: the JVM's default)
   */
  public LogdxThread(Runnable task, String name, long stackSize) {
    super(null, task, name, stackSize);
    setDaemon(true);
  }

  /** True when the calling thread was started by logdx. */
  public static boolean isCurrent() {
    return Thread.currentThread() instanceof LogdxThread;
  }
}
