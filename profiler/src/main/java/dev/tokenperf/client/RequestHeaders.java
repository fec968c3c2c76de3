package dev.tokenperf.client;

import dev.tokenperf.reports.plan.EndpointType;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers added to every request: the API key and the headers its {@link Api} requires, then the user's
 * {@code -H} headers.
 * Its {@link #toString()} and {@link #redacted()} never show values, so secrets cannot leak into outputs.
 */
public final class RequestHeaders {
    /**
     * Headers that frame the message or the connection: tokenperf sets them itself, and a user's value would make
     * the server read another body length or another request than the one sent.
     */
    private static final Set<String> FRAMING = Set.of("content-length", "host", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "expect");

    private final List<Map.Entry<String, String>> entries;

    private RequestHeaders(List<Map.Entry<String, String>> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The headers of an OpenAI API: the key as a bearer token.
     *
     * @param apiKey  bearer token, or null
     * @param headers {@code Name:Value} strings
     * @throws IllegalArgumentException naming a header without a colon or name
     */
    public static RequestHeaders of(String apiKey, List<String> headers) {
        return of(EndpointType.CHAT, apiKey, headers);
    }

    /**
     * @param type    the API, which says how the key is sent and which headers it requires
     * @param apiKey  the API key, or null
     * @param headers {@code Name:Value} strings
     * @throws IllegalArgumentException naming a header without a colon or name
     */
    public static RequestHeaders of(EndpointType type, String apiKey, List<String> headers) {
        // by lower-case name: a header given twice (or -H Authorization beside --api-key) is sent and listed once,
        // with the last value given
        Map<String, Map.Entry<String, String>> byName = new LinkedHashMap<>();
        String trimmedKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
        for (Map.Entry<String, String> header : Api.of(type).headers(trimmedKey)) {
            byName.put(header.getKey().toLowerCase(Locale.ROOT), header);
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                // never echo the text: it may be a secret typed without its name
                throw new IllegalArgumentException("a header must be Name:Value; one has no name or no colon");
            }
            String name = header.substring(0, colon).trim();
            String key = name.toLowerCase(Locale.ROOT);
            if (FRAMING.contains(key)) {
                throw new IllegalArgumentException(name + " frames the request and is set by tokenperf; drop it "
                        + "(refused: " + String.join(", ", FRAMING.stream().sorted().toList()) + ")");
            }
            byName.put(key, Map.entry(name, header.substring(colon + 1).trim()));
        }
        return new RequestHeaders(new ArrayList<>(byName.values()));
    }

    /**
     * The values that must never be written anywhere: the API key's header and every header whose name looks like
     * a credential ({@code authorization}, {@code *api-key}, {@code *token*}, {@code cookie}). Also the bare
     * token of a {@code Bearer} value, since a server may echo only that.
     */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            if (isCredential(e.getKey()) && !e.getValue().isEmpty()) {
                secrets.add(e.getValue());
                String[] scheme = e.getValue().split("\\s+", 2);
                if (scheme.length == 2 && !scheme[1].isBlank()) {
                    secrets.add(scheme[1]);
                }
            }
        }
        return secrets;
    }

    static boolean isCredential(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("authorization") || n.endsWith("api-key") || n.endsWith("api_key") || n.contains("token")
                || n.contains("cookie") || n.contains("secret") || n.contains("password");
    }

    void applyTo(HttpHeaders target) {
        for (Map.Entry<String, String> e : entries) {
            target.set(e.getKey(), e.getValue());
        }
    }

    /** Header names with their values hidden, for the saved configuration. */
    public List<String> redacted() {
        return entries.stream().map(e -> e.getKey() + ": <redacted>").toList();
    }

    @Override
    public String toString() {
        return redacted().toString();
    }
}
