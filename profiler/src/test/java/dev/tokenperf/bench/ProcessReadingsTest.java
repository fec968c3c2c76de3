package dev.tokenperf.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readings of {@code /proc} and the child's command line, from fixed texts. */
class ProcessReadingsTest {

    @Test
    void reapedChildrenCpuIsCutimePlusCstimeInTicksOfTenMilliseconds() {
        // a command name with a space and a parenthesis; fields 14-17 are utime stime cutime cstime
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 200 0 0 700 80 1234 56 20 0 30 0 99";

        assertEquals((1234 + 56) * 10_000_000L, ReapedChildCpu.fromStat(stat));
    }

    @Test
    void peakRssIsVmHwmInMebibytes() {
        assertEquals(200.5, PeakRss.fromStatus("Name:\tjava\nVmPeak:\t 999 kB\nVmHWM:\t  205312 kB\nVmRSS:\t 1 kB\n"));
        assertTrue(Double.isNaN(PeakRss.fromStatus("Name:\tjava\n")));
    }

    @Test
    void aSingleJarStartsWithDashJarAndUserOptionsComeAfterTheLaunchersOwn() {
        assertEquals(List.of("/j/bin/java", "-XX:+UseSerialGC", "-Xmx1g", "-XX:TieredStopAtLevel=4", "-jar",
                        "/t/tokenperf.jar"),
                ProfileLauncher.javaCommand("/j/bin/java", List.of("-XX:+UseSerialGC"),
                        " -Xmx1g  -XX:TieredStopAtLevel=4 ", "/t/tokenperf.jar"));
        assertEquals(List.of("/j/bin/java", "-cp", "/a/classes:/b.jar", "dev.tokenperf.cli.Main"),
                ProfileLauncher.javaCommand("/j/bin/java", List.of(), null, "/a/classes:/b.jar"));
    }
}
