package dev.tokenperf.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The server to profile, parsed from {@code --url}: scheme, host, port and base path. A trailing
 * {@code /v1} is dropped so that {@code http://h:8000/v1} and {@code http://h:8000} mean the same server.
 *
 * @param secure   true for https
 * @param host     host name or address
 * @param port     TCP port (default 80/443)
 * @param basePath path prefix before {@code /v1/...}, empty or starting with '/' and not ending with it
 */
public record Target(boolean secure, String host, int port, String basePath) {

    /**
     * Parses a URL; a missing scheme means http.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static Target parse(String url) {
        String text = url.trim();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL (expected http[s]://host[:port])");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + url + "' has scheme '" + scheme + "'; use http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' has no host (expected http[s]://host[:port])");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + url + "' must not have a query or fragment");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw new IllegalArgumentException("'" + url + "' has port " + uri.getPort() + "; a port is 1 to 65535");
        }
        boolean secure = scheme.equals("https");
        int port = uri.getPort() == -1 ? (secure ? 443 : 80) : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/v1")) {
            path = path.substring(0, path.length() - 3);
        }
        return new Target(secure, uri.getHost(), port, path);
    }

    /** The full path of an API route such as {@code /v1/models}. */
    public String path(String route) {
        return basePath + route;
    }

    /** The Host header value. */
    public String hostHeader() {
        boolean defaultPort = secure ? port == 443 : port == 80;
        return defaultPort ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return (secure ? "https://" : "http://") + hostHeader() + basePath;
    }
}
