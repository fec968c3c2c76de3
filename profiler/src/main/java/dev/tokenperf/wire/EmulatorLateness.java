package dev.tokenperf.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * How late the emulator wrote its streamed chunks, in nanoseconds after their due time, since it started:
 * the first content chunk of each stream (the server's share of a TTFT bias) and every later one (its share of
 * an ITL bias). Lateness is taken when the emulator's event loop wakes up to write, so it covers timer and
 * scheduling delay inside the server but not the kernel and network after the write. Cumulative, so a reader
 * takes two snapshots and {@link #minus subtracts} them; served at {@code GET /tokenperf/lateness} as JSON
 * with each histogram in HdrHistogram's compressed form, base64-encoded.
 *
 * @param firstChunkNanos  lateness of each stream's first content chunk
 * @param laterChunksNanos lateness of every later content chunk
 */
public record EmulatorLateness(Histogram firstChunkNanos, Histogram laterChunksNanos) {
    /** The route the emulator serves this at. */
    public static final String PATH = "/tokenperf/lateness";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What was recorded since {@code before} (an earlier snapshot of the same emulator). */
    public EmulatorLateness minus(EmulatorLateness before) {
        return new EmulatorLateness(difference(firstChunkNanos, before.firstChunkNanos),
                difference(laterChunksNanos, before.laterChunksNanos));
    }

    private static Histogram difference(Histogram after, Histogram before) {
        Histogram d = after.copy();
        d.subtract(before);
        return d;
    }

    /** The wire form served by the emulator. */
    public String toJson() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("first_chunk_lateness_ns", encode(firstChunkNanos));
        m.put("later_chunks_lateness_ns", encode(laterChunksNanos));
        try {
            return MAPPER.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@link #toJson()}'s form; throws IOException when it is not that. */
    public static EmulatorLateness fromJson(String json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        return new EmulatorLateness(decode(root.path("first_chunk_lateness_ns").asText("")),
                decode(root.path("later_chunks_lateness_ns").asText("")));
    }

    private static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    private static Histogram decode(String base64) throws IOException {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 2);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IOException("not an encoded lateness histogram: " + e.getMessage(), e);
        }
    }
}
