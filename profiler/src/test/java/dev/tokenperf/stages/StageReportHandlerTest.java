package dev.tokenperf.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageReportHandlerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StageReportStore store = new StageReportStore();
    private final EmbeddedChannel channel = new EmbeddedChannel(new StageReportHandler(store));

    @AfterEach
    void finish() {
        assertFalse(channel.finish());
        assertNull(channel.readOutbound());
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(HttpMethod method, String uri, String body) throws Exception {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)));
        FullHttpResponse response = channel.readOutbound();
        try {
            return new Answer(response.status().code(),
                    MAPPER.readTree(response.content().toString(StandardCharsets.UTF_8)));
        } finally {
            response.release();
        }
    }

    @Test
    void reportsBeforeDuringAndAfterTheRequestMergeAndPartsOfOneStageSum() throws Exception {
        // before the request is even sent: an encoder report (ids are joined to records only after the run)
        assertEquals(200, call(HttpMethod.POST, "/ttft_report",
                "{\"role\":\"encoder\",\"request_id\":\"run-1\",\"enc_queue_time_ms\":0.5,"
                        + "\"enc_compute_time_ms\":2.0}").status());
        // during: the prefill queue, then a chunked prefill reporting its compute in two parts
        call(HttpMethod.POST, "/ttft_report", "{\"role\":\"pd\",\"request_id\":\"run-1\",\"prefill_queue_time_ms\":3}");
        Answer during = call(HttpMethod.GET, "/ttft_report/run-1", "");
        assertEquals(3.0, during.body().path("prefill_queue_time_ms").asDouble());
        assertTrue(during.body().path("prefill_compute_time_ms").isMissingNode());
        call(HttpMethod.POST, "/ttft_report", "{\"role\":\"pd\",\"request_id\":\"run-1\",\"prefill_compute_time_ms\":4.25}");
        call(HttpMethod.POST, "/ttft_report", "{\"role\":\"pd\",\"request_id\":\"run-1\",\"prefill_compute_time_ms\":1.5}");
        // after the response: a meta report, with a field that is not a stage and a null stage
        call(HttpMethod.POST, "/ttft_report", "{\"role\":\"meta\",\"request_id\":\"run-1\","
                + "\"emb_cache_transfer_time_ms\":0.25,\"num_tokens\":12,\"enc_queue_time_ms\":null}");

        Answer merged = call(HttpMethod.GET, "/ttft_report/run-1", "");

        assertEquals(200, merged.status());
        assertEquals(0.5, merged.body().path("enc_queue_time_ms").asDouble());
        assertEquals(2.0, merged.body().path("enc_compute_time_ms").asDouble());
        assertEquals(3.0, merged.body().path("prefill_queue_time_ms").asDouble());
        assertEquals(5.75, merged.body().path("prefill_compute_time_ms").asDouble(), 1e-12);
        assertEquals(0.25, merged.body().path("emb_cache_transfer_time_ms").asDouble());
        assertTrue(merged.body().path("num_tokens").isMissingNode());
        assertEquals(5, merged.body().path("reports").asInt());
        assertEquals("[\"encoder\",\"meta\",\"pd\"]", merged.body().path("roles").toString());
        assertEquals(11.5, store.get("run-1").orElseThrow().totalMillis(), 1e-12);
    }

    @Test
    void unknownIdsAreNotFoundAndBadReportsAreRejected() throws Exception {
        assertEquals(404, call(HttpMethod.GET, "/ttft_report/nobody", "").status());
        assertEquals(400, call(HttpMethod.POST, "/ttft_report", "not json").status());
        assertEquals(400, call(HttpMethod.POST, "/ttft_report", "{\"prefill_queue_time_ms\":1}").status());
        Answer negative = call(HttpMethod.POST, "/ttft_report",
                "{\"request_id\":\"x\",\"prefill_queue_time_ms\":-1}");
        assertEquals(400, negative.status());
        assertTrue(negative.body().path("error").asText().contains("prefill_queue_time_ms"));
        assertEquals(404, call(HttpMethod.GET, "/elsewhere", "").status());
        assertTrue(store.snapshot().isEmpty());
    }
}
