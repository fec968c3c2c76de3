package dev.tokenperf.bench;

import dev.tokenperf.wire.EmulatorLateness;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmulatorProcessTest {

    @Test
    void theChildServesItsLatenessAndReportsItsCpuUntilClosed() throws Exception {
        StringWriter log = new StringWriter();
        EmulatorProcess child = EmulatorProcess.start(List.of("--ttft-ms", "1", "--itl-ms", "1"), null,
                new PrintWriter(log));
        try {
            assertTrue(child.url().matches("http://127\\.0\\.0\\.1:\\d+"), child.url());
            EmulatorProbe probe = new EmulatorProbe(child.url(), child::cpuNanos);
            EmulatorLateness late = probe.lateness();
            assertNotNull(late, "the child answers " + EmulatorLateness.PATH);
            assertTrue(probe.cpuNanos() > 0, "a JVM that started has used CPU");
        } finally {
            child.close();
        }
        assertTrue(new EmulatorProbe(child.url(), null).lateness() == null, "the child is gone after close");
    }

    @Test
    void aChildThatCannotStartFailsWithItsOutput() {
        Exception e = assertThrows(java.io.IOException.class, () -> EmulatorProcess.start(
                List.of("--itl-ms", "-1"), null, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("did not start"), e.getMessage());
    }
}
