package dev.tokenperf.reports.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSelectionTest {

    private static final ModelSelection TWO = new ModelSelection(List.of("base", "lora-a"),
            ModelSelection.Strategy.ROUND_ROBIN);

    @Test
    void roundRobinAlternatesInTheOrderGiven() {
        assertEquals(List.of("base", "lora-a", "base", "lora-a", "base"), TWO.sequence(5, 42));
    }

    @Test
    void randomIsSeededAndDrawsOnlyTheGivenNames() {
        ModelSelection random = new ModelSelection(List.of("a", "b", "c"), ModelSelection.Strategy.RANDOM);
        List<String> once = random.sequence(60, 7);
        assertEquals(once, random.sequence(60, 7));
        assertNotEquals(once, random.sequence(60, 8));
        assertTrue(List.of("a", "b", "c").containsAll(once));
        for (String name : List.of("a", "b", "c")) {
            assertTrue(Collections.frequency(once, name) > 0, name);
        }
    }

    @Test
    void noModelLeavesEveryRequestToTheServer() {
        assertEquals(Arrays.asList(null, null), ModelSelection.NONE.sequence(2, 1));
        assertNull(ModelSelection.NONE.first());
    }

    @Test
    void badInputNamesItsFlag() {
        assertEquals("--model-selection-strategy must be round_robin or random, got 'rr'",
                assertThrows(IllegalArgumentException.class, () -> ModelSelection.Strategy.ofOption("rr"))
                        .getMessage());
        assertEquals("--model must not be empty", assertThrows(IllegalArgumentException.class,
                () -> new ModelSelection(List.of("a", " "), ModelSelection.Strategy.ROUND_ROBIN)).getMessage());
    }

    @Test
    void severalModelsAndTheirStrategyReadBackFromInputConfig() {
        ModelSelection random = new ModelSelection(List.of("base", "lora-a"), ModelSelection.Strategy.RANDOM);
        Endpoint endpoint = new Endpoint("http://127.0.0.1:8000", random, EndpointType.CHAT, true, List.of(),
                Map.of(), Duration.ofSeconds(5), false, RequestCancellation.NONE, 1);
        RunPlan plan = new RunPlan(endpoint, Workload.fixed(128, 16, 42), new LoadModel.ClosedLoop(2, 0),
                new StopConditions(10, 0, 30_000_000_000L, 5), new Warmup(0, 0), new ClientSettings(1, 1.5), null);

        Map<String, Object> config = InputConfig.write(plan, new RunFacts("synthetic", "gpt2", false, "abc", "base",
                1));

        Map<?, ?> saved = (Map<?, ?>) config.get("endpoint");
        assertEquals(List.of("base", "lora-a"), saved.get("model_names"));
        assertEquals("random", saved.get("model_selection_strategy"));
        assertEquals(endpoint, InputConfig.read(config).plan().endpoint());
    }
}
