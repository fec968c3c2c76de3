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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes API server for tests, on 127.0.0.1: fabric8's {@link KubernetesCrudDispatcher} (the CRUD mode of
 * {@code kubernetes-server-mock}: objects created, read, listed by label, patched and deleted as a cluster would)
 * behind the JDK's HTTP server. fabric8's own mock server runs on Vert.x 5, whose Netty 4.2 cannot share the class
 * path with the load client's Netty 4.1; the dispatcher itself uses neither. No watches or exec (no WebSockets).
 * The CRUD mode has no pod logs: {@link #log} sets what a pod's {@code /log} answers ({@code tailLines} honoured).
 *
 * <p>{@link #useAsDefault()} points the client's default configuration at it, through the same system properties
 * kubectl's environment would set, so commands under test connect exactly as in production.
 */
final class CrudApiServer implements AutoCloseable {
    private static final List<String> PROPERTIES = List.of(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY,
            Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY,
            Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY);

    private static final Pattern LOG = Pattern.compile("/api/v1/namespaces/[^/]+/pods/([^/]+)/log");
    private static final Pattern TAIL = Pattern.compile("(?:^|&)tailLines=(\\d+)");

    private final KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher();
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    private final HttpServer server;

    CrudApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                handle(exchange);
            } catch (Throwable e) {
                // the JDK server drops the connection silently; the client would only see "no bytes", and retry
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

    /** What pod {@code pod}'s log holds. */
    void log(String pod, String text) {
        logs.put(pod, text);
    }

    @Override
    public void close() {
        PROPERTIES.forEach(System::clearProperty);
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher log = LOG.matcher(exchange.getRequestURI().getRawPath());
            if (log.matches()) {
                answerLog(exchange, log.group(1), exchange.getRequestURI().getRawQuery());
                return;
            }
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

    private void answerLog(HttpExchange exchange, String pod, String query) throws IOException {
        String text = logs.get(pod);
        if (text == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        Matcher tail = TAIL.matcher(query == null ? "" : query);
        if (tail.find()) {
            List<String> lines = text.lines().toList();
            text = String.join("\n", lines.subList(Math.max(0, lines.size() - Integer.parseInt(tail.group(1))),
                    lines.size()));
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
