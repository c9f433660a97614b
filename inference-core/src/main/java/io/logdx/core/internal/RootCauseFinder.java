package io.logdx.core.internal;

import io.logdx.core.Failure.CauseNode;
import java.util.List;
import java.util.Set;

/**
 * Finds the innermost cause with meaning in a chain (outermost first, causes named in messages included).
 *
 * <p>The innermost cause is the root cause, except:
 * <ul>
 *   <li>a wrapper type (RuntimeException, ExecutionException, CompletionException, InvocationTargetException,
 *       UndeclaredThrowableException, ServletException, framework "nested" exceptions...) without a message
 *       carries nothing of its own: the next cause outwards is taken;</li>
 *   <li>a wrapper whose message repeats the message of an outer exception of a meaningful type was unwrapped
 *       and rethrown as that type (Hadoop's RPC turns a {@code RemoteException} into the remote side's
 *       exception): the outer one names the failure;</li>
 *   <li>a cause printed without a type ({@code Caused by: ; nested: ...}) is skipped when any other is known;</li>
 *   <li>a transport's own detail under a network exception names how the transport noticed, not what failed:
 *       a channel-closed exception without a message ({@code ClosedChannelException}) that is the cause of a
 *       socket exception ({@code ConnectException}, {@code SocketException}...) yields to it. The JDK's
 *       {@code HttpClient} reports a refused connection as {@code ConnectException} caused by
 *       {@code ClosedChannelException}: the failure is the refused connection, not a closed resource.</li>
 * </ul>
 */
final class RootCauseFinder {
  /** Types that only carry another exception. */
  static final Set<String> WRAPPERS =
      Set.of(
          "java.lang.RuntimeException",
          "java.lang.Exception",
          "java.lang.Throwable",
          "java.lang.Error",
          "java.util.concurrent.ExecutionException",
          "java.util.concurrent.CompletionException",
          "java.lang.reflect.InvocationTargetException",
          "java.lang.reflect.UndeclaredThrowableException",
          "java.lang.ExceptionInInitializerError",
          "javax.servlet.ServletException",
          "jakarta.servlet.ServletException",
          "org.springframework.web.util.NestedServletException",
          "java.security.PrivilegedActionException",
          "org.springframework.core.NestedRuntimeException",
          "org.springframework.core.NestedCheckedException",
          "org.springframework.beans.factory.BeanCreationException",
          "org.springframework.beans.factory.UnsatisfiedDependencyException",
          "java.io.UncheckedIOException",
          "org.apache.hadoop.ipc.RemoteException",
          "com.google.common.util.concurrent.UncheckedExecutionException",
          "com.google.common.util.concurrent.ExecutionError",
          "reactor.core.Exceptions$ReactiveException",
          "org.elasticsearch.transport.RemoteTransportException",
          "javax.management.RuntimeMBeanException",
          "javax.management.RuntimeErrorException",
          "javax.management.MBeanException");

  /** Exceptions a transport raises about its own state, which say nothing of their own without a message. */
  static final Set<String> TRANSPORT_DETAILS =
      Set.of(
          "java.nio.channels.ClosedChannelException",
          "java.nio.channels.AsynchronousCloseException");

  /** Network exceptions that a transport detail under them yields to: java.net.SocketException and its kind. */
  static final Set<String> NETWORK_FAILURES =
      Set.of(
          "java.net.SocketException",
          "java.net.ConnectException",
          "java.net.NoRouteToHostException",
          "java.net.PortUnreachableException",
          "java.net.BindException",
          "java.net.SocketTimeoutException",
          "java.net.http.HttpConnectTimeoutException",
          "java.net.http.HttpTimeoutException");

  private RootCauseFinder() {}

  /** Index of the root cause in a chain (outermost first), -1 for an empty chain. */
  static int rootIndex(List<CauseNode> chain) {
    if (chain.isEmpty()) return -1;
    for (int i = chain.size() - 1; i >= 0; i--) {
      CauseNode n = chain.get(i);
      if (isUnknown(n)) continue;
      if (i > 0 && isTransportDetailOf(n, chain.get(i - 1))) continue;
      if (!isWrapper(n.type())) return i;
      if (isBlank(n.message())) continue;
      String message = n.message().strip();
      for (int j = 0; j < i; j++) {
        CauseNode outer = chain.get(j);
        if (!isUnknown(outer)
            && !isWrapper(outer.type())
            && outer.message() != null
            && outer.message().strip().equals(message)) {
          return j;
        }
      }
      return i;
    }
    // only bare wrappers (and typeless causes): the innermost known one
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (!isUnknown(chain.get(i))) return i;
    }
    return chain.size() - 1;
  }

  /** A message-less transport detail directly under a network exception (the type may be printed unqualified). */
  private static boolean isTransportDetailOf(CauseNode n, CauseNode outer) {
    return isBlank(n.message())
        && inSet(TRANSPORT_DETAILS, n.type())
        && inSet(NETWORK_FAILURES, outer.type());
  }

  private static boolean inSet(Set<String> types, String type) {
    if (types.contains(type)) return true;
    if (type.indexOf('.') >= 0) return false;
    for (String t : types) {
      if (MessageCauses.sameAs(t, type)) return true;
    }
    return false;
  }

  static boolean isWrapper(String type) {
    return WRAPPERS.contains(type);
  }

  private static boolean isUnknown(CauseNode n) {
    return StackTraceParser.UNKNOWN_TYPE.equals(n.type());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
