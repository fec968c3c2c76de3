package dev.tokenperf.profile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The wait for a loading server, on a scripted clock: pauses advance it instead of sleeping. */
class ModelWaitTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<Long> pauses = new ArrayList<>();

    private void pause(long nanos) {
        pauses.add(nanos);
        now.addAndGet(nanos);
    }

    @Test
    void asksUntilTheServerAnswersPausingBetweenQuestions() throws Exception {
        int[] asked = {0};
        int attempts = ModelWait.await(() -> ++asked[0] == 4, now::get, this::pause, 10_000_000_000L, "http://x");

        assertEquals(4, attempts);
        assertEquals(List.of(ModelWait.RETRY_NANOS, ModelWait.RETRY_NANOS, ModelWait.RETRY_NANOS), pauses);
    }

    @Test
    void aServerThatNeverAnswersFailsTheRunWhenTheTimeIsUp() {
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> ModelWait.await(() -> false, now::get, this::pause, 1_200_000_000L, "http://x"));

        // asked at 0, 0.5 and 1.0 s, paused the last 0.2 s, asked once more at 1.2 s
        assertEquals(List.of(ModelWait.RETRY_NANOS, ModelWait.RETRY_NANOS, 200_000_000L), pauses);
        assertEquals("GET http://x/v1/models did not answer 2xx within 1.2 s (--wait-for-model-timeout), 4 attempts",
                e.getMessage());
    }

    @Test
    void aReadyServerIsAskedOnceWithoutPausing() throws Exception {
        assertEquals(1, ModelWait.await(() -> true, now::get, this::pause, 1, "http://x"));
        assertEquals(List.of(), pauses);
    }
}
