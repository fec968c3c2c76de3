package dev.tokenperf.cacheprobe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.client.ChunkParser;
import dev.tokenperf.client.ExchangeListener;
import dev.tokenperf.client.ParsedChunk;
import dev.tokenperf.client.SseEvent;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Passes one exchange to the {@link dev.tokenperf.measure.RequestTrace} that measures it, and on the side
 * notices the first content chunk (to stop the spinner) and reads
 * {@code usage.prompt_tokens_details.cached_tokens}, which the trace does not keep. The trace sees every part
 * first and unchanged, so its stamps are those of {@code profile}. Runs on the event loop; a probe sends a
 * handful of requests, so parsing the few events before the first token twice costs nothing that matters.
 */
final class CachedTokensTap implements ExchangeListener {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ExchangeListener trace;
    private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
    private final ParsedChunk parsed = new ParsedChunk();
    private StringBuilder body;
    private volatile int cachedTokens = -1;

    CachedTokensTap(ExchangeListener trace) {
        this.trace = trace;
    }

    /** Completes when the first content chunk arrives (or the exchange ends without one). */
    CompletableFuture<Void> firstToken() {
        return firstToken;
    }

    /** The server's cached prompt tokens, or -1 when it did not report them. */
    int cachedTokens() {
        return cachedTokens;
    }

    @Override
    public void onResponse(int status, String contentType, boolean keepAlive, long retryAfterMillis) {
        trace.onResponse(status, contentType, keepAlive, retryAfterMillis);
    }

    @Override
    public void onEvent(SseEvent event) {
        trace.onEvent(event);
        if (!firstToken.isDone() && !event.dataIs("[DONE]")) {
            try {
                ChunkParser.parse(event.dataUtf8(), parsed);
                if (parsed.hasContent()) {
                    firstToken.complete(null);
                }
            } catch (IOException e) {
                // the trace records the malformed chunk; here it is simply not a token
            }
        }
        if (event.data().contains("cached_tokens")) {
            readCachedTokens(event.data());
        }
    }

    @Override
    public void onBody(ByteBuf content) {
        trace.onBody(content);
        if (body == null) {
            body = new StringBuilder();
        }
        body.append(content.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void onEnd(long arrivalNanos) {
        if (body != null) {
            readCachedTokens(body.toString()); // before the trace ends: its completion reads the count
        }
        trace.onEnd(arrivalNanos);
        firstToken.complete(null);
    }

    @Override
    public void onClosed() {
        trace.onClosed();
        firstToken.complete(null);
    }

    @Override
    public void onFailure(Throwable cause) {
        trace.onFailure(cause);
        firstToken.complete(null);
    }

    private void readCachedTokens(String json) {
        try {
            JsonNode cached = MAPPER.readTree(json).path("usage").path("prompt_tokens_details").path("cached_tokens");
            if (cached.isIntegralNumber()) {
                cachedTokens = cached.asInt();
            }
        } catch (IOException e) {
            // not JSON: the trace reports it; there is simply no cached count
        }
    }
}
