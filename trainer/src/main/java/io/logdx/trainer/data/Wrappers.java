package io.logdx.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a failure the way services do between the failing call and the log statement: a service exception with
 * its own message, {@code new RuntimeException(e)}, a future's {@code ExecutionException} (the cause then ran on a
 * pool thread), a {@code CompletionException}, a proxy's {@code UndeclaredThrowableException}, and the servlet
 * container's {@code ServletException}. Messages follow the JDK and framework conventions
 * ({@code ExecutionException(cause)} carries {@code cause.toString()}).
 */
final class Wrappers {
  private Wrappers() {}

  private static final String[] SERVICE_TYPES = {
      "ServiceException", "BusinessException", "ApplicationException", "SystemException", "ApiException",
      "ProcessingException", "IntegrationException", "TransferException", "PaymentException", "BatchJobException",
      "CommonException", "InternalServerException"};
  private static final String[] SERVICE_MESSAGES = {
      "Failed to process request", "Unexpected error while processing", "Transfer could not be completed",
      "Payment processing failed", "Error calling downstream service", "Job step failed", "요청 처리 중 오류",
      "처리 실패", "Could not complete operation", "Settlement failed", "Internal error", "Unable to handle event"};

  static TraceNode wrap(TraceNode node, Synth s, AppProfile app, Dresser d) {
    int depth = s.rnd().nextInt(100) < 40 ? 0 : s.rnd().nextInt(100) < 65 ? 1 : s.rnd().nextInt(100) < 75 ? 2 : 3;
    for (int i = 0; i < depth; i++) {
      int k = s.rnd().nextInt(100);
      if (k < 34) node = appWrapper(node, s, app, d);
      else if (k < 52) node = simple(node, s, app, d, "java.lang.RuntimeException",
          s.chance(0.6) ? node.header() : s.pick(SERVICE_MESSAGES));
      else if (k < 64 && i == 0) node = execution(node, s, app, d);
      else if (k < 72 && i == 0) node = completion(node, s);
      else if (k < 78) node = simple(node, s, app, d, "java.lang.reflect.UndeclaredThrowableException", null);
      else if (k < 90 && "mvc".equals(d.bottom.kind())) node = servlet(node, s, d);
      else node = appWrapper(node, s, app, d);
    }
    return node;
  }

  private static TraceNode appWrapper(TraceNode inner, Synth s, AppProfile app, Dresser d) {
    String msg = switch (s.rnd().nextInt(4)) {
      case 0 -> s.pick(SERVICE_MESSAGES);
      case 1 -> s.pick(SERVICE_MESSAGES) + ": " + inner.header();
      case 2 -> s.pick(SERVICE_MESSAGES) + " [" + s.txId() + "]";
      default -> inner.message == null ? s.pick(SERVICE_MESSAGES) : inner.message;
    };
    String type = app.base + "." + s.pick("common.exception", "exception", "support.error", "global.error") + "."
        + s.pick(SERVICE_TYPES);
    return simple(inner, s, app, d, type, msg);
  }

  /** A wrapper thrown in a frame above the inner failure's throw site, sharing the lower frames. */
  private static TraceNode simple(TraceNode inner, Synth s, AppProfile app, Dresser d, String type, String msg) {
    List<Frame> base = inner.frames;
    int j = catchIndex(base, d.tail, s);
    List<Frame> frames = new ArrayList<>();
    if (j < base.size()) {
      Frame at = base.get(j);
      if (at.module() == null && at.line() > 0) {
        frames.add(new Frame(at.cls(), at.method(), at.file(), at.line() + s.between(1, 12), null));
      } else {
        frames.add(app.caller());
      }
      frames.addAll(base.subList(Math.min(j + 1, base.size()), base.size()));
    } else {
      frames.add(app.caller());
      frames.addAll(d.tail);
    }
    TraceNode w = new TraceNode(type, msg, frames);
    w.cause = inner;
    return w;
  }

  /** Index of an application frame (the catching method) in the lower part of {@code frames}. */
  private static int catchIndex(List<Frame> frames, List<Frame> tail, Synth s) {
    int tailStart = endsWith(frames, tail) ? frames.size() - tail.size() : frames.size();
    List<Integer> app = new ArrayList<>();
    for (int i = 0; i < tailStart; i++) {
      Frame f = frames.get(i);
      if (f.module() == null && !isLibrary(f.cls())) app.add(i);
    }
    for (int i = tailStart; i < frames.size() && i < tailStart + 3; i++) {
      if (!isLibrary(frames.get(i).cls()) && frames.get(i).module() == null) app.add(i);
    }
    if (app.isEmpty()) return tailStart;
    return app.get(s.rnd().nextInt(app.size()));
  }

  static boolean isLibrary(String cls) {
    return cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
        || cls.startsWith("org.springframework.") || cls.startsWith("org.h2.") || cls.startsWith("com.zaxxer.")
        || cls.startsWith("com.fasterxml.") || cls.startsWith("org.apache.") || cls.startsWith("jakarta.")
        || cls.startsWith("io.github.resilience4j") || cls.startsWith("org.hibernate.") || cls.startsWith("org.junit.");
  }

  static boolean endsWith(List<Frame> frames, List<Frame> tail) {
    if (tail.isEmpty() || tail.size() > frames.size()) return false;
    return frames.subList(frames.size() - tail.size(), frames.size()).equals(tail);
  }

  private static final List<Frame> POOL = List.of(
      Frame.jdk("java.util.concurrent.FutureTask", "run", 264),
      Frame.jdk("java.util.concurrent.ThreadPoolExecutor", "runWorker", 1136),
      Frame.jdk("java.util.concurrent.ThreadPoolExecutor$Worker", "run", 635),
      Frame.jdk("java.lang.Thread", "run", 840));

  /** {@code future.get()}: the inner failure ran on a pool thread; the caller sees an ExecutionException. */
  private static TraceNode execution(TraceNode inner, Synth s, AppProfile app, Dresser d) {
    List<Frame> outerFrames = new ArrayList<>();
    outerFrames.add(Frame.jdk("java.util.concurrent.FutureTask", "report", 122));
    outerFrames.add(Frame.jdk("java.util.concurrent.FutureTask", "get", s.chance(0.5) ? 191 : 205));
    Frame caller = app.caller();
    outerFrames.add(caller);
    outerFrames.addAll(d.tail);
    String lambda = "lambda$" + caller.method() + "$" + s.between(0, 5);
    for (TraceNode n : inner.all()) n.frames = toPool(n.frames, d.tail, caller.cls(), lambda, s);
    TraceNode w = new TraceNode("java.util.concurrent.ExecutionException", inner.header(), outerFrames);
    w.cause = inner;
    return w;
  }

  private static List<Frame> toPool(List<Frame> frames, List<Frame> tail, String cls, String lambda, Synth s) {
    List<Frame> out = new ArrayList<>(endsWith(frames, tail) ? frames.subList(0, frames.size() - tail.size()) : frames);
    if (!endsWith(frames, tail)) return out;
    out.add(new Frame(cls, lambda, Frame.simpleFile(cls), s.between(30, 300), null));
    out.addAll(POOL);
    return out;
  }

  /** {@code CompletableFuture.supplyAsync(...).join()}: the CompletionException is made on the worker thread. */
  private static TraceNode completion(TraceNode inner, Synth s) {
    List<Frame> worker = List.of(
        Frame.jdk("java.util.concurrent.CompletableFuture$AsyncSupply", "run", 1768),
        Frame.jdk("java.util.concurrent.ThreadPoolExecutor", "runWorker", 1136),
        Frame.jdk("java.util.concurrent.ThreadPoolExecutor$Worker", "run", 635),
        Frame.jdk("java.lang.Thread", "run", 840));
    for (TraceNode n : inner.all()) {
      List<Frame> f = new ArrayList<>();
      for (Frame fr : n.frames) {
        if (Wrappers.isLibrary(fr.cls()) && fr.cls().startsWith("org.")) break;
        f.add(fr);
        if (fr.module() == null && !isLibrary(fr.cls())) break;
      }
      f.addAll(worker);
      n.frames = f;
    }
    List<Frame> outer = new ArrayList<>();
    outer.add(Frame.jdk("java.util.concurrent.CompletableFuture", "encodeThrowable", 315));
    outer.add(Frame.jdk("java.util.concurrent.CompletableFuture", "completeThrowable", 320));
    outer.add(Frame.jdk("java.util.concurrent.CompletableFuture$AsyncSupply", "run", 1770));
    outer.addAll(worker.subList(1, worker.size()));
    TraceNode w = new TraceNode("java.util.concurrent.CompletionException", inner.header(), outer);
    w.cause = inner;
    return w;
  }

  /** Spring MVC's DispatcherServlet: {@code ServletException("Request processing failed: " + ex, ex)}. */
  private static TraceNode servlet(TraceNode inner, Synth s, Dresser d) {
    int from = -1;
    for (int i = 0; i < d.tail.size(); i++) {
      if (d.tail.get(i).cls().equals("org.springframework.web.servlet.FrameworkServlet")) {
        from = i;
        break;
      }
    }
    List<Frame> frames = new ArrayList<>();
    frames.add(Frame.lib("org.springframework.web.servlet.FrameworkServlet", "processRequest", 1022));
    if (from >= 0) frames.addAll(d.tail.subList(from + 1, d.tail.size()));
    boolean spring5 = s.chance(0.35);
    TraceNode w = spring5
        ? new TraceNode("org.springframework.web.util.NestedServletException",
            "Request processing failed; nested exception is " + inner.header(), frames)
        : new TraceNode(s.chance(0.8) ? "jakarta.servlet.ServletException" : "javax.servlet.ServletException",
            "Request processing failed: " + inner.header(), frames);
    w.cause = inner;
    return w;
  }
}
