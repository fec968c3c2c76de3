package dev.tokenperf.reports.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of a {@link RequestRecord} in a run's record spill: compact (times as zig-zag varint deltas
 * from the request's start, chunk times and read ordinals as deltas from their predecessor) and exact (every
 * field round-trips). Not a file format users see; {@code profile_export.jsonl} is.
 */
final class RecordCodec {
    private static final int WARMUP = 1;
    private static final int STREAMING = 2;
    private static final int FAILED = 4;
    private static final ErrorKind[] KINDS = ErrorKind.values();

    private RecordCodec() {
    }

    /** Encodes {@code r} into {@code out} (position advanced); overflows with BufferOverflowException. */
    static void encode(RequestRecord r, ByteBuffer out) {
        putVarLong(out, r.index());
        putString(out, r.requestId());
        out.put((byte) ((r.warmup() ? WARMUP : 0) | (r.streaming() ? STREAMING : 0) | (r.succeeded() ? 0 : FAILED)));
        long start = r.startNanos();
        putZigZag(out, start);
        putZigZag(out, r.intendedStartNanos() - start);
        putZigZag(out, r.endNanos() - start);
        long[] chunks = r.chunkArrivalNanos();
        long[] reads = r.chunkReadIndexes();
        putVarLong(out, chunks.length);
        long previous = start;
        for (long t : chunks) {
            putZigZag(out, t - previous);
            previous = t;
        }
        previous = 0;
        for (long read : reads) {
            putZigZag(out, read - previous);
            previous = read;
        }
        putZigZag(out, r.serverInputTokens());
        putZigZag(out, r.serverOutputTokens());
        putZigZag(out, r.requestedInputTokens());
        putZigZag(out, r.requestedOutputTokens());
        putVarLong(out, r.reasoningChunks());
        putZigZag(out, r.serverReasoningTokens());
        putString(out, r.outputText());
        putString(out, r.sessionTurn() ? r.sessionId() : "");
        putZigZag(out, r.turnIndex());
        putZigZag(out, r.serverCachedTokens());
        putString(out, r.model() == null ? "" : r.model());
        putString(out, r.url() == null ? "" : r.url());
        if (!r.succeeded()) {
            RequestError e = r.error();
            out.put((byte) e.kind().ordinal());
            putVarLong(out, e.httpStatus());
            putString(out, e.message());
            putZigZag(out, e.retryAfterMillis());
        }
    }

    /** Decodes one record from {@code in}, which must hold all of it. */
    static RequestRecord decode(ByteBuffer in) {
        int index = (int) getVarLong(in);
        String requestId = getString(in);
        int flags = in.get();
        long start = getZigZag(in);
        long intended = start + getZigZag(in);
        long end = start + getZigZag(in);
        int n = (int) getVarLong(in);
        long[] chunks = new long[n];
        long previous = start;
        for (int i = 0; i < n; i++) {
            previous += getZigZag(in);
            chunks[i] = previous;
        }
        long[] reads = new long[n];
        previous = 0;
        for (int i = 0; i < n; i++) {
            previous += getZigZag(in);
            reads[i] = previous;
        }
        int serverIn = (int) getZigZag(in);
        int serverOut = (int) getZigZag(in);
        int requestedIn = (int) getZigZag(in);
        int requestedOut = (int) getZigZag(in);
        int reasoningChunks = (int) getVarLong(in);
        int serverReasoning = (int) getZigZag(in);
        String text = getString(in);
        String sessionId = getString(in);
        int turnIndex = (int) getZigZag(in);
        int serverCached = (int) getZigZag(in);
        String model = getString(in);
        String url = getString(in);
        RequestError error = null;
        if ((flags & FAILED) != 0) {
            ErrorKind kind = KINDS[in.get()];
            int status = (int) getVarLong(in);
            error = new RequestError(kind, status, getString(in), getZigZag(in));
        }
        return new RequestRecord(index, requestId, (flags & WARMUP) != 0, (flags & STREAMING) != 0, intended, start,
                end, chunks, reads, serverIn, serverOut, requestedIn, requestedOut, text, error,
                reasoningChunks, serverReasoning, turnIndex < 0 ? null : sessionId, turnIndex,
                serverCached, model.isEmpty() ? null : model, url.isEmpty() ? null : url);
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putVarLong(out, bytes.length);
        out.put(bytes);
    }

    private static String getString(ByteBuffer in) {
        int length = (int) getVarLong(in);
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private static void putZigZag(ByteBuffer out, long v) {
        putVarLong(out, (v << 1) ^ (v >> 63));
    }

    private static long getZigZag(ByteBuffer in) {
        long v = getVarLong(in);
        return (v >>> 1) ^ -(v & 1);
    }

    private static void putVarLong(ByteBuffer out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static long getVarLong(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("corrupt record spill: varint longer than 64 bits");
    }
}
