package dev.tokenperf.kube;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes API server for tests, on 127.0.0.1: fabric8's {@link KubernetesCrudDispatcher} (the CRUD mode of
 * {@code kubernetes-server-mock}: objects created, read, listed by label, patched and deleted as a cluster would)
 * behind the JDK's HTTP server. fabric8's own mock server runs on Vert.x 5, whose Netty 4.2 cannot share the class
 * path with the load client's Netty 4.1; the dispatcher itself uses neither. No watches or exec (no WebSockets).
 *
 * <p>{@link #useAsDefault()} points the client's default configuration at it, through the same system properties
 * kubectl's environment would set, so commands under test connect exactly as in production.
 */
final class CrudApiServer implements AutoCloseable {
    private static final List<String> PROPERTIES = List.of(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY,
            Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY,
            Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY);

    private final KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher();
    private final HttpServer server;

    CrudApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                handle(exchange);
            } catch (Throwable e) {
                e.printStackTrace();
                throw e;
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A client of this server, for a test to set up and inspect the cluster's objects. */
    KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url())
                .withNamespace("default").build()).build();
    }

    /** Makes {@link KubeCluster#connect()} reach this server (and nothing else) until {@link #close()}. */
    CrudApiServer useAsDefault() {
        System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, url());
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        System.setProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
        return this;
    }

    @Override
    public void close() {
        PROPERTIES.forEach(System::clearProperty);
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers.Builder headers = new Headers.Builder();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
            String query = exchange.getRequestURI().getRawQuery();
            String path = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
            RecordedRequest request = new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(exchange.getRequestMethod()),
                    path, headers.build(), new Buffer(exchange.getRequestBody().readAllBytes()));
            MockResponse response = dispatcher.dispatch(request);
            for (Map.Entry<String, List<String>> h : response.getHeaders().toMultimap().entrySet()) {
                h.getValue().forEach(v -> exchange.getResponseHeaders().add(h.getKey(), v));
            }
            byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes();
            exchange.sendResponseHeaders(response.code(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
