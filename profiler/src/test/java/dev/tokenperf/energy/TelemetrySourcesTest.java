package dev.tokenperf.energy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DCGM exporter text and nvidia-smi output, read into GPU readings. */
class TelemetrySourcesTest {
    @TempDir
    Path dir;

    @Test
    void dcgmTextGivesOneReadingPerGpuWithTheEnergyCounterInJoules() {
        List<GpuReading> readings = DcgmSource.parse("""
                # HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).
                DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-a",Hostname="h"} 250.5
                DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu="0",UUID="GPU-a",Hostname="h"} 123456789
                DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-a",Hostname="h"} 97
                DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a",Hostname="h"} 40000
                DCGM_FI_DEV_POWER_USAGE{UUID="GPU-b"} 80
                DCGM_FI_DEV_GPU_UTIL{gpu="7"} 3
                DCGM_FI_DEV_SM_CLOCK{gpu="0"} 1980
                """);
        assertEquals(List.of(new GpuReading("0", 250.5, 123456.789, 97, 40000),
                new GpuReading("GPU-b", 80, Double.NaN, Double.NaN, Double.NaN)), readings,
                "GPU 7 has no power reading and is left out");
    }

    @Test
    void aStandInNvidiaSmiIsPolledAndItsMissingValuesAreNaN() throws IOException, InterruptedException {
        Path script = dir.resolve("nvidia-smi");
        Path args = dir.resolve("args.txt");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > " + args + "\nprintf '0, 312.40, 88, 50123\\n"
                + "1, [N/A], 0, 100\\n2, 95.10, [N/A], 7\\n'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<GpuReading> readings = new NvidiaSmiSource(script.toString()).read();
        assertEquals(String.join(" ", NvidiaSmiSource.ARGS), Files.readString(args).strip());
        assertEquals(2, readings.size(), "GPU 1 reports no power");
        assertEquals(new GpuReading("0", 312.40, Double.NaN, 88, 50123), readings.get(0));
        assertEquals("2", readings.get(1).gpu());
        assertTrue(Double.isNaN(readings.get(1).utilPercent()));
    }

    @Test
    void aMissingNvidiaSmiSaysSo() {
        IOException e = assertThrows(IOException.class,
                () -> new NvidiaSmiSource(dir.resolve("no-such-nvidia-smi").toString()).read());
        assertTrue(e.getMessage().startsWith("nvidia-smi not found on PATH"), e.getMessage());
    }
}
