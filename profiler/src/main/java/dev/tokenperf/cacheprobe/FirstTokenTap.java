package dev.tokenperf.cacheprobe;

import dev.tokenperf.client.ChunkParser;
import dev.tokenperf.client.ExchangeListener;
import dev.tokenperf.client.ParsedChunk;
import dev.tokenperf.client.SseEvent;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Passes one exchange to the {@link dev.tokenperf.measure.RequestTrace} that measures it, and on the side
 * notices the first content chunk (to stop the spinner). The trace sees every part first and unchanged, so its
 * stamps are those of {@code profile}. Runs on the event loop; a probe sends a handful of requests, so parsing
 * the few events before the first token twice costs nothing that matters.
 */
final class FirstTokenTap implements ExchangeListener {
    private final ExchangeListener trace;
    private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
    private final ParsedChunk parsed = new ParsedChunk();

    FirstTokenTap(ExchangeListener trace) {
        this.trace = trace;
    }

    /** Completes when the first content chunk arrives (or the exchange ends without one). */
    CompletableFuture<Void> firstToken() {
        return firstToken;
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
    }

    @Override
    public void onBody(ByteBuf content) {
        trace.onBody(content);
    }

    @Override
    public void onEnd(long arrivalNanos) {
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
}
