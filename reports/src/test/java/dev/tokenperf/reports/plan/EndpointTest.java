package dev.tokenperf.reports.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EndpointTest {

    private static Endpoint endpoint(EndpointType type, boolean streaming, int batchSize) {
        return new Endpoint("http://127.0.0.1:8000", ModelSelection.of("m"), type, streaming, List.of(), Map.of(), Duration.ofSeconds(5),
                false, RequestCancellation.NONE, batchSize);
    }

    @Test
    void anEmbeddingsBatchIsSavedAndReadBack() {
        Endpoint batched = endpoint(EndpointType.EMBEDDINGS, false, 4);
        RunPlan plan = new RunPlan(batched, Workload.fixed(128, -1, 42), new LoadModel.ClosedLoop(2, 0),
                new StopConditions(10, 0, 30_000_000_000L, 5), new Warmup(0, 0), new ClientSettings(1, 1.5), null);
        RunFacts facts = new RunFacts("synthetic", "gpt2", false, "abc", "m", 1);

        Map<String, Object> config = InputConfig.write(plan, facts);

        assertEquals(4, ((Map<?, ?>) config.get("endpoint")).get("batch_size"));
        assertEquals(batched, InputConfig.read(config).plan().endpoint());
    }

    @Test
    void embeddingsDoNotStreamAndOnlyEmbeddingsBatch() {
        IllegalArgumentException streamed = assertThrows(IllegalArgumentException.class,
                () -> endpoint(EndpointType.EMBEDDINGS, true, 1));
        assertEquals("--streaming does not apply to --endpoint-type embeddings: its response is one whole body",
                streamed.getMessage());
        IllegalArgumentException batched = assertThrows(IllegalArgumentException.class,
                () -> endpoint(EndpointType.MESSAGES, true, 2));
        assertEquals("--batch-size applies to --endpoint-type embeddings only, got 2 with messages",
                batched.getMessage());
        assertEquals("--batch-size must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> endpoint(EndpointType.EMBEDDINGS, false, 0)).getMessage());
    }
}
