package dev.tokenperf.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ColdStartCaseTest {

    @Test
    void aClosedAndAnOpenCaseAsTheProfileFlagsAUserTypes() {
        List<ColdStartCase> cases = ColdStartCase.named(List.of("c32", "r100"));

        assertEquals(List.of("profile", "--url", "http://h:1", "--model", "m", "--streaming", "--isl", "64", "--osl",
                "32", "--request-count", "256", "--warmup-request-count", "32", "--concurrency", "32", "-q",
                "--output-dir", "out", "--no-client-warmup"), cases.get(0).profileArgs("http://h:1", "m",
                Path.of("out"), 64, 32, List.of("--no-client-warmup")));
        assertEquals(List.of("profile", "--url", "http://h:1", "--model", "m", "--streaming", "--isl", "64", "--osl",
                "32", "--request-count", "1000", "--warmup-request-count", "32", "--request-rate", "100.0",
                "--arrival-pattern", "poisson", "-q", "--output-dir", "out"), cases.get(1).profileArgs("http://h:1",
                "m", Path.of("out"), 64, 32, List.of()));
    }

    @Test
    void fewerRequestsNeverWarmUpWithMoreThanThey() {
        ColdStartCase quick = ColdStartCase.named(List.of("c256")).get(0).withRequests(4);

        assertEquals(new ColdStartCase("c256", 256, 0, 4, 4), quick);
        assertEquals("concurrency 256, 4 requests", quick.describe());
    }

    @Test
    void anUnknownCaseIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ColdStartCase.named(List.of("c2")));

        assertEquals("--cold-start-cases: unknown case 'c2', known: c1,c32,c256,r100,r500,c32-2048", e.getMessage());
    }
}
