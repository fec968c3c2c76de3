package dev.tokenperf.client;

import io.netty.buffer.ByteBuf;

/**
 * Receives the parts of one HTTP exchange from {@link ExchangeHandler}, on the connection's event loop.
 * Exactly one of {@link #onEnd()}, {@link #onClosed()} or {@link #onFailure(Throwable)} ends it.
 */
public interface ExchangeListener {
    /**
     * The status line and headers arrived; {@code keepAlive} is false when the server will close;
     * {@code retryAfterMillis} is the server's {@code Retry-After}, or {@link RetryAfter#NONE}.
     */
    void onResponse(int status, String contentType, boolean keepAlive, long retryAfterMillis);

    /** The response's {@code Date} header, or null when it has none; called before {@link #onResponse}. */
    default void onDate(String date) {
    }

    /** One server-sent event of a streamed body. */
    void onEvent(SseEvent event);

    /** A part of a non-streamed body; the buffer is released after the call. */
    void onBody(ByteBuf content);

    /** The response ended normally; {@code arrivalNanos} is when the read carrying its end arrived. */
    void onEnd(long arrivalNanos);

    /** The connection closed before the response ended. */
    void onClosed();

    /** The connection failed (reset, TLS or decoding error). */
    void onFailure(Throwable cause);
}
