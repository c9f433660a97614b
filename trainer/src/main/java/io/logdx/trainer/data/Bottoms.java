package io.logdx.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The lower part of a stack: how the application code was entered (a Spring MVC request on Tomcat, a scheduled
 * job, a Kafka listener, a plain main, an executor thread, a JUnit test). The frames are the public class and
 * method names of those frameworks with typical line numbers. They replace the generator's own frames, which a
 * real log would never show.
 */
final class Bottoms {
  record Bottom(String kind, String thread, List<Frame> frames, int entryRole) {}

  private Bottoms() {}

  private static final String REFLECT = """
      jdk.internal.reflect.NativeMethodAccessorImpl|invoke0|-2|java.base
      jdk.internal.reflect.NativeMethodAccessorImpl|invoke|77|java.base
      jdk.internal.reflect.DelegatingMethodAccessorImpl|invoke|43|java.base
      java.lang.reflect.Method|invoke|568|java.base
      """;

  private static final String TOMCAT_MVC = REFLECT + """
      org.springframework.web.method.support.InvocableHandlerMethod|doInvoke|258
      org.springframework.web.method.support.InvocableHandlerMethod|invokeForRequest|191
      org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod|invokeAndHandle|118
      org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter|invokeHandlerMethod|986
      org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter|handleInternal|891
      org.springframework.web.servlet.mvc.method.AbstractHandlerMethodAdapter|handle|87
      org.springframework.web.servlet.DispatcherServlet|doDispatch|1089
      org.springframework.web.servlet.DispatcherServlet|doService|979
      org.springframework.web.servlet.FrameworkServlet|processRequest|1014
      org.springframework.web.servlet.FrameworkServlet|doPost|914
      jakarta.servlet.http.HttpServlet|service|590
      org.springframework.web.servlet.FrameworkServlet|service|885
      jakarta.servlet.http.HttpServlet|service|658
      org.apache.catalina.core.ApplicationFilterChain|internalDoFilter|195
      org.apache.catalina.core.ApplicationFilterChain|doFilter|140
      org.apache.tomcat.websocket.server.WsFilter|doFilter|51
      org.apache.catalina.core.ApplicationFilterChain|internalDoFilter|164
      org.apache.catalina.core.ApplicationFilterChain|doFilter|140
      org.springframework.web.filter.RequestContextFilter|doFilterInternal|100
      org.springframework.web.filter.OncePerRequestFilter|doFilter|116
      org.apache.catalina.core.ApplicationFilterChain|internalDoFilter|164
      org.apache.catalina.core.ApplicationFilterChain|doFilter|140
      org.springframework.web.filter.CharacterEncodingFilter|doFilterInternal|201
      org.springframework.web.filter.OncePerRequestFilter|doFilter|116
      org.apache.catalina.core.ApplicationFilterChain|internalDoFilter|164
      org.apache.catalina.core.ApplicationFilterChain|doFilter|140
      org.apache.catalina.core.StandardWrapperValve|invoke|167
      org.apache.catalina.core.StandardContextValve|invoke|90
      org.apache.catalina.authenticator.AuthenticatorBase|invoke|482
      org.apache.catalina.core.StandardHostValve|invoke|115
      org.apache.catalina.valves.ErrorReportValve|invoke|93
      org.apache.catalina.core.StandardEngineValve|invoke|74
      org.apache.catalina.connector.CoyoteAdapter|service|344
      org.apache.coyote.http11.Http11Processor|service|391
      org.apache.coyote.AbstractProcessorLight|process|63
      org.apache.coyote.AbstractProtocol$ConnectionHandler|process|896
      org.apache.tomcat.util.net.NioEndpoint$SocketProcessor|doRun|1744
      org.apache.tomcat.util.net.SocketProcessorBase|run|52
      org.apache.tomcat.util.threads.ThreadPoolExecutor|runWorker|1191
      org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker|run|659
      org.apache.tomcat.util.threads.TaskThread$WrappingRunnable|run|61
      java.lang.Thread|run|840|java.base
      """;

  private static final String SCHEDULED = REFLECT + """
      org.springframework.scheduling.support.ScheduledMethodRunnable|run|84
      org.springframework.scheduling.support.DelegatingErrorHandlingRunnable|run|54
      java.util.concurrent.Executors$RunnableAdapter|call|539|java.base
      java.util.concurrent.FutureTask|runAndReset|305|java.base
      java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask|run|305|java.base
      java.util.concurrent.ThreadPoolExecutor|runWorker|1136|java.base
      java.util.concurrent.ThreadPoolExecutor$Worker|run|635|java.base
      java.lang.Thread|run|840|java.base
      """;

  private static final String KAFKA = REFLECT + """
      org.springframework.messaging.handler.invocation.InvocableHandlerMethod|doInvoke|169
      org.springframework.messaging.handler.invocation.InvocableHandlerMethod|invoke|119
      org.springframework.kafka.listener.adapter.HandlerAdapter|invoke|56
      org.springframework.kafka.listener.adapter.MessagingMessageListenerAdapter|invokeHandler|375
      org.springframework.kafka.listener.adapter.RecordMessagingMessageListenerAdapter|onMessage|92
      org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer|doInvokeOnMessage|2800
      org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer|invokeOnMessage|2778
      org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer|doInvokeRecordListener|2690
      org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer|doInvokeWithRecords|2542
      org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer|invokeRecordListener|2427
      org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer|invokeListener|2056
      org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer|pollAndInvoke|1431
      org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer|run|1322
      java.util.concurrent.CompletableFuture$AsyncRun|run|1804|java.base
      java.lang.Thread|run|840|java.base
      """;

  private static final String BATCH = """
      org.springframework.batch.core.step.item.SimpleChunkProcessor|doProcess|116
      org.springframework.batch.core.step.item.SimpleChunkProcessor|transform|293
      org.springframework.batch.core.step.item.SimpleChunkProcessor|process|208
      org.springframework.batch.core.step.item.ChunkOrientedTasklet|execute|77
      org.springframework.batch.core.step.tasklet.TaskletStep$ChunkTransactionCallback|doInTransaction|407
      org.springframework.batch.core.step.tasklet.TaskletStep$ChunkTransactionCallback|doInTransaction|331
      org.springframework.transaction.support.TransactionTemplate|execute|140
      org.springframework.batch.core.step.tasklet.TaskletStep$2|doInChunkContext|273
      org.springframework.batch.core.scope.context.StepContextRepeatCallback|doInIteration|82
      org.springframework.batch.repeat.support.RepeatTemplate|getNextResult|369
      org.springframework.batch.repeat.support.RepeatTemplate|executeInternal|206
      org.springframework.batch.repeat.support.RepeatTemplate|iterate|140
      org.springframework.batch.core.step.tasklet.TaskletStep|doExecute|258
      org.springframework.batch.core.step.AbstractStep|execute|229
      org.springframework.batch.core.job.SimpleStepHandler|handleStep|153
      org.springframework.batch.core.job.AbstractJob|handleStep|418
      org.springframework.batch.core.job.SimpleJob|doExecute|132
      org.springframework.batch.core.job.AbstractJob|execute|317
      org.springframework.batch.core.launch.support.SimpleJobLauncher$1|run|157
      org.springframework.core.task.SyncTaskExecutor|execute|50
      org.springframework.batch.core.launch.support.SimpleJobLauncher|run|148
      """;

  private static final String EXECUTOR = """
      java.util.concurrent.FutureTask|run|264|java.base
      java.util.concurrent.ThreadPoolExecutor|runWorker|1136|java.base
      java.util.concurrent.ThreadPoolExecutor$Worker|run|635|java.base
      java.lang.Thread|run|840|java.base
      """;

  private static final String JUNIT = REFLECT + """
      org.junit.platform.commons.util.ReflectionUtils|invokeMethod|728
      org.junit.jupiter.engine.execution.MethodInvocation|proceed|60
      org.junit.jupiter.engine.execution.InvocationInterceptorChain$ValidatingInvocation|proceed|131
      org.junit.jupiter.engine.extension.TimeoutExtension|intercept|156
      org.junit.jupiter.engine.extension.TimeoutExtension|interceptTestableMethod|147
      org.junit.jupiter.engine.extension.TimeoutExtension|interceptTestMethod|86
      org.junit.jupiter.engine.execution.InterceptingExecutableInvoker|invoke|92
      org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor|invokeTestMethod|217
      org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor|execute|213
      org.junit.platform.engine.support.hierarchical.NodeTestTask|executeRecursively|151
      """;

  static Bottom pick(Synth s, AppProfile app) {
    int k = s.rnd().nextInt(100);
    if (k < 34) return new Bottom("mvc", "http-nio-" + s.pick("8080", "8081", "9090", "8443") + "-exec-" + s.between(1, 200),
        with(app, 3, s, TOMCAT_MVC), 3);
    if (k < 48) return new Bottom("scheduled", s.pick("scheduling-1", "task-scheduler-" + s.between(1, 8), "pool-1-thread-1"),
        with(app, 3, s, SCHEDULED), 3);
    if (k < 60) return new Bottom("kafka", "org.springframework.kafka.KafkaListenerEndpointContainer#" + s.between(0, 3)
        + "-0-C-1", with(app, 3, s, KAFKA), 3);
    if (k < 68) return new Bottom("batch", s.pick("main", "batch-worker-" + s.between(1, 4)), with(app, 2, s, BATCH), 2);
    if (k < 82) return new Bottom("executor", s.pick("pool-" + s.between(1, 9) + "-thread-" + s.between(1, 16),
        "async-" + s.between(1, 8), "task-" + s.between(1, 8), "ForkJoinPool.commonPool-worker-" + s.between(1, 7)),
        with(app, 2, s, EXECUTOR), 2);
    if (k < 92) {
      String cls = app.base + "." + s.pick("Application", "Main", "BatchRunner", "Launcher", "Bootstrap");
      return new Bottom("main", "main", List.of(new Frame(cls, "main", Frame.simpleFile(cls), s.between(12, 60), null)), 1);
    }
    if (k < 96) {
      String cls = app.base + "." + app.sub + "." + app.domain + s.pick("ServiceTest", "IntegrationTest", "Tests");
      List<Frame> f = new ArrayList<>();
      f.add(new Frame(cls, s.pick("shouldTransfer", "testProcess", "whenInvalid_thenFails", "createsEntry"),
          Frame.simpleFile(cls), s.between(30, 300), null));
      f.addAll(parse(JUNIT));
      return new Bottom("junit", "main", f, 1);
    }
    return new Bottom("none", s.pick("main", "worker-1", "http-nio-8080-exec-1"), List.of(), 1);
  }

  /** The frames of {@code spec} below one application entry frame of the given role. */
  private static List<Frame> with(AppProfile app, int role, Synth s, String spec) {
    List<Frame> out = new ArrayList<>();
    String cls = app.base + "." + s.pick("web", "api", "controller", "listener", "job", "batch", app.sub) + "."
        + app.domain + s.pick(role >= 3 ? new String[] {"Controller", "Listener", "Job", "Consumer", "Api"}
            : new String[] {"Processor", "Task", "Worker", "Handler"});
    out.add(new Frame(cls, app.roleMethod(3), Frame.simpleFile(cls), s.between(25, 260), null));
    out.addAll(parse(spec));
    return out;
  }

  static List<Frame> parse(String spec) {
    List<Frame> out = new ArrayList<>();
    for (String line : spec.strip().split("\n")) {
      String[] p = line.strip().split("\\|");
      String module = p.length > 3 ? p[3] : null;
      out.add(new Frame(p[0], p[1], Frame.simpleFile(p[0]), Integer.parseInt(p[2]), module));
    }
    return out;
  }
}
