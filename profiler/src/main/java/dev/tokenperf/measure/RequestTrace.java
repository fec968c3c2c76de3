package dev.tokenperf.measure;

import dev.tokenperf.client.Api;
import dev.tokenperf.client.ExchangeHandler;
import dev.tokenperf.client.ExchangeListener;
import dev.tokenperf.client.ParsedChunk;
import dev.tokenperf.client.RetryAfter;
import dev.tokenperf.client.SseEvent;
import dev.tokenperf.client.SseFormatException;
import dev.tokenperf.client.StrictUtf8;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.time.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import javax.net.ssl.SSLHandshakeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Measures one request while it is in flight: takes the start time when the request is written, keeps the
 * arrival time of every content-bearing chunk (as stamped when its bytes arrived), the generated text and the
 * server's usage, and ends in exactly one {@link RequestRecord}, successful or with the reason it failed.
 *
 * <p>Threads: the load creates a trace on whichever thread plans the request (a schedule timer or an event
 * loop) and hands it on only through Netty task submission and future listeners, which order memory, so one
 * thread at a time touches it. From {@link #started} on, it belongs to its connection's event loop: the
 * response callbacks, the timeout, a cancel and the {@link Completion} all run there, and every method asserts
 * so (a check that costs nothing when assertions are off, as in production). That confinement is why a plain
 * flag is enough to record the request once.
 *
 * <p>Times come from the {@link Ticker} that also stamps the connection's reads, so a test scripts them exactly.
 */
public final class RequestTrace implements ExchangeListener {

    /**
     * Receives the finished record, on the trace's event loop (or, for a request never started, on the thread
     * that failed it); {@code reuseConnection} is false when the connection must be closed.
     */
    public interface Completion {
        void complete(RequestTrace trace, RequestRecord record, boolean reuseConnection);
    }

    private static final int MAX_ERROR_BODY_CHARS = 300;
    /** A request is sent at most this many times: the first attempt and one resend. */
    private static final int MAX_ATTEMPTS = 2;
    /**
     * How soon after the write a failure must come to count as a stale connection's: a server that closed a
     * kept-alive connection answers the next write at once, one round trip later, but a busy client may see that
     * late (event-loop lag of 100 ms was measured on a loaded 2-core machine). A later failure means the server
     * had the request and may have processed it, so it is a failure, not a resend.
     */
    static final long STALE_WINDOW_NANOS = 1_000_000_000L;

    private final int index;
    private final String requestId;
    private final boolean warmup;
    private final boolean streaming;
    private final int requestedInputTokens;
    private final int requestedOutputTokens;
    private final long originNanos;
    private final Ticker ticker;
    private final Completion completion;
    private final int expectedChunks;
    private final Api api;

    private final ParsedChunk parsed = new ParsedChunk();
    private final StringBuilder text = new StringBuilder();
    private ByteArrayOutputStream body;
    private StringBuilder errorEvents;
    private long[] chunkNanos;
    private long[] chunkReads;
    private int chunks;
    /** Content chunks that carried only reasoning before the first answer chunk. */
    private int reasoningChunks;
    private long startNanos;
    private long intendedStartNanos = Long.MIN_VALUE;
    private String sessionId;
    private int turnIndex = -1;
    private String model;
    private String url;
    private int status;
    private boolean keepAlive = true;
    private int serverInputTokens = -1;
    private int serverOutputTokens = -1;
    private int serverReasoningTokens = -1;
    private int serverCachedTokens = -1;
    /** The event loop that owns this trace once it is started; null before. */
    private EventExecutor loop;
    private boolean finished;
    private boolean writeFailed;
    private int attempt = 1;
    private long retryAfterMillis = RetryAfter.NONE;

    /** A trace of an OpenAI chat or completions request (their responses read alike). */
    public RequestTrace(int index, String requestId, boolean warmup, boolean streaming, int requestedInputTokens,
                        int requestedOutputTokens, long originNanos, int expectedChunks, Ticker ticker,
                        Completion completion) {
        this(Api.of(EndpointType.CHAT), index, requestId, warmup, streaming, requestedInputTokens,
                requestedOutputTokens, originNanos, expectedChunks, ticker, completion);
    }

    /**
     * @param api            the API whose events and bodies the response carries
     * @param originNanos    the run's time origin; record times are relative to it
     * @param expectedChunks initial capacity for chunk timestamps (the requested output length is a good guess)
     * @param ticker         the clock of the connection's read stamps, for the start and failure times
     */
    public RequestTrace(Api api, int index, String requestId, boolean warmup, boolean streaming,
                        int requestedInputTokens, int requestedOutputTokens, long originNanos, int expectedChunks,
                        Ticker ticker, Completion completion) {
        this.api = api;
        this.index = index;
        this.requestId = requestId;
        this.warmup = warmup;
        this.streaming = streaming;
        this.requestedInputTokens = requestedInputTokens;
        this.requestedOutputTokens = requestedOutputTokens;
        this.originNanos = originNanos;
        this.ticker = ticker;
        this.completion = completion;
        this.expectedChunks = expectedChunks;
        this.chunkNanos = new long[Math.max(4, expectedChunks + 2)];
        this.chunkReads = new long[chunkNanos.length];
    }

    /**
     * Sends this trace's request on {@code ch}; call it on {@code ch}'s event loop. {@code listener} (this trace,
     * or a wrapper that passes everything on to it) receives the exchange, a timer fails the request after
     * {@code timeout}, the start is stamped just before the write, and a failed write is recorded.
     *
     * @return the armed timeout, to cancel when the request ends
     */
    public ScheduledFuture<?> send(Channel ch, FullHttpRequest request, ExchangeListener listener, Duration timeout) {
        ch.pipeline().get(ExchangeHandler.class).begin(listener);
        long timeoutMillis = timeout.toMillis();
        ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> timedOut(timeoutMillis), timeoutMillis,
                TimeUnit.MILLISECONDS);
        started(ch.eventLoop());
        ch.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                writeFailed(f.cause());
            }
        });
        return timer;
    }

    /**
     * Marks now as the moment the request is written to a connection, whose event loop {@code connectionLoop}
     * owns this trace from here on; call it there.
     */
    public void started(EventExecutor connectionLoop) {
        assert connectionLoop.inEventLoop() : "a trace starts on its connection's event loop";
        loop = connectionLoop;
        startNanos = ticker.nanoTime();
    }

    /** Sets when the load schedule meant to send this request; without it, the actual start is used. */
    public void intendedStart(long nanos) {
        assert onOwnLoop();
        intendedStartNanos = nanos;
    }

    /** Marks this request as turn {@code turn} (from 0) of multi-turn session {@code id}. */
    public void sessionTurn(String id, int turn) {
        assert onOwnLoop();
        sessionId = id;
        turnIndex = turn;
    }

    /** Names the model this request's body carries, when the run names several (null otherwise). */
    public void model(String name) {
        model = name;
    }

    /** Names the server this request goes to, when the run has several (null otherwise). */
    public void url(String server) {
        url = server;
    }

    public int index() {
        return index;
    }

    public String requestId() {
        return requestId;
    }

    public boolean isWarmup() {
        return warmup;
    }

    public boolean isFinished() {
        assert onOwnLoop();
        return finished;
    }

    @Override
    public void onResponse(int status, String contentType, boolean keepAlive, long retryAfterMillis) {
        assert onOwnLoop();
        this.status = status;
        this.keepAlive = keepAlive;
        this.retryAfterMillis = retryAfterMillis;
    }

    @Override
    public void onEvent(SseEvent event) {
        assert onOwnLoop();
        if (finished) {
            return;
        }
        // the data stays UTF-8 bytes on the success path: it is decoded to text only for error messages
        if (!isSuccessStatus()) {
            appendErrorBody(event.data());
            return;
        }
        if ("error".equals(event.type())) {
            fail(ErrorKind.SERVER_ERROR, 0, "error event in stream: " + truncate(event.data()), false);
            return;
        }
        try {
            if (!api.readEvent(event, parsed)) {
                return; // not a data event of this API (e.g. [DONE], a lifecycle event, the emulator's truth)
            }
        } catch (IOException e) {
            fail(ErrorKind.MALFORMED_RESPONSE, 0, "malformed stream chunk (" + e.getMessage() + "): "
                    + truncate(event.data()), false);
            return;
        }
        if (parsed.errorMessage() != null) {
            fail(ErrorKind.SERVER_ERROR, 0, "server error in stream: " + parsed.errorMessage(), false);
            return;
        }
        if (parsed.hasContent()) {
            if (chunks == chunkNanos.length) {
                chunkNanos = Arrays.copyOf(chunkNanos, chunks * 2);
                chunkReads = Arrays.copyOf(chunkReads, chunks * 2);
            }
            if (parsed.isReasoning() && reasoningChunks == chunks) {
                reasoningChunks++;
            }
            chunkNanos[chunks] = event.arrivalNanos();
            chunkReads[chunks++] = event.readIndex();
            text.append(parsed.content());
        }
        takeUsage();
    }

    @Override
    public void onBody(ByteBuf content) {
        assert onOwnLoop();
        if (finished) {
            return;
        }
        if (body == null) {
            body = new ByteArrayOutputStream(Math.max(256, content.readableBytes()));
        }
        if (!isSuccessStatus() && body.size() > MAX_ERROR_BODY_CHARS) {
            return;
        }
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        body.writeBytes(bytes);
    }

    @Override
    public void onEnd(long arrivalNanos) {
        assert onOwnLoop();
        if (finished) {
            return;
        }
        if (!isSuccessStatus()) {
            String detail = body != null ? body.toString(StandardCharsets.UTF_8) : errorBodyFromEvents();
            String message = "HTTP " + status + ": " + truncate(detail.strip());
            finish(ticker.nanoTime(), new RequestError(ErrorKind.HTTP_STATUS, status, message, retryAfterMillis),
                    keepAlive);
            return;
        }
        if (streaming && body != null) {
            // a whole body where a stream was asked for: it has no chunk times, so no TTFT or ITL to measure
            fail(ErrorKind.NOT_STREAMED, 0, "asked for a stream but the server answered one whole body (is "
                    + "\"stream\" overridden in --extra-inputs, or does the server ignore it?)", keepAlive);
            return;
        }
        if (!streaming) {
            if (!parseWholeBody()) {
                return;
            }
        } else if (chunks == 0) {
            fail(ErrorKind.MALFORMED_RESPONSE, 0, "stream ended without any content chunk", keepAlive);
            return;
        }
        finish(arrivalNanos, null, keepAlive);
    }

    @Override
    public void onClosed() {
        assert onOwnLoop();
        if (!finished) {
            fail(ErrorKind.CONNECTION_RESET, 0, "connection closed by the server before the response ended", false);
        }
    }

    @Override
    public void onFailure(Throwable cause) {
        assert onOwnLoop();
        if (finished) {
            return;
        }
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        ErrorKind kind;
        if (root instanceof SSLHandshakeException) {
            kind = ErrorKind.CONNECT_FAILED;
        } else if (cause instanceof DecoderException || root instanceof SseFormatException) {
            kind = ErrorKind.MALFORMED_RESPONSE;
        } else {
            kind = ErrorKind.CONNECTION_RESET;
        }
        fail(kind, 0, root.getClass().getSimpleName() + ": " + root.getMessage(), false);
    }

    /**
     * Writing the request failed, so the server never received it (typically a kept-alive connection the
     * server had just closed). The slot may resend it once on a fresh connection.
     */
    public void writeFailed(Throwable cause) {
        assert onOwnLoop();
        if (!finished && status == 0) {
            writeFailed = true;
        }
        onFailure(cause);
    }

    /**
     * Why this failed attempt may be sent again, or null when it must stand as a failure. It may only when the
     * evidence says the server never processed it, as when a kept-alive connection the server had closed went
     * stale under it (RFC 9112 9.3.1): the write failed, or, on a reused connection, the connection closed
     * before a single response byte and within {@link #STALE_WINDOW_NANOS} of the write. Each request is resent
     * at most once.
     *
     * @param record           the failed record this trace produced
     * @param reusedConnection whether the request went out on a connection that had served an earlier one
     */
    public String resendReason(RequestRecord record, boolean reusedConnection) {
        assert onOwnLoop();
        if (record.succeeded() || attempt >= MAX_ATTEMPTS) {
            return null;
        }
        if (writeFailed) {
            return "attempt " + attempt + ": the write failed (" + record.error().message() + ")";
        }
        boolean closedUnanswered = reusedConnection && receivedNothing()
                && record.error().kind() == ErrorKind.CONNECTION_RESET
                && record.latencyNanos() <= STALE_WINDOW_NANOS;
        return closedUnanswered ? String.format(java.util.Locale.US, "attempt %d: a reused connection closed "
                + "%.1f ms after the write, before any response byte", attempt, record.latencyNanos() / 1e6) : null;
    }

    /** A fresh trace of the same request (same index, id and intended start), as its next attempt. */
    public RequestTrace retryCopy() {
        assert onOwnLoop();
        RequestTrace copy = new RequestTrace(api, index, requestId, warmup, streaming, requestedInputTokens,
                requestedOutputTokens, originNanos, expectedChunks, ticker, completion);
        copy.intendedStartNanos = intendedStartNanos;
        copy.sessionId = sessionId;
        copy.turnIndex = turnIndex;
        copy.model = model;
        copy.url = url;
        copy.attempt = attempt + 1;
        return copy;
    }

    /** True when not a byte of the response arrived. */
    private boolean receivedNothing() {
        return status == 0 && chunks == 0 && body == null;
    }

    /** The timeout fired before the response ended. */
    public void timedOut(long timeoutMillis) {
        assert onOwnLoop();
        if (!finished) {
            fail(ErrorKind.TIMEOUT, 0, "no complete response within " + timeoutMillis + " ms", false);
        }
    }

    /**
     * The client gives up on this request on purpose, {@code afterMillis} after sending it: recorded as cancelled
     * with whatever arrived before, and its connection closed, which tells the server to stop generating.
     */
    public void giveUp(long afterMillis) {
        assert onOwnLoop();
        if (!finished) {
            fail(ErrorKind.REQUEST_CANCELLED, 0, "cancelled by the client " + afterMillis
                    + " ms after sending (--request-cancellation-rate)", false);
        }
    }

    /** The run was interrupted while this request was in flight. */
    public void cancel() {
        assert onOwnLoop();
        if (!finished) {
            fail(ErrorKind.CANCELLED, 0, "run interrupted while the request was in flight", false);
        }
    }

    /** Fails a request that could not be sent at all (no connection). */
    public void notSent(ErrorKind kind, String message) {
        assert onOwnLoop();
        startNanos = ticker.nanoTime();
        fail(kind, 0, message, false);
    }

    private boolean parseWholeBody() {
        String json = "";
        try {
            json = body == null ? "" : StrictUtf8.decode(body.toByteArray(), 0, body.size());
            api.readBody(json, parsed);
        } catch (IOException e) {
            fail(ErrorKind.MALFORMED_RESPONSE, 0, "malformed response body (" + e.getMessage() + "): "
                    + truncate(json), keepAlive);
            return false;
        }
        if (parsed.errorMessage() != null) {
            fail(ErrorKind.SERVER_ERROR, 0, "server error: " + parsed.errorMessage(), keepAlive);
            return false;
        }
        if (!parsed.hasContent() && api.type().generates()) {
            fail(ErrorKind.MALFORMED_RESPONSE, 0, "response carried no generated text", keepAlive);
            return false;
        }
        if (parsed.hasContent()) {
            text.append(parsed.content());
        }
        takeUsage();
        return true;
    }

    private void takeUsage() {
        if (parsed.promptTokens() >= 0) {
            serverInputTokens = parsed.promptTokens();
        }
        if (parsed.completionTokens() >= 0) {
            serverOutputTokens = parsed.completionTokens();
        }
        if (parsed.reasoningTokens() >= 0) {
            serverReasoningTokens = parsed.reasoningTokens();
        }
        if (parsed.cachedTokens() >= 0) {
            serverCachedTokens = parsed.cachedTokens();
        }
    }

    private boolean isSuccessStatus() {
        return status / 100 == 2;
    }

    private void appendErrorBody(String data) {
        if (errorEvents == null) {
            errorEvents = new StringBuilder();
        }
        if (errorEvents.length() < MAX_ERROR_BODY_CHARS) {
            errorEvents.append(data);
        }
    }

    private String errorBodyFromEvents() {
        return errorEvents == null ? "" : errorEvents.toString();
    }

    private void fail(ErrorKind kind, int httpStatus, String message, boolean reuseConnection) {
        finish(ticker.nanoTime(), new RequestError(kind, httpStatus, message), reuseConnection);
    }

    private void finish(long endNanos, RequestError error, boolean reuseConnection) {
        if (finished) {
            return; // the request is recorded once, by whichever of its ends came first
        }
        finished = true;
        long[] arrivals = Arrays.copyOf(chunkNanos, chunks);
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] -= originNanos;
        }
        long intended = intendedStartNanos == Long.MIN_VALUE ? startNanos : intendedStartNanos;
        RequestRecord record = new RequestRecord(index, requestId, warmup, streaming, intended - originNanos,
                startNanos - originNanos, endNanos - originNanos, streaming ? arrivals : new long[0],
                streaming ? Arrays.copyOf(chunkReads, chunks) : new long[0], serverInputTokens, serverOutputTokens,
                requestedInputTokens, requestedOutputTokens, text.toString(), error,
                streaming ? reasoningChunks : 0, serverReasoningTokens, sessionId, turnIndex, serverCachedTokens,
                model, url);
        completion.complete(this, record, reuseConnection);
    }

    /** True on the owning event loop, or anywhere before the trace is started (it has no owner yet). */
    private boolean onOwnLoop() {
        return loop == null || loop.inEventLoop();
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ERROR_BODY_CHARS ? s : s.substring(0, MAX_ERROR_BODY_CHARS) + "...";
    }
}
