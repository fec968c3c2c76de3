package dev.tokenperf.reports.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlSelectionTest {
    private static final List<String> TWO = List.of("http://127.0.0.1:8001", "http://127.0.0.1:8002");

    @Test
    void roundRobinIsTheIndexModuloTheCount() {
        UrlSelection three = new UrlSelection(List.of("http://a", "http://b", "http://c"),
                ModelSelection.Strategy.ROUND_ROBIN);
        List<Integer> picked = new ArrayList<>();
        for (long i = 0; i < 7; i++) {
            picked.add(three.indexOf(i, 99));
        }
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 0), picked);
    }

    @Test
    void randomDependsOnlyOnTheSeedAndTheIndex() {
        UrlSelection random = new UrlSelection(TWO, ModelSelection.Strategy.RANDOM);
        List<Integer> forward = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            forward.add(random.indexOf(i, 7));
        }
        // asked backwards (as loops racing for indexes might), each index gets the same server
        for (long i = 999; i >= 0; i--) {
            assertEquals(forward.get((int) i), random.indexOf(i, 7), "index " + i);
        }
        List<Integer> otherSeed = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            otherSeed.add(random.indexOf(i, 8));
        }
        assertNotEquals(forward, otherSeed);
        long first = forward.stream().filter(s -> s == 0).count();
        assertTrue(first > 400 && first < 600, "about half each: " + first);
        assertTrue(forward.stream().allMatch(s -> s == 0 || s == 1));
    }

    @Test
    void oneServerTakesEveryRequest() {
        UrlSelection one = UrlSelection.of("http://127.0.0.1:8000");
        assertFalse(one.several());
        assertEquals(0, one.indexOf(5, 1));
        assertEquals("http://127.0.0.1:8000", one.first());
    }

    @Test
    void badInputNamesItsFlag() {
        assertEquals("--url http://a is given twice; each --url must be a different server",
                assertThrows(IllegalArgumentException.class, () -> new UrlSelection(List.of("http://a", "http://a"),
                        ModelSelection.Strategy.ROUND_ROBIN)).getMessage());
        assertEquals("--url-strategy must be round_robin or random, got 'least_loaded'",
                assertThrows(IllegalArgumentException.class,
                        () -> ModelSelection.Strategy.ofOption("least_loaded", UrlSelection.FLAG)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new UrlSelection(List.of(), ModelSelection.Strategy.ROUND_ROBIN));
    }

    @Test
    void severalUrlsAndTheirStrategyReadBackFromInputConfigBesideUrl() {
        Endpoint endpoint = endpoint(new UrlSelection(TWO, ModelSelection.Strategy.RANDOM));
        Map<String, Object> config = InputConfig.write(plan(endpoint), facts());
        Map<?, ?> saved = (Map<?, ?>) config.get("endpoint");
        assertEquals(TWO.get(0), saved.get("url"), "aiperf's url stays, the first server");
        assertEquals(TWO, saved.get("urls"));
        assertEquals("random", saved.get("url_strategy"));
        assertEquals(endpoint, InputConfig.read(config).plan().endpoint());
    }

    @Test
    void oneUrlWritesInputConfigAsBefore() {
        Endpoint endpoint = endpoint(UrlSelection.of(TWO.get(0)));
        Map<?, ?> saved = (Map<?, ?>) InputConfig.write(plan(endpoint), facts()).get("endpoint");
        assertFalse(saved.containsKey("urls"));
        assertFalse(saved.containsKey("url_strategy"));
        assertEquals(TWO.get(0), saved.get("url"));
    }

    private static Endpoint endpoint(UrlSelection urls) {
        return new Endpoint(urls, ModelSelection.of("m"), EndpointType.CHAT, true, List.of(), Map.of(),
                Duration.ofSeconds(5), false, RequestCancellation.NONE, 1);
    }

    private static RunPlan plan(Endpoint endpoint) {
        return new RunPlan(endpoint, Workload.fixed(128, 16, 42), new LoadModel.ClosedLoop(2, 0),
                new StopConditions(10, 0, 30_000_000_000L, 5), new Warmup(0, 0), new ClientSettings(1, 1.5), null);
    }

    private static RunFacts facts() {
        return new RunFacts("synthetic", "gpt2", false, "abc", "m", 1);
    }
}
