package dev.tokenperf.client;

import io.netty.handler.codec.http.HttpHeaders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Headers added to every request: the API key as a bearer token and the user's {@code -H} headers.
 * Its {@link #toString()} and {@link #redacted()} never show values, so secrets cannot leak into outputs.
 */
public final class RequestHeaders {
    private final List<Map.Entry<String, String>> entries;

    private RequestHeaders(List<Map.Entry<String, String>> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param apiKey  bearer token, or null
     * @param headers {@code Name:Value} strings
     * @throws IllegalArgumentException naming a header without a colon or name
     */
    public static RequestHeaders of(String apiKey, List<String> headers) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        if (apiKey != null && !apiKey.isBlank()) {
            entries.add(Map.entry("Authorization", "Bearer " + apiKey.trim()));
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                // never echo the text: it may be a secret typed without its name
                throw new IllegalArgumentException("a header must be Name:Value; one has no name or no colon");
            }
            entries.add(Map.entry(header.substring(0, colon).trim(), header.substring(colon + 1).trim()));
        }
        return new RequestHeaders(entries);
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
