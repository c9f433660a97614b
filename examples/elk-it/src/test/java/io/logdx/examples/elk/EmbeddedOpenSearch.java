package io.logdx.examples.elk;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.http.HttpServerTransport;

/**
 * One OpenSearch node inside the test JVM, bound to 127.0.0.1 only, its data in a folder under target.
 * Settings follow ../shared/DEPENDENCIES.md: loopback bind for HTTP and transport, single-node discovery.
 */
final class EmbeddedOpenSearch implements AutoCloseable {
  private final OpenSearchRunner runner = new OpenSearchRunner();
  private final URI http;

  EmbeddedOpenSearch(Path home) {
    runner
        .onBuild(
            (index, settings) -> {
              settings.put("network.host", "127.0.0.1");
              settings.put("http.host", "127.0.0.1");
              settings.put("transport.host", "127.0.0.1");
              settings.put("discovery.type", "single-node");
              // the test's data is small; keep the node from refusing writes on a nearly full build
              // disk
              settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            })
        .build(
            OpenSearchRunner.newConfigs()
                .basePath(home.toString())
                .numOfNode(1)
                .clusterName("logdx-elk-it")
                .disableESLogger());
    runner.ensureYellow();
    int port =
        runner
            .node()
            .injector()
            .getInstance(HttpServerTransport.class)
            .boundAddress()
            .publishAddress()
            .getPort();
    http = URI.create("http://127.0.0.1:" + port);
  }

  /** The node's HTTP address. */
  URI http() {
    return http;
  }

  @Override
  public void close() throws IOException {
    try {
      runner.close();
    } finally {
      runner.clean();
    }
  }
}
