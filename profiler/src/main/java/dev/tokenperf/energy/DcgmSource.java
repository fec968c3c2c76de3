package dev.tokenperf.energy;

import dev.tokenperf.reports.servermetrics.PrometheusText;
import dev.tokenperf.stages.PrometheusEndpoint;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An NVIDIA DCGM exporter endpoint (Prometheus text): {@code DCGM_FI_DEV_POWER_USAGE} (W),
 * {@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION} (mJ since the driver loaded), {@code DCGM_FI_DEV_GPU_UTIL} (%)
 * and {@code DCGM_FI_DEV_FB_USED} (MiB), one reading per GPU ({@code gpu} label, else {@code UUID}).
 */
public final class DcgmSource implements TelemetrySource {
    static final String POWER = "DCGM_FI_DEV_POWER_USAGE";
    static final String ENERGY = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";
    static final String UTIL = "DCGM_FI_DEV_GPU_UTIL";
    static final String FB_USED = "DCGM_FI_DEV_FB_USED";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final PrometheusEndpoint endpoint;

    public DcgmSource(URI url) {
        this.endpoint = new PrometheusEndpoint(url, TIMEOUT);
    }

    @Override
    public String describe() {
        return "DCGM exporter " + endpoint.url();
    }

    @Override
    public List<GpuReading> read() throws IOException, InterruptedException {
        return readings(endpoint.samples());
    }

    /** The readings in a DCGM exporter's text; GPUs without a power sample are left out. */
    static List<GpuReading> parse(String text) {
        return readings(PrometheusText.parse(text));
    }

    private static List<GpuReading> readings(List<PrometheusText.Sample> samples) {
        Map<String, double[]> byGpu = new LinkedHashMap<>();
        for (PrometheusText.Sample s : samples) {
            int field = switch (s.name()) {
                case POWER -> 0;
                case ENERGY -> 1;
                case UTIL -> 2;
                case FB_USED -> 3;
                default -> -1;
            };
            if (field < 0) {
                continue;
            }
            String gpu = s.labels().getOrDefault("gpu", s.labels().getOrDefault("UUID", "0"));
            double[] values = byGpu.computeIfAbsent(gpu, g -> new double[] {Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN});
            values[field] = field == 1 ? s.value() / 1000 : s.value(); // the energy counter is in millijoules
        }
        List<GpuReading> readings = new ArrayList<>();
        byGpu.forEach((gpu, v) -> {
            if (!Double.isNaN(v[0])) {
                readings.add(new GpuReading(gpu, v[0], v[1], v[2], v[3]));
            }
        });
        return readings;
    }
}
