package dev.tokenperf.warmup;

import dev.tokenperf.reports.plan.EndpointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientWarmupTest {
    private static final Duration WIDE = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void streamsEveryRequestsChunksThroughTheClientAgainstTheStub() throws Exception {
        WarmupReport report = ClientWarmup.run(EndpointType.CHAT, true, 1, 12, WIDE, Duration.ZERO);

        assertEquals(12, report.requests());
        assertEquals(12 * 32, report.chunks(), "the stub streams 32 one-token chunks per request");
        assertTrue(report.describe().startsWith("client warmup: "));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aNonStreamedCompletionCountsOneResponsePerRequest() throws Exception {
        WarmupReport report = ClientWarmup.run(EndpointType.COMPLETIONS, false, 1, 5, WIDE, Duration.ZERO);

        assertEquals(5, report.requests());
        assertEquals(5, report.chunks());
    }
}
